"""Tables in PDF text extracted with its layout: columns are runs of characters
separated by two or more spaces, aligned under the words of the header row."""

from __future__ import annotations

import re

from .types import Table
from .tasks import roles_in

_SEGMENT = re.compile(r"\S+(?: \S+)*")


def _segments(line: str, starts: list[int] | None = None) -> list[tuple[int, str]]:
    """Runs of text; with column starts, a run crossing a column at a space is cut there."""
    segments = []
    for found in _SEGMENT.finditer(line):
        begin, end = found.start(), found.end()
        cuts: list[int] = []
        for start in starts or []:
            # the text of a column may begin a character or two off its header
            cut = next((p for p in (start, start + 1, start + 2, start - 1) if begin < p < end and line[p - 1] == " "), None)
            if cut is not None and (not cuts or cut > cuts[-1]):
                cuts.append(cut)
        for cut in [*cuts, end]:
            segments.append((begin, line[begin:cut].strip()))
            begin = cut
    return segments


def _is_header(segments: list[tuple[int, str]]) -> bool:
    if len(segments) < 3:
        return False
    roles = roles_in(" | ".join(text for _, text in segments))
    return "noi_dung" in roles and ("chu_tri" in roles or "stt" in roles)


def tables_from_layout(lines: list[str]) -> list:
    """Lines with the first layout table (its header to the next real table or the end) replaced by a `Table`."""
    for index, line in enumerate(lines):
        if not isinstance(line, str):
            continue
        segments = _segments(line)
        if not _is_header(segments):
            continue
        starts = [start for start, _ in segments]
        rows: list[list[list[str]]] = [[[text] for _, text in segments]]
        end = len(lines)
        for offset, following in enumerate(lines[index + 1:], start=index + 1):
            if not isinstance(following, str):
                end = offset
                break
            parts = _segments(following, starts)
            if not parts:
                continue
            if len(parts) == 1 and parts[0][1].isdigit() and parts[0][0] > starts[1]:
                continue  # a page number in the footer
            cells: list[list[str]] = [[] for _ in starts]
            for start, text in parts:
                column = max(i for i, s in enumerate(starts) if s <= start + 2) if start + 2 >= starts[0] else 0
                cells[column].append(text)
            first = " ".join(cells[0])
            if re.fullmatch(r"\d{1,3}\.?", first):
                rows.append([[" ".join(c)] if c else [] for c in cells])
            else:
                for column, texts in enumerate(cells):
                    if texts:
                        rows[-1][column].append(" ".join(texts))
        table_rows = []
        for row in rows:
            table_rows.append([_join(cell) for cell in row])
        return lines[:index] + [Table(table_rows, index + 1)] + lines[end:]
    return lines


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if not text:
            text = part
        elif part.startswith(("- ", "+ ")) or (text.endswith(".") and part[:1].isupper()):
            text += "\n" + part  # a new line in the cell, not the column wrapping
        elif text.endswith("/"):
            text += part
        else:
            text += " " + part
    return text
