"""Everything the portal publishes from the data, as engine-neutral values.

An engine adapter turns `OutputPage` into a page of its site and
`OutputFile` into a static file; it never needs to know what a plan is.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from importlib import resources
from typing import Callable

from . import citizen as pages_citizen, column as pages_column, progress as pages_progress
from ..base import routes
from ..base.dates import PartialDate
from ..model.types import Plan, Portal, Post, Unit
from .outputs import OutputFile, OutputPage, Settings
from ..base.phones import Phone
from .render import environment, highlight_targets, roman

DEFAULT_HEADINGS = {
    "muc_dich_yeu_cau": "MỤC ĐÍCH, YÊU CẦU",
    "doi_tuong_pham_vi": "ĐỐI TƯỢNG, PHẠM VI, THỜI GIAN",
    "noi_dung_hinh_thuc": "NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN",
    "nhiem_vu": "NHIỆM VỤ CỤ THỂ",
    "kinh_phi": "KINH PHÍ THỰC HIỆN",
    "to_chuc_thuc_hien": "TỔ CHỨC THỰC HIỆN",
    "che_do_bao_cao": "CHẾ ĐỘ BÁO CÁO",
}
DEFAULT_SUBHEADINGS = {
    "muc_dich": "Mục đích", "yeu_cau": "Yêu cầu", "doi_tuong": "Đối tượng", "pham_vi": "Phạm vi",
    "thoi_gian": "Thời gian", "noi_dung": "Nội dung tuyên truyền", "hinh_thuc": "Hình thức tuyên truyền",
}
_SUBSECTIONS = {
    "muc_dich_yeu_cau": ("muc_dich", "yeu_cau"),
    "doi_tuong_pham_vi": ("doi_tuong", "pham_vi", "thoi_gian"),
    "noi_dung_hinh_thuc": ("noi_dung", "hinh_thuc"),
}


def _present_sections(plan: Plan) -> list[str]:
    has = {
        "muc_dich_yeu_cau": plan.purposes or plan.requirements,
        "doi_tuong_pham_vi": plan.audiences or plan.scope or plan.period,
        "noi_dung_hinh_thuc": plan.content or plan.forms,
        "nhiem_vu": plan.tasks_intro,  # the table itself is the appendix
        "kinh_phi": plan.budget,
        "to_chuc_thuc_hien": plan.responsibilities,
        "che_do_bao_cao": plan.reporting_rules or plan.report_periods,
    }
    return [key for key, present in has.items() if present]


def headings(plan: Plan) -> dict[str, str]:
    """Section headings as the document wrote them, or numbered defaults."""
    out: dict[str, str] = {}
    sub_values = {"muc_dich": plan.purposes, "yeu_cau": plan.requirements, "doi_tuong": plan.audiences,
                  "pham_vi": plan.scope, "thoi_gian": plan.period, "noi_dung": plan.content, "hinh_thuc": plan.forms}
    for number, key in enumerate(_present_sections(plan), start=1):
        out[key] = f"{roman(number)}. {DEFAULT_HEADINGS[key]}"
        present_subs = [s for s in _SUBSECTIONS.get(key, ()) if sub_values[s]]
        for sub_number, sub in enumerate(present_subs, start=1):
            out[sub] = f"{sub_number}. {DEFAULT_SUBHEADINGS[sub]}"
    out.update(plan.headings)
    return out


def _json_default(value):
    if isinstance(value, (date, PartialDate)):
        return value.isoformat() if isinstance(value, date) else value.iso()
    if isinstance(value, Phone):
        return value.text
    raise TypeError(type(value).__name__)


def plan_json(plan: Plan) -> bytes:
    payload = {"don_vi": plan.unit_id, **plan.data}
    return (json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default) + "\n").encode("utf-8")


class PageBuilder:
    def __init__(self, portal: Portal, root: str, override_dir: str | None = None,
                 settings: Settings | None = None):
        self.portal = portal
        self.root = root
        self.env = environment(override_dir)
        self.settings = settings or Settings()
        self.cache: dict[str, dict] = {"progress": {}, "footers": {}}  # per build: computed once, used by many pages

    @functools.cached_property
    def posts_by_unit(self) -> dict[str, list[Post]]:
        """Each unit's posts, grouped once per build (the column's listings and feeds, every report)."""
        return self.portal.posts_by_unit()

    def link_from(self, here: str) -> Callable[..., str]:
        def link(to_src: str, anchor: str = "") -> str:
            return routes.relative(here, to_src, self.settings.directory_urls, anchor)
        return link

    def shared_context(self, link: Callable[..., str]) -> dict:
        """What every template may use, besides its own values."""
        return {"link": link, "routes": routes, "portal": self.portal, "settings": self.settings,
                "national": pages_citizen.NATIONAL, "ask_src": lambda unit=None: pages_citizen.ask_src(self.portal, unit)}

    def render(self, template: str, here: str, **context) -> str:
        return self.env.get_template(template).render(**self.shared_context(self.link_from(here)), **context)

    def later(self, template: str, here: str, **context) -> Callable[[], str]:
        """`render` when the page is written: pages are listed at once, written one by one (or not at all)."""
        return lambda: self.render(template, here, **context)

    def pages(self) -> list[OutputPage]:
        out = [self._units_index()]
        for unit in self.portal.units:
            out.append(self._unit(unit))
            out.extend(self._plan(unit, plan) for plan in unit.plans)
        out += pages_column.pages(self)
        out += pages_citizen.pages(self)
        out += pages_progress.pages(self)
        return out

    def files(self, read_source: Callable[[str], bytes]) -> list[OutputFile]:
        out = [OutputFile(routes.schema_file(name),
                          resources.files("cchc").joinpath("schemas", f"{name}.schema.json").read_bytes())
               for name in ("ke-hoach", "don-vi")]
        for plan in self.portal.plans:
            out.append(OutputFile(routes.plan_download(plan.unit_id, plan.year, "yml"),
                                  functools.partial(read_source, plan.source_path), plan.unit_id))
            out.append(OutputFile(routes.plan_download(plan.unit_id, plan.year, "json"),
                                  functools.partial(plan_json, plan), plan.unit_id))
        out += pages_column.feed_files(self)
        out += pages_progress.files(self)
        return out

    def _units_index(self) -> OutputPage:
        here = routes.UNITS_INDEX
        body = self.later("units.html", here, units=self.portal.units)
        return OutputPage(here, "Các đơn vị", body, "Danh sách xã, phường và kế hoạch tuyên truyền CCHC của từng đơn vị.")

    def _unit(self, unit: Unit) -> OutputPage:
        here = routes.unit_page(unit.id)
        body = self.later("unit.html", here, unit=unit)
        return OutputPage(here, unit.title_name, body,
                          f"Kế hoạch tuyên truyền cải cách hành chính của {unit.full_name}, {unit.province}.",
                          unit.source_path, unit.id)

    def _plan(self, unit: Unit, plan: Plan) -> OutputPage:
        here = routes.plan_page(unit.id, plan.year)
        body = self.later("plan.html", here, unit=unit, plan=plan, headings=headings(plan),
                          mark=lambda text: highlight_targets(text, plan),
                          summary=lambda: pages_progress.plan_summary(self, plan))
        title = f"Kế hoạch {plan.number_text}: {plan.title}"
        description = f"{plan.doc_kind.capitalize()} {plan.title} của {plan.issuer}."
        return OutputPage(here, title, body, description, plan.source_path, unit.id)
