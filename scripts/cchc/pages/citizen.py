"""What citizens look for first: hotlines, procedures, questions and answers, the home page."""

from __future__ import annotations

from functools import partial

from . import progress as pages_progress
from ..base import routes
from ..model.types import AREAS, QUESTION_ANSWERED, QUESTION_WAITING, Question
from .outputs import OutputPage

NATIONAL_PORTAL = "https://dichvucong.gov.vn/"
QA_TITLE = "Dân hỏi – Cơ quan chức năng trả lời"
QA_AREAS = [name for name in AREAS if name != "Tin hoạt động"]


def pages(builder) -> list[OutputPage]:
    out = []
    for unit in builder.portal.units:
        here = routes.hotline_page(unit.id)
        out.append(OutputPage(here, f"Đường dây nóng – {unit.title_name}",
                              builder.later("hotline.html", here, unit=unit),
                              f"Số điện thoại đường dây nóng, nơi tiếp nhận phản ánh, kiến nghị của {unit.full_name}.",
                              unit.source_path, unit.id))
        here = routes.procedures_page(unit.id)
        out.append(OutputPage(here, f"Thủ tục hành chính – {unit.title_name}",
                              builder.later("procedures.html", here, unit=unit, national_portal=NATIONAL_PORTAL),
                              f"Cách làm thủ tục hành chính, nộp hồ sơ trực tuyến và gửi phản ánh, kiến nghị tại {unit.full_name}.",
                              unit.source_path, unit.id))
        here = routes.unit_questions(unit.id)
        chosen = [q for q in builder.portal.questions if q.unit_id == unit.id]
        out.append(OutputPage(here, f"{QA_TITLE} – {unit.title_name}", partial(_questions, builder, here, chosen, unit),
                              f"Câu hỏi của người dân và trả lời của cơ quan chức năng {unit.full_name}.",
                              unit_id=unit.id))
    here = routes.QUESTIONS_INDEX
    out.append(OutputPage(here, QA_TITLE, partial(_questions, builder, here, builder.portal.questions, None),
                          "Câu hỏi của người dân về cải cách hành chính và trả lời của cơ quan chức năng."))
    return out


def _questions(builder, here: str, questions: list[Question], unit) -> str:
    waiting_long = {q.src_uri for q in questions
                    if not q.is_answered and q.days_waiting(builder.settings.today) > builder.settings.overdue_days}
    return builder.render("questions.html", here, questions=questions, unit=unit, areas=QA_AREAS,
                          statuses=[QUESTION_WAITING, QUESTION_ANSWERED], waiting_long=waiting_long)


def question_parts(builder, question: Question) -> tuple[str, str]:
    unit = builder.portal.unit(question.unit_id)
    context = {"q": question, "unit": unit, "today": builder.settings.today,
               "overdue": not question.is_answered
               and question.days_waiting(builder.settings.today) > builder.settings.overdue_days}
    return (builder.render("question_header.html", question.src_uri, **context),
            builder.render("question_footer.html", question.src_uri, **context))


def home(builder) -> str:
    """Generated sections appended to the hand-written home page."""
    portal = builder.portal
    year = builder.settings.today.year
    current = []
    for unit in portal.units:
        plans = [p for p in unit.plans if p.year <= year] or unit.plans
        if plans:
            current.append((unit, plans[0]))
    answered = [q for q in portal.questions if q.is_answered]
    answered.sort(key=lambda q: (q.answered, q.src_uri), reverse=True)
    return builder.render("home.html", routes.HOME, current=current, posts=portal.posts[:5], answered=answered[:5],
                          summary=pages_progress.home_summary(builder))


_ROOT = "\ue000ROOT\ue000"  # a private-use sentinel: templates drop control characters


def footer(builder, unit_id: str | None, here: str) -> str:
    """The same block on thousands of pages: rendered once per unit with links from the site
    root, then given each page's way back to the root."""
    cache = builder.cache["footers"]
    if unit_id not in cache:
        unit = builder.portal.unit(unit_id) if unit_id else None
        if unit is None and len(builder.portal.units) == 1:
            unit = builder.portal.units[0]
        template = builder.env.get_template("footer_contact.html")
        cache[unit_id] = template.render(
            link=lambda to_src, anchor="": _ROOT + routes.url_of(to_src, builder.settings.directory_urls)
            + (f"#{anchor}" if anchor else ""),
            routes=routes, portal=builder.portal, settings=builder.settings, unit=unit)
    prefix = routes.root_prefix(here, builder.settings.directory_urls) or "./"
    return cache[unit_id].replace(_ROOT, prefix)
