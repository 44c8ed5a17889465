"""What citizens look for first: hotlines, procedures, questions and answers, the home page."""

from __future__ import annotations

from functools import partial

from . import progress as pages_progress
from ..base import routes
from ..compute.answer_times import answer_times
from ..model.types import AREAS, QUESTION_ANSWERED, QUESTION_WAITING, Question, Unit
from .outputs import OutputPage

# The national channels every commune portal points to beside its own: the national public service
# portal and its system for complaints and petitions about administrative rules and procedures.
NATIONAL = {
    "portal": "https://dichvucong.gov.vn/",
    "petitions": "https://dichvucong.gov.vn/p/phananhkiennghi/pakn-gui-pakn.html",
}
QA_TITLE = "Dân hỏi – Cơ quan chức năng trả lời"
QA_AREAS = [name for name in AREAS if name != "Tin hoạt động"]
ASK_TITLE = "Gửi câu hỏi"
ASK_INDEX_TITLE = "Gửi câu hỏi: chọn xã, phường"
HOME_HOTLINE_UNITS = 5  # the home page's first screen lists one number per unit up to this many units


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
                              builder.later("procedures.html", here, unit=unit),
                              f"Cách làm thủ tục hành chính, nộp hồ sơ trực tuyến và gửi phản ánh, kiến nghị tại {unit.full_name}.",
                              unit.source_path, unit.id))
        here = routes.unit_questions(unit.id)
        chosen = [q for q in builder.portal.questions if q.unit_id == unit.id]
        out.append(OutputPage(here, f"{QA_TITLE} – {unit.title_name}", partial(_questions, builder, here, chosen, unit),
                              f"Câu hỏi của người dân và trả lời của cơ quan chức năng {unit.full_name}.",
                              unit_id=unit.id))
        here = routes.ask_page(unit.id)
        out.append(OutputPage(here, f"{ASK_TITLE} – {unit.title_name}",
                              builder.later("ask.html", here, unit=unit,
                                            times=answer_times(builder.portal.questions, unit.id)),
                              f"Cách gửi câu hỏi cho cơ quan chức năng {unit.full_name}: thư điện tử, điện thoại, "
                              "nơi tiếp công dân, và các kênh phản ánh, kiến nghị quốc gia.",
                              unit.source_path, unit.id))
    here = routes.ASK_INDEX
    out.append(OutputPage(here, ASK_INDEX_TITLE, builder.later("ask_index.html", here, title=ASK_INDEX_TITLE),
                          "Chọn xã, phường để gửi câu hỏi cho cơ quan chức năng."))
    here = routes.HOTLINES_INDEX
    out.append(OutputPage(here, "Đường dây nóng", builder.later("hotlines.html", here),
                          "Số điện thoại đường dây nóng tiếp nhận phản ánh, kiến nghị của các xã, phường."))
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


def ask_src(portal, unit: Unit | None) -> str:
    """Where "Gửi câu hỏi" leads: the unit's own page, or the choice of units on a portal of several."""
    if unit is None and len(portal.units) == 1:
        unit = portal.units[0]
    return routes.ask_page(unit.id) if unit else routes.ASK_INDEX


_H1_END = "</h1>"


def home_page(builder, written_html: str) -> str:
    """The home page: the hand-written heading, the citizens' four tasks and the hotlines in the first
    screen of a phone, then the rest of the hand-written text and the generated sections."""
    cut = written_html.find(_H1_END)
    cut = cut + len(_H1_END) if cut >= 0 else 0
    first_screen = builder.render("home_tasks.html", routes.HOME, current=_current_plans(builder),
                                  hotline_units=HOME_HOTLINE_UNITS)
    return written_html[:cut] + first_screen + written_html[cut:] + _home_sections(builder)


def _current_plans(builder) -> list:
    """(unit, plan) of this year's plan of each unit, or its nearest."""
    year = builder.settings.today.year
    current = []
    for unit in builder.portal.units:
        plans = [p for p in unit.plans if p.year <= year] or unit.plans
        if plans:
            current.append((unit, plans[0]))
    return current


def _home_sections(builder) -> str:
    """Generated sections after the hand-written text of the home page."""
    portal = builder.portal
    current = _current_plans(builder)
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
        from_root = (lambda to_src, anchor="": _ROOT + routes.url_of(to_src, builder.settings.directory_urls)
                     + (f"#{anchor}" if anchor else ""))
        cache[unit_id] = template.render(**builder.shared_context(from_root), unit=unit)
    prefix = routes.root_prefix(here, builder.settings.directory_urls) or "./"
    return cache[unit_id].replace(_ROOT, prefix)
