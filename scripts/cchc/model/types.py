"""The portal's data, after checking: units, their plans, tasks and targets.

Identifiers are English; the YAML keys staff write are Vietnamese (see the
schemas).  The issued plan is kept as issued: nothing here is progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..base.dates import PartialDate
from ..base.phones import Phone
from ..base.problems import Problem
from ..check.schema import enum_annotation
from .agencies import AgencyDirectory

# The lists staff choose from are the schemas' enums; their labels and slugs are written there too.
TARGET_PERIODS = enum_annotation("ke-hoach", "/$defs/chi_tieu/properties/ky", "x-labels")
CHANNELS = enum_annotation("ke-hoach", "/$defs/chi_tieu/properties/kenh", "x-labels")


@dataclass
class Hotline:
    purpose: str
    phone: Phone
    email: str = ""
    hours: str = ""
    person: str = ""
    position: str = ""
    address: str = ""
    sample: bool = False


@dataclass
class Responsible:
    """The person responsible for the portal's content (chiu_trach_nhiem), shown in every page's footer."""

    position: str
    name: str = ""
    sample: bool = False


@dataclass
class Item:
    """A bullet or numbered item of a plan section, possibly nested."""

    text: str = ""
    label: str = ""
    heading: str = ""
    children: list["Item"] = field(default_factory=list)


@dataclass
class BasisRef:
    lead_in: str
    kind: str
    number: str
    issuer: str
    issued: date | None = None
    subject: str = ""
    plan_key: tuple[str, int] | None = None  # set when the referenced plan is in the data


@dataclass
class Target:
    id: str
    count: int
    unit_of_count: str
    period: str
    at_least: bool = True
    channel: str = ""
    agency: str = ""
    source: str = ""
    task_id: str = ""

    @property
    def period_text(self) -> str:
        return TARGET_PERIODS[self.period]

    @property
    def channel_text(self) -> str:
        return CHANNELS.get(self.channel, "")

    @property
    def summary(self) -> str:
        prefix = "tối thiểu " if self.at_least else ""
        return f"{prefix}{self.count:02d} {self.unit_of_count} {self.period_text}"


@dataclass
class Task:
    id: str
    content: str
    lead: str
    number: str = ""
    cooperating: list[str] = field(default_factory=list)
    timing: str = ""
    completion: str = ""
    start: date | None = None
    deadline: date | None = None
    output: str = ""
    targets: list[Target] = field(default_factory=list)


@dataclass
class Responsibility:
    agency: str
    label: str = ""
    text: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class ReportPeriod:
    period: str
    name: str = ""
    due: date | None = None
    recipient: str = ""
    source: str = ""


@dataclass
class Signature:
    position: str
    name: str
    on_behalf: str = ""  # "TM. ỦY BAN NHÂN DÂN"
    signing_for: str = ""  # "KT. CHỦ TỊCH"


@dataclass
class Appendix:
    title: str = ""
    subject: str = ""
    note: str = ""
    missing: bool = False


@dataclass
class Evidence:
    label: str
    href: str  # an http(s) URL, or a source path under the docs folder
    is_page: bool = False  # a Markdown page of the site (posts): linked as a page


@dataclass
class Entry:
    day: date
    task_id: str = ""
    target_id: str = ""
    count: int | None = None
    status: str = ""
    note: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    from_post: str = ""  # the post's title when the entry comes from the column


@dataclass
class ProgressLog:
    source_path: str = ""
    sample: bool = False
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Plan:
    unit_id: str
    year: int
    number: str
    code: str
    title: str
    signature: Signature
    source_path: str
    doc_kind: str = "KẾ HOẠCH"
    issuer: str = ""
    place: str = ""
    issued: PartialDate | None = None
    source_note: str = ""
    basis: list[BasisRef] = field(default_factory=list)
    lead_in: str = ""
    headings: dict[str, str] = field(default_factory=dict)
    purposes: list[Item] = field(default_factory=list)
    requirements: list[Item] = field(default_factory=list)
    audiences: str = ""
    scope: str = ""
    period: str = ""
    content: list[Item] = field(default_factory=list)
    forms: list[Item] = field(default_factory=list)
    tasks_intro: str = ""
    budget: str = ""
    responsibilities: list[Responsibility] = field(default_factory=list)
    reporting_rules: list[Item] = field(default_factory=list)
    report_periods: list[ReportPeriod] = field(default_factory=list)
    closing: str = ""
    recipients: list[str] = field(default_factory=list)
    appendix: Appendix = field(default_factory=Appendix)
    tasks: list[Task] = field(default_factory=list)
    plan_targets: list[Target] = field(default_factory=list)
    data: dict = field(default_factory=dict)  # the checked YAML, for the JSON download
    progress: ProgressLog = field(default_factory=ProgressLog)  # kept apart from the issued text
    agencies: AgencyDirectory = field(default_factory=AgencyDirectory)  # the unit's, to group by agency
    original: str = ""  # the document as issued (a file under the docs folder), when staff add it

    @property
    def key(self) -> tuple[str, int]:
        return (self.unit_id, self.year)

    @property
    def number_text(self) -> str:
        """'276/KH-UBND', or '   /KH-UBND' with the blank kept visible."""
        return f"{self.number or chr(0x2026)}/{self.code}"

    @property
    def targets(self) -> list[Target]:
        return [t for task in self.tasks for t in task.targets] + self.plan_targets


@dataclass
class Unit:
    id: str
    name: str
    kind: str
    province: str
    source_path: str
    agency: str = ""
    address: str = ""
    phone: Phone | None = None
    email: str = ""
    website: str = ""
    contact_sample: bool = False
    provincial_portal: str = ""
    complaints_desk: str = ""
    signer: Signature | None = None  # who signs the periodic reports
    hotlines: list[Hotline] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    agencies: AgencyDirectory = field(default_factory=AgencyDirectory)
    managing_agency_name: str = ""  # co_quan_chu_quan; see managing_agency
    responsible: Responsible | None = None
    reception_hours: str = ""  # gio_tiep_dan, covered by contact_sample
    online_form: str = ""  # hoi_dap_truc_tuyen: the unit's own question form, an http(s) URL
    logo: str = ""  # an image path under the docs folder

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def title_name(self) -> str:
        return f"{self.kind[:1].upper()}{self.kind[1:]} {self.name}"

    @property
    def issuing_body(self) -> str:
        return self.agency or f"Ủy ban nhân dân {self.kind} {self.name}"

    @property
    def managing_agency(self) -> str:
        return self.managing_agency_name or self.issuing_body


@dataclass
class Portal:
    units: list[Unit] = field(default_factory=list)
    posts: list["Post"] = field(default_factory=list)  # published only, newest first
    questions: list["Question"] = field(default_factory=list)  # newest first

    @property
    def multi_unit(self) -> bool:
        return len(self.units) > 1

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def posts_by_unit(self) -> dict[str, list["Post"]]:
        """Each unit's posts, newest first as in `posts`: one pass, not one per unit (a province has
        100 units and 8,000 posts, and a site shows each unit's posts on many pages)."""
        found: dict[str, list[Post]] = {}
        for post in self.posts:
            found.setdefault(post.unit_id, []).append(post)
        return found

    def plan(self, key: tuple[str, int]) -> Plan | None:
        unit = self.unit(key[0])
        return next((p for p in unit.plans if p.year == key[1]), None) if unit else None

    @property
    def plans(self) -> list[Plan]:
        return [p for u in self.units for p in u.plans]


