"""Would `cchc check` still pass after this save? Asked before anything is written.

The portal is loaded twice: as it is, and from a scratch copy with the save applied (the data
files copied, every other file of content/ as an empty stand-in, since the loader only asks
whether those exist). A save is refused when the changed files have errors, or when it breaks
another file (a task removed from a plan that a post still names).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter

from ..base.problems import Problem, ProblemList
from ..model.load import load_portal
from ..source import frontmatter
from . import media
from .conventions import kind_of

DATA_DIRS = ("plans", "content")
DATA_EXTENSIONS = (".yml", ".yaml", ".md")


def _copy_data(root: str, scratch: str) -> None:
    for top in DATA_DIRS:
        for folder, _dirs, names in os.walk(os.path.join(root, top)):
            target = os.path.join(scratch, os.path.relpath(folder, root))
            os.makedirs(target, exist_ok=True)
            for name in names:
                if name.endswith(DATA_EXTENSIONS):
                    shutil.copyfile(os.path.join(folder, name), os.path.join(target, name))
                else:
                    open(os.path.join(target, name), "wb").close()


def _errors(root: str) -> list[Problem]:
    return [p for p in load_portal(root).problems if p.is_error]


def _alt_problems(path: str, text: str) -> list[Problem]:
    kind = kind_of(path)
    if kind is None or not kind.markdown:
        return []
    problems = ProblemList(path)
    source = frontmatter.split(path, text, ProblemList(path))
    media.alt_problems(source.body, source.body_line, problems)
    return list(problems)


def problems_after(root: str, writes: dict[str, str | None], uploads: tuple[str, ...] | list[str] = ()) -> list[Problem]:
    """Errors after `writes` (repository path → new text, None to delete) and `uploads` (new files)."""
    before = Counter((p.path, p.message) for p in _errors(root))
    with tempfile.TemporaryDirectory(prefix="cchc-luu-") as scratch:
        _copy_data(root, scratch)
        for path in uploads:
            target = os.path.join(scratch, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            open(target, "wb").close()
        for path, text in writes.items():
            target = os.path.join(scratch, path)
            if text is None:
                if os.path.exists(target):
                    os.remove(target)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
        after = _errors(scratch)
    found = []
    for problem in after:
        key = (problem.path, problem.message)
        if problem.path in writes or before[key] <= 0:
            found.append(problem)
        else:
            before[key] -= 1
    for path, text in writes.items():
        if text is not None:
            found += _alt_problems(path, text)
    # The changed files' own errors first: once they are fixed, what they broke elsewhere goes too.
    own = [p for p in found if p.path in writes]
    return sorted(own or found, key=Problem.sort_key)
