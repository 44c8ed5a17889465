"""Print problems for people (`path:line:col: [lỗi] ...`) or for CI annotations."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from ..base.problems import Level, Mark, Problem


def format_text(problem: Problem) -> str:
    where = problem.path
    if problem.mark:
        where += f":{problem.mark.line}:{problem.mark.col}"
    return f"{where}: [{problem.level.label}] {problem.message}"


def _escape_github(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problem: Problem) -> str:
    command = "error" if problem.level is Level.ERROR else "warning"
    props = [f"file={_escape_github(problem.path, True)}"]
    if problem.mark:
        props += [f"line={problem.mark.line}", f"col={problem.mark.col}"]
    return f"::{command} {','.join(props)}::{_escape_github(problem.message)}"


FORMATS = {"text": format_text, "github": format_github}


def counts(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    return f"{errors} lỗi, {len(problems) - errors} cảnh báo"


def summary(problems: list[Problem], files_checked: int) -> str:
    if not problems:
        return f"Đã kiểm tra {files_checked} tệp: không có lỗi."
    return f"Đã kiểm tra {files_checked} tệp: {counts(problems)}."


def report(problems: Iterable[Problem], stream: TextIO, fmt: str = "text") -> None:
    formatter = FORMATS[fmt]
    for problem in problems:
        print(formatter(problem), file=stream)


def dump_json(problems: Iterable[Problem]) -> str:
    """Problems as JSON, to hand them from the engine's process back to the command line."""
    return json.dumps([{"path": p.path, "line": p.mark.line if p.mark else None, "col": p.mark.col if p.mark else None,
                        "level": p.level.value, "message": p.message} for p in problems], ensure_ascii=False)


def load_json(text: str) -> list[Problem]:
    return [Problem(row["path"], Mark(row["line"], row["col"]) if row["line"] else None, row["message"],
                    Level(row["level"])) for row in json.loads(text)]
