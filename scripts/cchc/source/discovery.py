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
YAML_SUFFIXES = (".yml", ".yaml")
DATA_SUFFIXES = YAML_SUFFIXES + (".md",)  # the files the data check reads as text
UNIT_ID_HINT = "chỉ dùng chữ thường không dấu, số và dấu gạch ngang (ví dụ muong-lay)"

# The kinds of staff data, by the files that hold them: a page may say which kinds it is made from.
PROFILES, PLANS, PROGRESS, POSTS, QUESTIONS = "ho-so", "ke-hoach", "tien-do", "bai-viet", "cau-hoi"


def unit_file_kind(name: str) -> str | None:
    """The kind of data a file of a unit's folder holds; None for a file of another kind."""
    if name == UNIT_FILE:
        return PROFILES
    if PLAN_FILE.match(name):
        return PLANS
    return PROGRESS if PROGRESS_FILE.match(name) else None


@dataclass(frozen=True)
class UnitFolder:
    unit_id: str
    path: str
    names: tuple[str, ...]  # the folder's file names, sorted

    @property
    def yaml_names(self) -> list[str]:
        return [n for n in self.names if n.endswith(YAML_SUFFIXES)]


def unit_folders(plans_path: str) -> list[UnitFolder]:
    """Every unit folder under plans/, sorted; hidden entries and plain files are not units."""
    found = []
    for unit_id in sorted(os.listdir(plans_path)):
        path = os.path.join(plans_path, unit_id)
        # A linked folder is reported by links_leaving() and never read.
        if os.path.isdir(path) and not os.path.islink(path) and not unit_id.startswith("."):
            found.append(UnitFolder(unit_id, path, tuple(sorted(os.listdir(path)))))
    return found


def year_of(pattern: re.Pattern, name: str) -> int | None:
    match = pattern.match(name)
    return int(match[1]) if match else None


def relative(path: str, folder: str) -> str:
    """`path` relative to `folder`, with / between names. A path os.walk made under `folder` is cut,
    not passed to os.path.relpath, which makes both paths absolute on every call: a province portal
    lists its 10,000 files several times per build. Anything else goes to os.path.relpath."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    rest = path[len(prefix):]
    if folder and path.startswith(prefix) and rest and not rest.startswith((".", os.sep)) \
            and not rest.endswith(os.sep) and os.sep + "." not in rest and os.sep + os.sep not in rest:
        return rest.replace(os.sep, "/")
    return os.path.relpath(path, folder).replace(os.sep, "/")


def markdown_files(docs_dir: str, folder: str = "") -> list[str]:
    """Every Markdown file under docs_dir/folder, sorted by path."""
    found = []
    for dirpath, _dirs, names in os.walk(os.path.join(docs_dir, folder)):
        found += [os.path.join(dirpath, n) for n in names if n.endswith(".md")]
    return sorted(found)


@dataclass(frozen=True)
class Link:
    path: str  # relative to the root, as staff see it
    target: str  # what it points at, resolved
    why: str  # "nowhere", "outside", "history" or "folder"


def links_leaving(root: str, folders: tuple[str, ...] = ("plans", "content", "theme")) -> list[Link]:
    """Symbolic links under `folders` that point outside the repository, into its history, nowhere, or
    at a folder (the engine would walk into it past every check). A link to a file of the repository is
    fine. The walk never follows a link, so a link to / or a loop cannot make it wander."""
    root_real = os.path.realpath(root)
    history = os.path.join(root_real, ".git")
    found = []
    for folder in folders:
        base = os.path.join(root, folder)
        if os.path.islink(base):
            candidates = [base]
        elif os.path.isdir(base):
            candidates = []
            for dirpath, dirnames, filenames in os.walk(base):
                candidates += [os.path.join(dirpath, n) for n in dirnames + filenames
                               if os.path.islink(os.path.join(dirpath, n))]
        else:
            continue
        for path in sorted(candidates):
            target = os.path.realpath(path)
            shown = os.path.relpath(path, root).replace(os.sep, "/")
            if not os.path.exists(path):
                found.append(Link(shown, target, "nowhere"))
            elif not (target == root_real or target.startswith(root_real + os.sep)):
                found.append(Link(shown, target, "outside"))
            elif target == history or target.startswith(history + os.sep):
                found.append(Link(shown, target, "history"))
            elif os.path.isdir(path):
                found.append(Link(shown, target, "folder"))
    return found


def files_under(folder: str) -> list[str]:
    """Every file under `folder` that the engine publishes (links to files included, links to folders not
    entered), relative, sorted. Dot files and folders (.gitkeep, .DS_Store) are never published (mkdocs
    leaves them out by default), so they are not staff files."""
    found = []
    for dirpath, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [relative(os.path.join(dirpath, n), folder) for n in names if not n.startswith(".")]
    return sorted(found)


def inside(folder: str, relative: str) -> str | None:
    """The path of `relative` under `folder`, or None when it would leave the folder (.., absolute, links)."""
    if not relative or os.path.isabs(relative) or "\\" in relative:
        return None
    path = os.path.realpath(os.path.join(folder, relative))
    base = os.path.realpath(folder)
    return path if path.startswith(base + os.sep) else None
