"""Where each generated page lives, and relative links between them.

Links are always relative so that the same build works from the root of a
commune's host and from a sub-path such as a GitHub Pages project site.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

UNITS_INDEX = "don-vi/index.md"


def unit_page(unit_id: str) -> str:
    return f"don-vi/{unit_id}/index.md"


def plan_page(unit_id: str, year: int) -> str:
    return f"don-vi/{unit_id}/ke-hoach-{year}.md"


def plan_download(unit_id: str, year: int, ext: str) -> str:
    return f"don-vi/{unit_id}/ke-hoach-{year}.{ext}"


def schema_file(name: str) -> str:
    return f"schemas/{name}.schema.json"


def url_of(src_uri: str, directory_urls: bool = True) -> str:
    """The URL path (relative to the site root) a source file is served at."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if directory_urls else stem + ".html"


def relative(from_src: str, to_src: str, directory_urls: bool = True, anchor: str = "") -> str:
    return _relative(url_of(from_src, directory_urls), to_src, directory_urls) + (f"#{anchor}" if anchor else "")


def root_prefix(from_src: str, directory_urls: bool = True) -> str:
    """The relative path from a page back to the site root: '' at the root, '../../' two levels down."""
    here = url_of(from_src, directory_urls)
    here_dir = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    return "../" * here_dir.count("/")


@lru_cache(maxsize=65536)
def _relative(here: str, to_src: str, directory_urls: bool) -> str:
    # A page links to the same pages several times (menus, footer), and `serve` rebuilds repeat them all.
    there = url_of(to_src, directory_urls)
    here_dir = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    link = url_relpath(there or ".", here_dir or ".")
    if there.endswith("/") and not link.endswith("/"):
        link += "/"
    return link


def url_relpath(path: str, start: str) -> str:
    """posixpath.relpath() of two paths from the site root, without its two calls of os.getcwd() (a
    system call each; tens of thousands of links per build). Paths with ".." or a leading "/" are
    left to posixpath."""
    if path.startswith("/") or start.startswith("/") or ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    here = [part for part in start.split("/") if part and part != "."]
    common = 0
    while common < len(to) and common < len(here) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


HOME = "index.md"
STAFF_GUIDE = "huong-dan.md"  # the hand-written staff guide; previews add the readiness list to it
COLUMN_INDEX = "chuyen-muc/index.md"
COLUMN_RSS = "chuyen-muc/rss.xml"
COLUMN_ATOM = "chuyen-muc/atom.xml"
QUESTIONS_INDEX = "hoi-dap/index.md"


def column_page(number: int) -> str:
    return COLUMN_INDEX if number == 1 else f"chuyen-muc/trang-{number}.md"


def archive_year(year: int) -> str:
    return f"chuyen-muc/luu-tru/{year}.md"


def archive_month(year: int, month: int) -> str:
    return f"chuyen-muc/luu-tru/{year}-{month:02d}.md"


def category_page(slug: str) -> str:
    return f"chuyen-muc/linh-vuc/{slug}.md"


def unit_column(unit_id: str) -> str:
    return f"don-vi/{unit_id}/chuyen-muc.md"


def unit_feed(unit_id: str, kind: str) -> str:
    return f"don-vi/{unit_id}/{kind}.xml"


def hotline_page(unit_id: str) -> str:
    return f"don-vi/{unit_id}/duong-day-nong.md"


def procedures_page(unit_id: str) -> str:
    return f"don-vi/{unit_id}/thu-tuc-hanh-chinh.md"


def unit_questions(unit_id: str) -> str:
    return f"don-vi/{unit_id}/hoi-dap.md"


def ask_page(unit_id: str) -> str:
    return f"don-vi/{unit_id}/gui-cau-hoi.md"


ASK_INDEX = "hoi-dap/gui-cau-hoi.md"  # which unit to ask, on a portal of several units
HOTLINES_INDEX = "duong-day-nong/index.md"  # every unit's hotlines: the main menu's "Đường dây nóng"
SEARCH_ANCHOR = "tim-kiem"  # any page's URL with this fragment opens the search dialog


PROGRESS_INDEX = "tien-do/index.md"
DATA_INDEX = "du-lieu/index.json"


def progress_page(unit_id: str, year: int) -> str:
    return f"don-vi/{unit_id}/tien-do-{year}.md"


def scorecard_page(unit_id: str, year: int) -> str:
    return f"don-vi/{unit_id}/tien-do-{year}-co-quan.md"


def report_page(unit_id: str, period: str) -> str:
    return f"don-vi/{unit_id}/bao-cao-{period.lower()}.md"


def report_docx(unit_id: str, period: str) -> str:
    """The Word file of a periodic report; its name carries the unit, so a download is told apart."""
    return f"don-vi/{unit_id}/{report_docx_name(unit_id, period)}"


def report_docx_name(unit_id: str, period: str) -> str:
    return f"bao-cao-{unit_id}-{period.lower()}.docx"


def calendar_file(unit_id: str) -> str:
    return f"don-vi/{unit_id}/lich.ics"


def open_data(unit_id: str, year: int, name: str) -> str:
    return f"don-vi/{unit_id}/du-lieu-{year}-{name}"
