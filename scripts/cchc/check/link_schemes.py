"""Link schemes staff may use: relative links and http, https, mailto and tel.

A `javascript:` or `data:` link in staff Markdown is reported before the build,
at the line and column where staff wrote it; the sanitiser drops such links
from the rendered HTML as a second line of defence.
"""

from __future__ import annotations

import re
from html import escape, unescape

from ..base.problems import Mark, ProblemList

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def safe_url(value: str) -> bool:
    """Relative links and the http, https, mailto and tel schemes only."""
    plain = _CONTROL.sub("", unescape(value)).lower()  # browsers ignore these inside a scheme
    match = _SCHEME.match(plain)
    return match is None or plain.startswith(SAFE_SCHEMES)

_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|(?:href|src)\s*=\s*[\"']?([^\"'\s>]+)", re.I)


def link_problems(markdown: str, first_line: int, problems: ProblemList) -> None:
    """Report links and images whose scheme is not allowed (javascript:, data:, vbscript:...)."""
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        for match in _LINK_TARGET.finditer(line):
            target = match.group(1) or match.group(2)
            if not safe_url(target):
                col = (match.start(1) if match.group(1) else match.start(2)) + 1
                shown = escape(target[:40])
                problems.error(Mark(number, col),
                               f"Liên kết '{shown}' dùng giao thức không được phép: chỉ dùng http, https, "
                               "mailto, tel hoặc đường dẫn trong trang.")
