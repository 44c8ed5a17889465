"""Vietnamese folding for search: words are indexed and looked up without diacritics.

Citizens type "duong day nong" as often as "đường dây nóng", and Pagefind
folds tone marks but not "đ" into "d". Folding every word before indexing
makes all spellings one word, so a query needs one lookup instead of one per
"d"/"đ" combination. It also lets Pagefind split its index into small
chunks: it sizes chunks by counting only the words that needed no folding of
their own, so an index of accented Vietnamese came out as a few large chunks,
each of which a first query had to download whole.

The query side (theme/assets/cchc-fold.js) must fold exactly the same way;
a browser test compares the two.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """"Đường dây nóng" -> "Duong day nong": marks dropped, đ -> d, case kept."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))
