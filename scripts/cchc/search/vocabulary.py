"""The index's words, for the search dialog's typo tolerance.

Pagefind finds whole folded words (and prefixes of the last one); a query
with one mistyped letter ("cai cahc hanh chinh") finds next to nothing. The
dialog corrects a word the index does not hold to the most common indexed
word one edit away. It needs the list of those words: written beside the
bundle, and downloaded only when a query finds fewer than a few pages.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict

from ..base.text import fold

FILE = "cchc-tu.json"
_LETTERS = re.compile(r"[^\W\d_]+")


def words_of(original_texts: list[str]) -> dict[str, list]:
    """{folded word: [pages holding it, its most common spelling if that differs]}, letters only."""
    pages: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    folded: dict[str, str] = {}  # a site has a few thousand distinct words and millions of tokens
    for text in original_texts:
        seen = set()
        for token, count in Counter(_LETTERS.findall(text.lower())).items():  # counted in C, each word once
            key = folded.get(token)
            if key is None:
                key = folded[token] = fold(token)
            if len(key) < 2:
                continue
            spellings[key][token] += count
            seen.add(key)
        pages.update(seen)
    out = {}
    for key in sorted(pages, key=lambda k: (-pages[k], k)):
        spelling = spellings[key].most_common(1)[0][0]
        out[key] = [pages[key], spelling] if spelling != key else [pages[key]]
    return out


def encoded(original_texts: list[str]) -> bytes:
    """The file `FILE` of the bundle."""
    return json.dumps(words_of(original_texts), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
