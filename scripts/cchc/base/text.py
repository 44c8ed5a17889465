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


def fold(text: str, *, lower: bool = False, squash_spaces: bool = False) -> str:
    """'Đường  dây nóng' -> 'Duong  day nong'; `lower` and `squash_spaces` for comparisons."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")))
    if lower:
        bare = bare.lower()
    if squash_spaces:
        bare = _SPACES.sub(" ", bare).strip()
    return bare
