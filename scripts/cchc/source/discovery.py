"""Where a portal's files are, and what each is by its name: one place for the folder rules.

    plans/<unit-id>/don-vi.yml             the unit profile
    plans/<unit-id>/ke-hoach-<year>.yml    one plan per year
    plans/<unit-id>/tien-do-<year>.yml     its progress, kept apart from the issued text
    content/**.md                          staff pages: posts, questions, hand-written pages
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

# A unit id is the unit's name without diacritics or its kind: lower case, digits, single hyphens.
UNIT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLAN_FILE = re.compile(r"^ke-hoach-(\d{4})\.ya?ml$")
PROGRESS_FILE = re.compile(r"^tien-do-(\d{4})\.ya?ml$")
UNIT_FILE = "don-vi.yml"
UNIT_ID_HINT = "chỉ dùng chữ thường không dấu, số và dấu gạch ngang (ví dụ muong-lay)"


@dataclass(frozen=True)
class UnitFolder:
    unit_id: str
    path: str
    names: tuple[str, ...]  # the folder's file names, sorted

    @property
    def yaml_names(self) -> list[str]:
        return [n for n in self.names if n.endswith((".yml", ".yaml"))]


def unit_folders(plans_path: str) -> list[UnitFolder]:
    """Every unit folder under plans/, sorted; hidden entries and plain files are not units."""
    found = []
    for unit_id in sorted(os.listdir(plans_path)):
        path = os.path.join(plans_path, unit_id)
        if os.path.isdir(path) and not unit_id.startswith("."):
            found.append(UnitFolder(unit_id, path, tuple(sorted(os.listdir(path)))))
    return found


def year_of(pattern: re.Pattern, name: str) -> int | None:
    match = pattern.match(name)
    return int(match[1]) if match else None


def markdown_files(docs_dir: str, folder: str = "") -> list[str]:
    """Every Markdown file under docs_dir/folder, sorted by path."""
    found = []
    for dirpath, _dirs, names in os.walk(os.path.join(docs_dir, folder)):
        found += [os.path.join(dirpath, n) for n in names if n.endswith(".md")]
    return sorted(found)
