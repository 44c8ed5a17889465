"""Find the appendix after the signature and read its title lines and task table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import tasks, vocab
from .paragraphs import clean_line
from .types import Table
from .closing import APPENDIX_TITLE

_MENTIONS_APPENDIX = re.compile(r"phu luc|danh muc|kem theo|dinh kem|bang nhiem vu|bieu")


@dataclass
class Appendix:
    info: dict = field(default_factory=dict)
    rows: list[tasks.Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def split(items: list, kind: str) -> tuple[list, list]:
    """(body items, appendix items): the appendix starts at its title in capitals."""
    seen_heading = False
    for index, item in enumerate(items):
        if not isinstance(item, str):
            continue
        text = clean_line(item, kind).strip()
        if vocab.roman_heading(text):
            seen_heading = True
        elif seen_heading and APPENDIX_TITLE.match(text) and vocab.is_upper_line(text) and len(text) < 60:
            return items[:index], items[index:]
    return items, []


def read(appendix_items: list, body_items: list, kind: str) -> Appendix:
    result = Appendix()
    tables = [i for i in body_items + appendix_items if isinstance(i, Table)]
    lines = [clean_line(i, kind) for i in appendix_items if isinstance(i, str)]
    text_lines = [line for line in lines if line.strip()]
    if text_lines:
        result.info["tieu_de"] = vocab.squash(text_lines[0])
        title: list[str] = []
        note: list[str] = []
        rest_start = len(text_lines)
        for index, line in enumerate(text_lines[1:], start=1):
            stripped = line.strip()
            if note or stripped.startswith("("):
                note.append(stripped)
                if "".join(note).count("(") <= "".join(note).count(")"):
                    rest_start = index + 1
                    break
            elif (tasks.roles_in(stripped) and len(stripped) < 40) or stripped == "1":
                rest_start = index
                break
            else:
                title.append(stripped)
        if title:
            result.info["trich_yeu"] = vocab.squash(" ".join(title))
        if note:
            result.info["ghi_chu"] = vocab.squash(" ".join(note))
        table_lines = text_lines[rest_start:]
    else:
        table_lines = []
    for table in tables:
        rows, notes = tasks.rows_from_table(table)
        if rows:
            result.rows.extend(rows)
            result.notes.extend(notes)
    if not result.rows and table_lines:
        rows, notes = tasks.rows_from_lines(table_lines)
        result.rows, result.notes = rows, result.notes + notes
    return result


def mentions_appendix(text: str) -> bool:
    return bool(_MENTIONS_APPENDIX.search(vocab.fold(text)))
