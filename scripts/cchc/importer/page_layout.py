"""Words with their positions laid out as the importer's lines, paragraphs and tables.

Used for a PDF's text layer (pdf.py) and for the words Tesseract reads from a scan
(ocr.py). Positions tell what plain text cannot: a paragraph ends where the gap to
the next line is larger than the usual line distance, where a line ends short of
the margin, or where the next line is indented; a line whose words stand in two
groups far apart (the two-column header of Decree 30, the recipients beside the
signature) is read column by column; a line of three groups or more keeps its
spacing, so an unruled table can still be rebuilt from its columns (layout.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .lines import nfc
from .types import Table


@dataclass
class Line:
    words: list[dict]
    top: float
    bottom: float
    size: float

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]


def items_from_pages(pages: list[tuple[float, list, list[Line]]]) -> list:
    """Lines and tables of all pages, given each page's height, tables and lines of words."""
    pitch = _pitch([line for _, _, lines in pages for line in lines])
    items: list = []
    for height, tables, lines in pages:
        items.extend(_page_items(height, tables, lines, items, pitch))
    return items


def _page_items(height: float, tables: list, lines: list[Line], before: list, pitch: dict[int, float]) -> list:
    placed: list[tuple[float, object]] = tables + [(line.top, line) for line in lines]
    placed.sort(key=lambda p: p[0])
    left, right = _margins(lines)
    items: list = []
    previous: Line | None = None
    index = 0
    while index < len(placed):
        thing = placed[index][1]
        index += 1
        if isinstance(thing, Line):
            if _is_page_number(thing, height):
                continue
            block = _column_block([p[1] for p in placed[index - 1:]])
            if block:
                items.extend(block[0])
                index += block[1] - 1
                previous = None
                continue
            items.extend(_line_items(thing, previous, items or before, left, right, pitch))
            previous = thing
        else:
            assert isinstance(thing, Table)
            last = _last_table(items or before)
            if last is not None and _continues_table(last, thing):
                _append_rows(last, thing)
            else:
                items += ["", thing]
            previous = None
    return items


def _column_block(following: list) -> tuple[list, int] | None:
    """Two columns side by side (recipients beside the signature): the left one, then the right.

    Returns the items and how many lines they took, when `following` starts such a block: lines
    split in two at one position, or standing wholly in one of the two columns.
    """
    first = following[0]
    groups = _groups(first)
    if len(groups) != 2:
        return None
    # Cells are often centred, so their words start anywhere: what stays is the gap between them.
    split = (groups[0][-1]["x1"] + groups[1][0]["x0"]) / 2
    left: list[str] = []
    right: list[str] = []
    split_lines = taken = 0
    for line in following:
        if not isinstance(line, Line):
            break
        parts = _groups(line)
        margin = 2 * line.size
        if len(parts) == 2 and parts[0][-1]["x1"] < split + margin and parts[1][0]["x0"] > split - margin:
            left.append(_text(parts[0]))
            right.append(_text(parts[1]))
            split_lines += 1
        elif len(parts) == 1 and line.x0 > split - margin / 2:
            right.append(_text(line.words))
        elif len(parts) == 1 and line.x1 < split + margin / 2 and taken:
            left.append(_text(line.words))
        else:
            break
        taken += 1
    if split_lines < 2:
        return None
    items: list = []
    for text in left + right:
        items += ["", text]
    return items, taken


