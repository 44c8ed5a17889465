"""What stands between a portal and going public, as problems at their positions.

Errors block publishing (`cchc build --cong-bo`, `cchc deploy`): sample contact
data (`du_lieu_mau: true`), sample content (`noi_dung_mau: true`) and the
importer's `# CẦN XEM` notes. Warnings are advice a public portal should follow:
a hotline, an address, the person responsible for the content, the site's public
address, a plan for the current year and recent progress.

The sample markers are found in the files themselves (re-read here, not kept in
the model): every marker has a position to show, including markers in entries
the model does not keep, such as an agency list.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from . import content as content_files, markers
from .types import Plan, Portal, Unit
from ..base import dates
from ..base.problems import Level, Mark, Problem, ProblemList
from ..check.schema import Checked, SchemaChecker, check_tree, check_tree_once
from ..source import frontmatter, memo
from ..source.discovery import PLAN_FILE, PROGRESS_FILE, UNIT_FILE, UNIT_ID, markdown_files, relative, unit_folders
from ..source.site_config import SiteConfig
from ..source.yaml_tree import decode, load_file

# Progress older than this stands before publishing. The progress work (issue #16) adds the plugin
# option `stale_days` (read here once mkdocs accepts it) and must use this same default.
DEFAULT_STALE_DAYS = 45

SAMPLE_DATA = "du_lieu_mau"
PLACEHOLDER_HOSTS = ("127.0.0.1", "localhost", "0.0.0.0", "::1")
PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost")
_HAND_PAGE_SCHEMA = {"type": "object", "properties": {markers.SAMPLE_CONTENT: {"type": "boolean"}}}


@dataclass(frozen=True)
class Finding:
    unit_id: str | None  # None: the portal as a whole (site address, hand-written pages)
    problem: Problem


@dataclass
class Readiness:
    findings: list[Finding] = field(default_factory=list)
    unit_names: dict[str, str] = field(default_factory=dict)  # unit id -> "Phường Mường Lay"

    @property
    def blockers(self) -> list[Problem]:
        """What a publication build refuses."""
        return [f.problem for f in self.findings if f.problem.is_error]

    def blocking(self) -> "Readiness":
        """Only what a publication build refuses, grouped the same way."""
        return Readiness([f for f in self.findings if f.problem.is_error], self.unit_names)

    def groups(self) -> list[tuple[str, list[Problem]]]:
        """(heading, problems) per unit in the portal's order, then the portal as a whole."""
        by_unit: dict[str | None, list[Problem]] = {}
        for finding in self.findings:
            unit_id = finding.unit_id if finding.unit_id in self.unit_names else None
            by_unit.setdefault(unit_id, []).append(finding.problem)
        out = [(name, by_unit[unit_id]) for unit_id, name in self.unit_names.items() if unit_id in by_unit]
        if None in by_unit:
            out.append(("Toàn cổng", by_unit[None]))
        return out


def stale_days_of(config: SiteConfig) -> int:
    written = (config.plugin_options or {}).get("stale_days", "")
    return int(written) if written.isdigit() and int(written) > 0 else DEFAULT_STALE_DAYS


def assess(root: str, portal: Portal, config: SiteConfig, today: date | None = None,
           plans_dir: str = "plans", docs_dir: str = "content") -> Readiness:
    today = today or dates.as_of_date()
    readiness = Readiness()
    profiles: dict[str, Checked] = {}
    progress_files: dict[str, Checked] = {}
    base = os.path.join(root, plans_dir)
    folders = [f for f in unit_folders(base) if UNIT_ID.match(f.unit_id)] if os.path.isdir(base) else []
    loaded = {unit.id: unit for unit in portal.units}
    for folder in folders:
        unit_id = folder.unit_id
        unit = loaded.get(unit_id)
        readiness.unit_names[unit_id] = f"{unit.title_name if unit else unit_id} ({plans_dir}/{unit_id}/)"
        for name, schema in _data_files(folder.names):
            shown = f"{plans_dir}/{unit_id}/{name}"
            checked, text = _read_yaml(root, shown, schema)
            if text is not None:
                _add(readiness, unit_id, markers.notes(shown, text.split("\n")))
            if checked is None:
                continue
            if schema == "don-vi":
                profiles[unit_id] = checked
            elif schema == "tien-do":
                progress_files[shown] = checked
            _add(readiness, unit_id, _sample_markers(shown, schema, checked))
    _content_findings(root, docs_dir, readiness, portal)
    for unit in portal.units:
        _add(readiness, unit.id, _missing(unit, profiles.get(unit.id), today))
        plan = next((p for p in unit.plans if p.year == today.year), None)
        if plan is not None:
            _add(readiness, unit.id, _stale(plan, progress_files, today, stale_days_of(config)))
    _add(readiness, None, _site_address(config))
    order = {unit_id: index for index, unit_id in enumerate(readiness.unit_names)}
    readiness.findings.sort(key=lambda f: (order.get(f.unit_id or "", len(order)), f.problem.sort_key()))
    return readiness


