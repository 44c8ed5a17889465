"""How long answers usually take, from the questions already answered.

The "Gửi câu hỏi" page tells citizens what to expect; the figure must come
from what the unit actually did, not from a promise typed into a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ..model.types import Question


@dataclass
class AnswerTimes:
    answered: int  # questions the figures are computed from
    median_days: int
    longest_days: int
    sample: bool  # at least one of those questions is sample content
    whole_portal: bool  # the unit had no answered question: figures of every unit


def answer_times(questions: list[Question], unit_id: str | None = None) -> AnswerTimes | None:
    """Figures for one unit, else for the whole portal; None when nothing was answered yet."""
    answered = [q for q in questions if q.is_answered and q.days_to_answer is not None]
    own = [q for q in answered if unit_id is None or q.unit_id == unit_id]
    chosen = own or answered
    if not chosen:
        return None
    days = [q.days_to_answer for q in chosen if q.days_to_answer is not None]
    return AnswerTimes(answered=len(chosen), median_days=int(median(days) + 0.5), longest_days=max(days),
                       sample=any(q.sample for q in chosen), whole_portal=not own and unit_id is not None)