def words_to_lines(words: list[dict]) -> list[Line]:
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        size = word.get("size") or (word["bottom"] - word["top"])
        line = lines[-1] if lines else None
        if line is not None and abs(word["top"] - line.top) <= 0.4 * size:
            line.words.append(word)
            line.bottom = max(line.bottom, word["bottom"])
        else:
            lines.append(Line([word], word["top"], word["bottom"], size))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _margins(lines: list[Line]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    lefts = sorted(line.x0 for line in lines)
    rights = sorted(line.x1 for line in lines)
    return lefts[len(lefts) // 10], rights[(len(rights) * 9) // 10]


def _pitch(lines: list[Line]) -> dict[int, float]:
    """Per font size, the distance from one line of a paragraph to the next.

    It is the smallest distance that recurs: paragraph spacing only adds to it.
    A document of one-line paragraphs has no such distance; then single spacing
    (1.2 times the font size) is assumed.
    """
    gaps: dict[int, Counter] = {}
    for a, b in zip(lines, lines[1:]):
        if 0 < b.top - a.top < 3 * a.size and abs(a.size - b.size) < 0.5:
            gaps.setdefault(round(a.size), Counter())[round(b.top - a.top)] += 1
    pitch = {}
    for size, found in gaps.items():
        smallest = min((g for g, n in found.items() if n >= 2), default=max(found))
        pitch[size] = smallest if smallest <= 1.6 * size else 1.2 * size
    return pitch


def _groups(line: Line) -> list[list[dict]]:
    """Runs of words; a gap wider than about two letters' height separates two runs."""
    groups = [[line.words[0]]]
    for before, word in zip(line.words, line.words[1:]):
        if word["x0"] - before["x1"] > 1.8 * line.size:
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def _text(words: list[dict]) -> str:
    return nfc(" ".join(w["text"] for w in words))


def _is_page_number(line: Line, height: float) -> bool:
    near_edge = line.top > 0.9 * height or line.bottom < 0.08 * height
    return near_edge and bool(re.fullmatch(r"[-–\s]*\d{1,3}[-–\s]*", _text(line.words)))


def _line_items(line: Line, previous: Line | None, items: list, left: float, right: float,
                pitch: dict[int, float]) -> list:
    groups = _groups(line)
    if len(groups) >= 3:
        # Column spacing kept, two spaces at least between columns: layout.py reads unruled tables.
        width = max(line.size * 0.5, 1.0)
        text = ""
        for group in groups:
            column = int((group[0]["x0"] - left) / width)
            text += " " * max(column - len(text), 2 if text else 0) + _text(group)
        return ["", text]
    if len(groups) == 2:
        return ["", _text(groups[0]), "", _text(groups[1])]
    text = _text(line.words)
    if previous is not None and items and isinstance(items[-1], str) and items[-1] \
            and _same_paragraph(previous, line, left, right, pitch):
        items[-1] = _join(items[-1], text)
        return []
    return ["", text]


def _same_paragraph(previous: Line, line: Line, left: float, right: float, pitch: dict[int, float]) -> bool:
    if len(_groups(previous)) > 1 or abs(previous.size - line.size) > max(0.5, 0.1 * line.size):
        return False
    gap = line.top - previous.top
    usual = pitch.get(round(line.size)) or 1.2 * line.size
    if gap <= 0 or gap > usual + max(2.0, 0.15 * usual):
        return False  # paragraph spacing, or a new page
    width = right - left
    if previous.x1 < right - 0.12 * width:
        return False  # the line before ended short: its paragraph ended there
    return not (line.x0 > previous.x0 + 1.5 * line.size)  # a first-line indent opens a paragraph


def _join(left: str, right: str) -> str:
    if left.endswith("/") or (left.endswith("-") and len(left) > 1 and not left[-2].isspace()):
        return left + right  # "07/KH-" + "UBND", "Tháng 12/" + "2026"
    return f"{left} {right}"


def cell_text(text: str) -> str:
    """A cell's wrapped lines joined again; a dash or a new sentence keeps its own line."""
    joined = ""
    for part in (nfc(p).strip() for p in text.split("\n")):
        if not part:
            continue
        if not joined:
            joined = part
        elif part.startswith(("- ", "+ ", "• ")) or (joined.endswith(".") and part[:1].isupper()
                                                      and not joined.endswith("..")):
            joined += "\n" + part
        elif joined.endswith("/"):
            joined += part
        else:
            joined += " " + part
    return joined


def _last_table(items: list) -> Table | None:
    for item in reversed(items):
        if isinstance(item, Table):
            return item
        if isinstance(item, str) and item.strip():
            return None
    return None


def _continues_table(last: Table, table: Table) -> bool:
    """A table at the top of a page goes on from the one that ended the page before."""
    return bool(last.rows and table.rows) and len(last.rows[0]) == len(table.rows[0])


def _append_rows(last: Table, table: Table) -> None:
    rows = table.rows[1:] if table.rows[0] == last.rows[0] else list(table.rows)  # a header repeated per page
    if rows and not rows[0][0].strip() and any(c.strip() for c in rows[0]):
        # The first row has no number: the last row was cut by the page break and goes on here.
        for index, text in enumerate(rows.pop(0)):
            if text.strip():
                last.rows[-1][index] = cell_text(last.rows[-1][index] + "\n" + text)
    last.rows.extend(rows)
