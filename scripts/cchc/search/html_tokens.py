"""Tokens of machine-made HTML: a regular expression is enough, and much faster than
html.parser on thousands of pages."""

from __future__ import annotations

import re

# A comment, a start or end tag (group 1: "/" if end, 2: name, 3: attributes), or text (group 4).
# Possessive runs: an attribute's characters are taken many at a time and never given back, which
# tokenises a portal's pages in three quarters of the time (same tokens: tests/test_search_index.py).
TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>|([^<]+)", re.S)
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s"\'>]+)))?')


def attributes(text: str) -> list[tuple[str, str]]:
    return [(m[1].lower(), m[2] if m[2] is not None else (m[3] if m[3] is not None else (m[4] or "")))
            for m in _ATTR.finditer(text)]
