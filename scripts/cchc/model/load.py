"""Find and load every data file of a portal: the one entry point of the core.

Layout: ``plans/<unit-id>/don-vi.yml`` (the unit profile) and
``plans/<unit-id>/ke-hoach-<year>.yml`` (one plan per year).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from . import assemble
from .content import load_content
from .progress_log import add_post_entries, build_progress
from .types import Portal
from ..base.problems import Mark, Problem, ProblemList
from ..check.schema import check_tree
from ..source.yaml_tree import load_file

UNIT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLAN_FILE = re.compile(r"^ke-hoach-(\d{4})\.ya?ml$")
PROGRESS_FILE = re.compile(r"^tien-do-(\d{4})\.ya?ml$")
UNIT_FILE = "don-vi.yml"


@dataclass
class LoadResult:
    portal: Portal
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _rel(root: str, path: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def load_portal(root: str, plans_dir: str = "plans", docs_dir: str = "content") -> LoadResult:
    result = LoadResult(Portal())
    docs = os.path.join(root, docs_dir)
    base = os.path.join(root, plans_dir)
    if not os.path.isdir(base):
        result.problems.append(Problem(plans_dir, None, f"Không thấy thư mục dữ liệu '{plans_dir}/'."))
        return result
    for unit_id in sorted(os.listdir(base)):
        unit_dir = os.path.join(base, unit_id)
        if not os.path.isdir(unit_dir) or unit_id.startswith("."):
            continue
        _load_unit_dir(root, unit_id, unit_dir, docs, result)
    assemble.link_basis(result.portal.plans)
    if os.path.isdir(docs):
        result.files_checked += load_content(root, docs, result.portal, result.problems)
        add_post_entries(result.portal)
    result.problems.sort(key=Problem.sort_key)
    return result


def _load_unit_dir(root: str, unit_id: str, unit_dir: str, docs: str, result: LoadResult) -> None:
    shown_dir = _rel(root, unit_dir)
    if not UNIT_ID.match(unit_id):
        result.problems.append(Problem(shown_dir, None,
                                       f"Tên thư mục '{unit_id}' không dùng được làm mã đơn vị: chỉ dùng chữ thường "
                                       "không dấu, số và dấu gạch ngang (ví dụ muong-lay)."))
        return
    names = sorted(os.listdir(unit_dir))
    yaml_names = [n for n in names if n.endswith((".yml", ".yaml"))]
    if UNIT_FILE not in names:
        result.problems.append(Problem(shown_dir, None, f"Thiếu hồ sơ đơn vị {shown_dir}/{UNIT_FILE}."))
        return
    unit_path = os.path.join(unit_dir, UNIT_FILE)
    unit_checked = _check_file(root, unit_path, "don-vi", result)
    unit = None
    if unit_checked is not None:
        unit = assemble.build_unit(unit_id, _rel(root, unit_path), unit_checked)
        result.portal.units.append(unit)
        unit_problems = ProblemList(_rel(root, unit_path))
        assemble.check_unit_files(unit, unit_checked, docs, unit_problems)
        result.problems.extend(unit_problems)
    progress_files = []
    for name in yaml_names:
        if name == UNIT_FILE:
            continue
        path = os.path.join(unit_dir, name)
        if PROGRESS_FILE.match(name):
            progress_files.append((int(PROGRESS_FILE.match(name)[1]), path))
            continue
        match = PLAN_FILE.match(name)
        if not match:
            result.problems.append(Problem(_rel(root, path), Mark(1, 1),
                                           f"Không rõ tệp '{name}' là gì: tên tệp hợp lệ là {UNIT_FILE}, "
                                           "ke-hoach-<năm>.yml hoặc tien-do-<năm>.yml (ví dụ ke-hoach-2026.yml)."))
            continue
        problems = ProblemList(_rel(root, path))
        checked = _check_file(root, path, "ke-hoach", result)
        if checked is None or unit is None:
            continue  # still checked above, so every file's problems are reported at once
        plan = assemble.build_plan(unit, int(match[1]), _rel(root, path), checked, problems)
        result.problems.extend(problems)
        if not problems:
            unit.plans.append(plan)
    for year, path in progress_files:
        checked = _check_file(root, path, "tien-do", result)
        plan = next((p for p in unit.plans if p.year == year), None) if unit else None
        if checked is None or unit is None:
            continue
        problems = ProblemList(_rel(root, path))
        if plan is None:
            problems.error(Mark(1, 1), f"Có tệp tiến độ năm {year} nhưng không có kế hoạch ke-hoach-{year}.yml hợp lệ.")
        else:
            plan.progress = build_progress(plan, _rel(root, path), checked, docs, problems)
        result.problems.extend(problems)
    if unit is not None:
        unit.plans.sort(key=lambda p: p.year, reverse=True)


def _check_file(root: str, path: str, schema: str, result: LoadResult):
    """Load and schema-check one file; None when it has errors."""
    shown = _rel(root, path)
    source = load_file(path, shown)
    result.files_checked += 1
    result.problems.extend(source.problems)
    if source.root is None:
        return None
    problems = ProblemList(shown)
    checked = check_tree(source.root, schema, problems)
    result.problems.extend(problems)
    if any(p.is_error for p in source.problems + list(problems)):
        return None
    return checked
