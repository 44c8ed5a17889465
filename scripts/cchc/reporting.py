"""Print problems for people (`path:line:col: [lỗi] ...`) or for CI annotations."""

from __future__ import annotations

from typing import Iterable, TextIO

from .problems import Level, Problem


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


def summary(problems: list[Problem], files_checked: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"Đã kiểm tra {files_checked} tệp: không có lỗi."
    return f"Đã kiểm tra {files_checked} tệp: {errors} lỗi, {warnings} cảnh báo."


def report(problems: Iterable[Problem], stream: TextIO, fmt: str = "text") -> None:
    formatter = FORMATS[fmt]
    for problem in problems:
        print(formatter(problem), file=stream)
