"""The importer's data: what readers produce and what the later stages pass on.

Kept apart from every stage so that each stage imports only downward
(reader → paragraphs → structure → appendix/tasks), never round in a circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ReadError(Exception):
    """The file cannot be read as a document; the message is for staff."""


class HeadingLine(str):
    """A line the document itself marks as a heading (a Word heading style), whatever its case."""


@dataclass
class Table:
    rows: list[list[str]]
    line: int = 0


@dataclass
class Document:
    items: list = field(default_factory=list)  # str lines and Table objects
    kind: str = "txt"  # txt, md, docx, doc, pdf, ocr: how the text reached us
    notes: list[str] = field(default_factory=list)  # what staff must know about the reading itself

    @property
    def text_length(self) -> int:
        return sum(len(i.strip()) for i in self.items if isinstance(i, str)) + sum(
            len(c) for t in self.items if isinstance(t, Table) for r in t.rows for c in r)


@dataclass
class Para:
    text: str
    line: int
    heading: bool = False  # marked as a heading by the format itself (Markdown "#", a Word heading style)