def _add(readiness: Readiness, unit_id: str | None, problems) -> None:
    readiness.findings.extend(Finding(unit_id, p) for p in problems)


def _data_files(names: tuple[str, ...]):
    for name in names:
        if name == UNIT_FILE:
            yield name, "don-vi"
        elif PLAN_FILE.match(name):
            yield name, "ke-hoach"
        elif PROGRESS_FILE.match(name):
            yield name, "tien-do"


def _read_yaml(root: str, shown: str, schema: str) -> tuple[Checked | None, str | None]:
    """The checked value (or None when the file does not load: `cchc check` reports why) and the text."""
    source = load_file(os.path.join(root, shown), shown)
    if source.root is None:
        return None, source.text
    # The same check as the load's (model/load.py), remembered under the same slot: a preview's engine
    # then checks an unchanged file neither twice per save nor again on the next one.
    return check_tree_once(source.root, shown, schema, ProblemList(shown)), source.text


# -- sample markers -------------------------------------------------------------------------------

def _sample_markers(shown: str, schema: str, checked: Checked):
    for path in _true_keys(checked.value, (), SAMPLE_DATA):
        yield Problem(shown, checked.mark(path), _sample_data_message(schema, path, checked.value))


def _true_keys(value, path: tuple, key: str):
    if isinstance(value, dict):
        for name, sub in value.items():
            if name == key and sub is True:
                yield path + (name,)
            else:
                yield from _true_keys(sub, path + (name,), key)
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _true_keys(sub, path + (index,), key)


def _entry(value: dict, path: tuple) -> dict:
    for part in path[:-1]:
        value = value[part]
    return value


def _sample_data_message(schema: str, path: tuple, data: dict) -> str:
    clear = markers.CLEAR_MARK.format(key=SAMPLE_DATA)
    entry = _entry(data, path)
    if schema == "tien-do" and len(path) == 1:
        return f"Số liệu tiến độ còn là dữ liệu mẫu: thay bằng kết quả thật của đơn vị {clear}."
    if schema != "don-vi":
        return f"Mục này còn là dữ liệu mẫu: thay bằng thông tin thật {clear}."
    if len(path) == 1:
        return f"Địa chỉ, điện thoại, thư điện tử của đơn vị còn là dữ liệu mẫu: ghi thông tin thật {clear}."
    if path[0] == "duong_day_nong":
        return (f"Đường dây nóng “{entry.get('noi_dung', '')}” còn là số mẫu: ghi số thật (hoặc xóa cả mục) {clear}.")
    if path[0] == "cac_co_quan":
        return f"Cơ quan “{entry.get('ten', '')}” trong danh sách là dữ liệu mẫu: đối chiếu với văn bản {clear}."
    if path[0] == "chiu_trach_nhiem":
        return f"Người chịu trách nhiệm nội dung còn là dữ liệu mẫu: ghi họ tên, chức vụ thật {clear}."
    return f"Mục '{path[0]}' còn là dữ liệu mẫu: thay bằng thông tin thật {clear}."


@dataclass
class _ContentFile:
    shown: str  # path from the portal root
    folder: str | None  # POSTS_DIR or QUESTIONS_DIR; None for a hand-written page
    checked: Checked
    head: list[str]  # the front matter's lines, for notes

    @property
    def value(self) -> dict:
        return self.checked.value or {}

    @property
    def is_sample(self) -> bool:
        return markers.is_sample(self.checked)

    @functools.cached_property
    def findings(self) -> list[Problem]:
        """Its importer notes and sample marker: made once per reading (a reading may be remembered)."""
        return markers.content_file(self.shown, _KINDS.get(self.folder or ""), self.checked, self.head)


_KINDS = {content_files.POSTS_DIR: "bai-viet", content_files.QUESTIONS_DIR: "hoi-dap"}  # folder -> schema


def _content(root: str, docs_dir: str, loaded: set[str] | frozenset[str] = frozenset()):
    """Every Markdown file under the docs folder that has readable front matter, but for `loaded`
    (paths from the portal root), which are not read."""
    docs = os.path.join(root, docs_dir)
    for path in markdown_files(docs) if os.path.isdir(docs) else []:
        if loaded and relative(path, root) in loaded:
            continue
        data = memo.read_bytes(path)
        # The preview's engine assesses on every save: a file whose bytes are the same keeps its reading.
        found = memo.remembered(("readiness", root, path), data,
                                     lambda _found: _read_content(root, docs, path, data))
        if found is not None:
            yield found


def _read_content(root: str, docs: str, path: str, data: bytes) -> "_ContentFile | None":
    src_uri, shown = relative(path, docs), relative(path, root)
    folder = next((f for f in _KINDS if src_uri.startswith(f + "/")), None)
    text = decode(shown, data, ProblemList(shown))
    if text is None:
        return None  # `cchc check` says why
    source = frontmatter.split(shown, text, ProblemList(shown))
    if source.root is None:
        return None  # no front matter (a hand-written page), or one `cchc check` reports
    if folder:
        checked = check_tree(source.root, _KINDS[folder], ProblemList(shown))
    else:
        checked = SchemaChecker(_HAND_PAGE_SCHEMA, ProblemList(shown)).check(source.root)
    return _ContentFile(shown, folder, checked, source.head)


