"""Load every data file of a portal, check it and assemble the model: the one entry point of the core.

Where the files are is source/discovery.py's business; every file is checked
even when another has errors, so staff hear of every problem at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from . import assemble
from .content import load_content
from .progress_log import add_post_entries, build_progress
from .types import Portal
from ..base.problems import Mark, Problem, ProblemList
from ..check.schema import Checked, check_tree_once
from ..check.content_files import file_problems
from ..source.discovery import (PLAN_FILE, PROGRESS_FILE, UNIT_FILE, UNIT_ID, UNIT_ID_HINT, Link, UnitFolder,
                                files_under, links_leaving, relative, unit_folders, year_of)
from ..source.yaml_tree import load_file


@dataclass
class LoadResult:
    portal: Portal
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def load_portal(root: str, plans_dir: str = "plans", docs_dir: str = "content") -> LoadResult:
    result = LoadResult(Portal())
    docs = os.path.join(root, docs_dir)
    base = os.path.join(root, plans_dir)
    if not os.path.isdir(base):
        result.problems.append(Problem(plans_dir, None, f"Không thấy thư mục dữ liệu '{plans_dir}/'."))
        return result
    for folder in unit_folders(base):
        _load_unit_dir(root, folder, docs, result)
    assemble.link_basis(result.portal.plans)
    result.problems += [_link_problem(link) for link in links_leaving(root, (plans_dir, docs_dir, "theme"))]
    if os.path.isdir(docs):
        result.files_checked += load_content(root, docs, result.portal, result.problems)
        add_post_entries(result.portal)
        shown_docs = relative(docs, root)
        for src in files_under(docs):
            if not src.endswith(".md"):  # pages are checked with their content above
                result.files_checked += 1
                result.problems += file_problems(docs, src, f"{shown_docs}/{src}")
    result.problems.sort(key=Problem.sort_key)
    return result


_LINK_REASONS = {
    "nowhere": "trỏ tới nơi không tồn tại",
    "outside": "trỏ ra ngoài kho dữ liệu của cổng ({target}); tệp ngoài kho không bao giờ được công bố",
    "history": "trỏ vào thư mục .git (lịch sử của kho)",
    "folder": "trỏ tới một thư mục; hãy chép các tệp vào đây thay vì liên kết",
}


def _link_problem(link: Link) -> Problem:
    why = _LINK_REASONS[link.why].format(target=link.target)
    return Problem(link.path, Mark(1, 1), f"Liên kết tượng trưng (symlink) này {why}. Hãy thay bằng tệp thật.")


def _load_unit_dir(root: str, folder: UnitFolder, docs: str, result: LoadResult) -> None:
    unit_id, unit_dir = folder.unit_id, folder.path
    shown_dir = relative(unit_dir, root)
    if not UNIT_ID.match(unit_id):
        result.problems.append(Problem(shown_dir, None,
                                       f"Tên thư mục '{unit_id}' không dùng được làm mã đơn vị: {UNIT_ID_HINT}."))
        return
    if UNIT_FILE not in folder.names:
        result.problems.append(Problem(shown_dir, None, f"Thiếu hồ sơ đơn vị {shown_dir}/{UNIT_FILE}."))
        return
    unit_path = os.path.join(unit_dir, UNIT_FILE)
    unit_checked, unit_ok = _check_file(root, unit_path, "don-vi", result)
    unit = None
    if unit_checked is not None and unit_ok:
        profile_problems = ProblemList(relative(unit_path, root))
        unit = assemble.build_unit(unit_id, relative(unit_path, root), unit_checked, profile_problems)
        result.problems.extend(profile_problems)
        result.portal.units.append(unit)
        unit_problems = ProblemList(relative(unit_path, root))
        assemble.check_unit_files(unit, unit_checked, docs, unit_problems)
        result.problems.extend(unit_problems)
    progress_files = []
    for name in folder.yaml_names:
        if name == UNIT_FILE:
            continue
        path = os.path.join(unit_dir, name)
        progress_year = year_of(PROGRESS_FILE, name)
        if progress_year is not None:
            progress_files.append((progress_year, path))
            continue
        plan_year = year_of(PLAN_FILE, name)
        if plan_year is None:
            result.problems.append(Problem(relative(path, root), Mark(1, 1),
                                           f"Không rõ tệp '{name}' là gì: tên tệp hợp lệ là {UNIT_FILE}, "
                                           "ke-hoach-<năm>.yml hoặc tien-do-<năm>.yml (ví dụ ke-hoach-2026.yml)."))
            continue
        problems = ProblemList(relative(path, root))
        checked, valid = _check_file(root, path, "ke-hoach", result)
        if checked is not None and not valid:
            assemble.check_ids(checked, problems)  # what a schema error must not hide
            result.problems.extend(problems)
        if checked is None or not valid or unit is None:
            continue  # still checked above, so every file's problems are reported at once
        plan = assemble.build_plan(unit, plan_year, relative(path, root), checked, problems)
        if plan.original and not os.path.isfile(os.path.join(docs, plan.original)):
            problems.error(checked.mark(("van_ban_goc",)), f"Không thấy tệp văn bản gốc '{plan.original}' trong thư mục "
                                                         f"{relative(docs, root)}/: hãy chép tệp vào đó hoặc sửa đường dẫn.")
        result.problems.extend(problems)
        if not any(p.is_error for p in problems):
            unit.plans.append(plan)
    for year, path in progress_files:
        checked, valid = _check_file(root, path, "tien-do", result)
        if checked is None or not valid or unit is None:
            continue
        planned = next((p for p in unit.plans if p.year == year), None)
        problems = ProblemList(relative(path, root))
        if planned is None:
            problems.error(Mark(1, 1), f"Có tệp tiến độ năm {year} nhưng không có kế hoạch ke-hoach-{year}.yml hợp lệ.")
        else:
            planned.progress = build_progress(planned, relative(path, root), checked, docs, problems)
        result.problems.extend(problems)
    if unit is not None:
        unit.plans.sort(key=lambda p: p.year, reverse=True)


def _check_file(root: str, path: str, schema: str, result: LoadResult) -> tuple[Checked | None, bool]:
    """Load and schema-check one file: what could be read (None if it is not YAML), and whether it is valid."""
    shown = relative(path, root)
    source = load_file(path, shown)
    result.files_checked += 1
    result.problems.extend(source.problems)
    if source.root is None:
        return None, False
    problems = ProblemList(shown)
    checked = check_tree_once(source.root, shown, schema, problems)
    result.problems.extend(problems)
    return checked, not any(p.is_error for p in source.problems + list(problems))