# The six areas of administrative reform, plus activity news (posts) and "other" (questions); value: URL slug.
AREAS = {**enum_annotation("bai-viet", "/$defs/linh_vuc", "x-slugs"),
         **enum_annotation("hoi-dap", "/properties/linh_vuc", "x-slugs")}

QUESTION_WAITING = "chờ trả lời"
QUESTION_ANSWERED = "đã trả lời"


@dataclass
class Cover:
    path: str  # relative to the docs folder
    alt: str


@dataclass
class Post:
    src_uri: str
    title: str
    published: date
    unit_id: str
    categories: list[str]
    agency: str
    source_path: str
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    cover: Cover | None = None
    task_id: str = ""
    target_id: str = ""
    draft: bool = False
    sample: bool = False
    words: int = 0
    markers: tuple[Problem, ...] = ()  # what stands before publishing it (model/markers.py)

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 200))


@dataclass
class Question:
    src_uri: str
    question: str
    title: str
    asked: date
    unit_id: str
    area: str
    status: str
    source_path: str
    asker: str = ""
    anonymous: bool = False
    agency: str = ""
    answered: date | None = None
    sample: bool = False
    markers: tuple[Problem, ...] = ()  # what stands before publishing it (model/markers.py)

    @property
    def is_answered(self) -> bool:
        return self.status == QUESTION_ANSWERED

    @property
    def days_to_answer(self) -> int | None:
        return (self.answered - self.asked).days if self.answered else None

    def days_waiting(self, today: date) -> int:
        return (today - self.asked).days
