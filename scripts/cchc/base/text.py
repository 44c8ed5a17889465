"""Vietnamese text without its diacritics: the one folding rule every stage uses.

Citizens type "duong day nong" as often as "đường dây nóng", staff mistype
key names, and documents spell section headings with or without marks. All
of them are compared after the same folding: marks dropped and "đ" → "d".
The search dialog folds queries the same way in theme/assets/cchc-fold.js
(a browser test compares the two).
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def _fold_slowly(text: str) -> str:
    """The definition: decompose, drop every combining mark, compose again."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")))


class _FoldedLetters(dict):
    """Each character folded on its own, filled in on first use: str.translate then folds a page in
    one pass instead of decomposing and recomposing all of it (the search index folds every page)."""

    def __missing__(self, char: int) -> str:
        self[char] = _fold_slowly(chr(char))
        return self[char]


_FOLDED_LETTERS = _FoldedLetters()
# Folding character by character equals the definition unless composition joins two characters that
# are not marks: conjoining Hangul jamo do (U+1100-U+11FF and their extensions).
_JOINS_UNMARKED = re.compile("[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]")


def fold(text: str, *, lower: bool = False, squash_spaces: bool = False) -> str:
    """'Đường  dây nóng' -> 'Duong  day nong'; `lower` and `squash_spaces` for comparisons."""
    if text.isascii():
        bare = text
    elif _JOINS_UNMARKED.search(text):
        bare = _fold_slowly(text)
    else:
        bare = text.translate(_FOLDED_LETTERS)
    if lower:
        bare = bare.lower()
    if squash_spaces:
        bare = _SPACES.sub(" ", bare).strip()
    return bare


# C0 controls (and DEL) other than Tab and line feed: no published format may carry them (XML 1.0
# forbids them, spreadsheets and calendars misread them), and staff never mean to type them.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def printable(text: str) -> str:
    """`text` without control characters; the writers' second line of defence after the data check."""
    return CONTROLS.sub("", text)
