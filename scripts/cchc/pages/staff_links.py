"""Links written in staff Markdown must lead somewhere the site publishes, as the engine will insist.

mkdocs, in strict mode, refuses a page whose relative link has no target, an
absolute link, or a link broken by a Tab; it says so in English, one build at
a time. The same rules are checked here over every staff page at once, at
the line and column of each link, so `cchc check` reports them first.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from ..base.problems import Mark, Problem

# An inline link or image: [text](target "title") or ![alt](target); reference definitions: [id]: target
_INLINE = re.compile(r"\]\(\s*<?([^)>\s]*)")
_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_TAB_IN_LINK = re.compile(r"\]\(\s*<?[^)\s]*\t")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _targets(line: str):
    for match in _INLINE.finditer(line):
        yield match.group(1), match.start(1)
    definition = _DEFINITION.match(line)
    if definition:
        yield definition.group(1), definition.start(1)


def link_problems(shown: str, src_uri: str, text: str, first_line: int, published: set[str]) -> list[Problem]:
    """`published`: every source path of the site (staff files, generated pages and files)."""
    problems = []
    here = posixpath.dirname(src_uri)
    fenced = False
    for number, line in enumerate(text.split("\n"), start=first_line):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        tab = _TAB_IN_LINK.search(line)
        if tab:
            problems.append(Problem(shown, Mark(number, line.index("\t", tab.start()) + 1),
                                    "Liên kết có ký tự Tab giữa đường dẫn: hãy xóa Tab (dùng dấu gạch ngang thay cho "
                                    "khoảng trắng trong tên tệp)."))
            continue
        for target, col in _targets(line):
            parts = urlsplit(target)
            if not target or parts.scheme or parts.netloc or target.startswith("#"):
                continue  # external (schemes are checked by check/link_schemes), or an anchor on this page
            if target.startswith("/"):
                problems.append(Problem(shown, Mark(number, col + 1),
                                        f"Liên kết '{target[:60]}' bắt đầu bằng '/': trang chạy được ở cả thư mục con, "
                                        "nên hãy dùng đường dẫn tương đối tới tệp .md (ví dụ ../huong-dan.md)."))
                continue
            path = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
            if path.startswith("../") or path == "..":
                problems.append(Problem(shown, Mark(number, col + 1),
                                        f"Liên kết '{target[:60]}' trỏ ra ngoài thư mục content/."))
            elif path not in published:
                problems.append(Problem(shown, Mark(number, col + 1),
                                        f"Liên kết '{target[:60]}' không trỏ tới tệp nào của trang "
                                        f"(tìm '{path}' trong content/ và các trang cổng tự tạo)."))
    return problems
