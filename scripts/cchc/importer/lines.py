"""Text into lines and tables: the shape every reader hands on.

A list whose items are text lines (blank lines kept, they matter for
unwrapping) or `Table`s. Tab-separated and Markdown pipe rows become tables
here; HTML remnants left by converters become line breaks; all text is NFC.
"""

from __future__ import annotations

import html
import re
import unicodedata

from .types import Table


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_TAG = re.compile(r"<[^>]{0,200}>")
_BLOCK_TAG = re.compile(r"</?(p|div|li|tr|h[1-6])\b[^>]*>|<br\s*/?>", re.I)


def strip_html(text: str) -> str:
    """HTML remnants left by converters: block tags become line breaks."""
    if "<" not in text and "&" not in text:
        return text
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return "\n".join(part.strip() for part in text.split("\n") if part.strip())


_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")


def _is_separator(cells: list[str]) -> bool:
    return all(_SEPARATOR_CELL.match(c.strip()) or not c.strip() for c in cells) and any(cells)


def _cells_from_line(line: str) -> list[str] | None:
    stripped = line.strip()
    if line.count("\t") >= 2:
        return [strip_html(c) for c in line.rstrip("\n").split("\t")]
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [strip_html(c.replace("\\|", "|")) for c in re.split(r"(?<!\\)\|", stripped[1:-1])]
    return None


def lines_to_items(text: str) -> list:
    """Split text into lines, gathering runs of tab or pipe rows into tables."""
    items: list = []
    current: Table | None = None
    for number, line in enumerate(unstack_columns(text.split("\n")), start=1):
        cells = _cells_from_line(line)
        if cells is not None:
            if current is None:
                current = Table([], number)
                items.append(current)
            if not _is_separator(cells):
                current.rows.append([c.strip() for c in cells])
            continue
        if current is not None and not line.strip():
            continue  # blank lines between the rows of one table
        current = None
        items.append(line)
    return items


# Words a converter glued together where a line or a cell ended: "263/KH-UBNDngày", "xãban hành",
# "năm2026". Only these safe cases are split: a symbol in capitals followed by a lower-case word,
# and a word that ends every syllable it is in ("xã", "phường", "ngày", "tháng", "năm") followed
# by more letters or digits.
_AFTER_SYMBOL = re.compile(r"(?<=[A-ZĐ]{2})(?=(?:ngày|năm|tháng|về|của|và|được|ban hành)\b)")
_CLOSED_WORD = re.compile(r"\b(xã|phường|ngày|tháng|năm)(?=[^\W_])")
# The opposite, from OCR and some converters: a space after the hyphen of a document's symbol
# ("2074/QĐ- UBND", "76/NQ- CP", "04- NQ/TU"). A symbol has no space, so it is taken out.
_SPLIT_SYMBOL = re.compile(r"(?:(?<=\d/[A-ZĐ]{2})|(?<=\d/[A-ZĐ]{3})|(?<=\d/[A-ZĐ]{4}))-\s+(?=[A-ZĐ]{2,}\b)"
                           r"|(?<=\d)-\s+(?=[A-ZĐ]{2,}/)")


def unglue(text: str) -> str:
    return _SPLIT_SYMBOL.sub("-", _CLOSED_WORD.sub(r"\1 ", _AFTER_SYMBOL.sub(" ", text)))


# --- two columns side by side -------------------------------------------------
# Decree 30 puts the issuing body beside the motto, and the recipients beside the signature.
# Copied as text, the two columns share lines, the right one starting at one column of the
# page ("Nơi nhận:            TM. ỦY BAN NHÂN DÂN"). Read in reading order, the left column
# comes first, then the right one. A web copy of such a table puts each cell on lines of its
# own with a "|" line between the cells: that line is only a cell border.
_GAP = re.compile(r"(?<=\S)\s{2,}(?=\S)")
_CELL_BORDER = re.compile(r"^\s*\|\s*$")


def _right_start(line: str) -> int | None:
    if "\t" in line or line.lstrip().startswith("|"):
        return None
    gaps = list(_GAP.finditer(line))
    return gaps[-1].end() if gaps else None


def _fits(line: str, start: int) -> bool:
    """A line of the block: split at the column, or only in one of the two columns."""
    right = _right_start(line)
    if right is not None:
        return abs(right - start) <= 2
    indent = len(line) - len(line.lstrip())
    return indent >= start - 2 or len(line.rstrip()) < start - 1


def unstack_columns(lines: list[str]) -> list[str]:
    result: list[str] = []
    index = 0
    while index < len(lines):
        start = _right_start(lines[index])
        end = index
        if start is not None:
            while end + 1 < len(lines) and lines[end + 1].strip() and _fits(lines[end + 1], start):
                end += 1
        block = lines[index:end + 1]
        if start is None or sum(_right_start(line) is not None for line in block) < 2:
            result.append("" if _CELL_BORDER.match(lines[index]) else lines[index])
            index += 1
            continue
        left, right = [], []
        for line in block:
            gaps = list(_GAP.finditer(line))
            if gaps and abs(gaps[-1].end() - start) <= 2:
                left.append(line[:gaps[-1].start()].strip())
                right.append(line[gaps[-1].end():].strip())
            elif len(line) - len(line.lstrip()) >= start - 2:
                right.append(line.strip())
            else:
                left.append(line.strip())
        result += [t for t in left if t] + [""] + [t for t in right if t] + [""]
        index = end + 1
    return result
