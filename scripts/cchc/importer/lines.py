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
    for number, line in enumerate(text.split("\n"), start=1):
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


def unglue(text: str) -> str:
    return _CLOSED_WORD.sub(r"\1 ", _AFTER_SYMBOL.sub(" ", text))