def sample_content(root: str, docs_dir: str = "content") -> list[str]:
    """Content files marked `noi_dung_mau: true`, drafts included (paths from the portal root)."""
    return [found.shown for found in _content(root, docs_dir) if found.is_sample]


def is_sample_profile(root: str, shown: str) -> bool:
    """A unit profile whose contact data is marked sample at its top level."""
    checked, _text = _read_yaml(root, shown, "don-vi")
    return bool(checked and (checked.value or {}).get(SAMPLE_DATA) is True)


def _content_findings(root: str, docs_dir: str, readiness: Readiness, portal: Portal) -> None:
    # The posts and questions the load kept carry what it found (model/content.py): a province
    # portal's thousands of posts are not parsed again. Drafts and files that did not load are.
    for post in portal.posts:
        _add(readiness, post.unit_id, post.markers)
    for question in portal.questions:
        _add(readiness, question.unit_id, question.markers)
    loaded = {post.source_path for post in portal.posts} | {question.source_path for question in portal.questions}
    for found in _content(root, docs_dir, loaded):
        if found.value.get("ban_nhap") is True:
            continue  # a draft is never published
        _add(readiness, found.value.get("don_vi") if found.folder else None, found.findings)


# -- what a public portal should have -----------------------------------------------------------------

def _missing(unit: Unit, profile: Checked | None, today: date):
    where = (profile.mark(()) if profile else None) or Mark(1, 1)  # the profile's first key
    written = (profile.value if profile else None) or {}
    advice = []
    if not unit.hotlines:
        advice.append("Chưa có đường dây nóng: thêm mục duong_day_nong (việc tiếp nhận, số điện thoại thật) "
                      "để người dân biết gọi ai.")
    if not unit.address:
        advice.append("Chưa có địa chỉ trụ sở: thêm dia_chi.")
    if not written.get("chiu_trach_nhiem"):
        advice.append("Chưa ghi người chịu trách nhiệm nội dung của cổng: thêm chiu_trach_nhiem "
                      "với ho_ten và chuc_vu.")
    if not any(plan.year == today.year for plan in unit.plans):
        advice.append(f"Chưa có kế hoạch năm {today.year}: nhập văn bản bằng cchc import, hoặc viết "
                      f"tệp ke-hoach-{today.year}.yml trong thư mục của đơn vị.")
    for message in advice:
        yield Problem(unit.source_path, where, message, Level.WARNING)


def _stale(plan: Plan, progress_files: dict[str, Checked], today: date, stale_days: int):
    days = [entry.day for entry in plan.progress.entries if entry.day <= today]
    last = max(days) if days else None
    since = last or date(plan.year, 1, 1)
    if (today - since).days <= stale_days:
        return
    path = plan.progress.source_path or plan.source_path
    mark = _latest_entry_mark(progress_files.get(path)) or Mark(1, 1)
    if last:
        message = (f"Tiến độ kế hoạch năm {plan.year} cập nhật lần cuối ngày {dates.viet_short(last)}, đã "
                   f"{(today - last).days} ngày (quá {stale_days} ngày): ghi kết quả mới vào "
                   f"tien-do-{plan.year}.yml.")
    else:
        message = (f"Kế hoạch năm {plan.year} chưa có cập nhật tiến độ nào, đã {(today - since).days} ngày kể từ "
                   f"đầu năm (quá {stale_days} ngày): ghi kết quả vào tien-do-{plan.year}.yml.")
    yield Problem(path, mark, message, Level.WARNING)


def _latest_entry_mark(checked: Checked | None) -> Mark | None:
    if checked is None:
        return None
    entries = (checked.value or {}).get("cap_nhat", [])
    dated = [(entry["ngay"], index) for index, entry in enumerate(entries) if entry.get("ngay")]
    if not dated:
        return None
    return checked.mark(("cap_nhat", max(dated)[1], "ngay"))


def _site_address(config: SiteConfig):
    host = (urlsplit(config.site_url).hostname or "") if config.site_url else ""
    if host and host not in PLACEHOLDER_HOSTS and not host.endswith(PLACEHOLDER_SUFFIXES) \
            and "." in host:
        return
    shown = f"'{config.site_url}'" if config.site_url else "trống"
    yield Problem(config.path, config.site_url_mark or Mark(1, 1),
                  f"Chưa có địa chỉ công khai của trang (site_url đang là {shown}): khi dựng bản công bố, đặt "
                  "biến môi trường CCHC_SITE_URL là địa chỉ thật, ví dụ https://ten-to-chuc.github.io/cchc/ "
                  "(quy trình GitHub Pages tự đặt biến này).", Level.WARNING)
