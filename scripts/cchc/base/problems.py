"""Problems found in staff input, as values.

Every stage (loading, schema, cross-references) returns problems instead of
raising, so that one run can tell staff about every mistake at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "lỗi" if self is Level.ERROR else "cảnh báo"


@dataclass(frozen=True, order=True)
class Mark:
    """A position in a source file, 1-based like editors show it."""

    line: int
    col: int


@dataclass(frozen=True)
class Problem:
    path: str
    mark: Mark | None
    message: str
    level: Level = Level.ERROR

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def sort_key(self) -> tuple:
        mark = self.mark or Mark(0, 0)
        return (self.path, mark.line, mark.col, self.message)


class ProblemList(list):
    """A list of problems bound to one file, so call sites stay short."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def error(self, mark: Mark | None, message: str) -> None:
        self.append(Problem(self.path, mark, message, Level.ERROR))

    def warning(self, mark: Mark | None, message: str) -> None:
        self.append(Problem(self.path, mark, message, Level.WARNING))
