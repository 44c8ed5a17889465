"""Build the static, chunked search index of a built site with Pagefind.

Pagefind indexes the pages' real text, so excerpts show the original
Vietnamese; it folds tone marks itself. What it does not fold (đ and d) is
handled at query time by the search page script (theme/assets/cchc-search.js).

Vietnamese is indexed syllable by syllable, and the common syllables of this
genre (cải, cách, hành, chính...) stand on nearly every page; indexing every
word of every long text makes the chunks a first query must download grow
with the site. So each page is indexed from a reduced copy of its content:
every heading (with its id, for sub-results such as task rows), the opening
words of the running text, and in full whatever a template marks
`data-cchc-index="always"` (task rows, targets). The served pages are unchanged.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

BUNDLE_DIR = "pagefind"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', re.S)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "caption", "summary", "pre"} | HEADINGS
VOID = {"br", "img", "hr", "meta", "input", "source", "wbr", "link", "col"}
PAGE_WORDS = 40  # running text indexed per page (its opening), besides headings and "always" blocks
BLOCK_WORDS = 30  # at most this much of any one paragraph, cell or list item


class SearchIndexError(Exception):
    pass


_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|([^<]+)", re.S)
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s"\'>]+)))?')


def _attributes(text: str) -> list[tuple[str, str]]:
    return [(m[1].lower(), m[2] if m[2] is not None else (m[3] if m[3] is not None else (m[4] or "")))
            for m in _ATTR.finditer(text)]


class _Reducer:
    """Streams machine-made HTML (a regular expression is enough, and much faster than
    html.parser on thousands of pages) and keeps what the index should hold."""

    def __init__(self, page_words: int, block_words: int):
        self.out: list[str] = []
        self.stack: list[str] = []
        self.ignore_at: int | None = None
        self.always_at: int | None = None
        self.page_left = page_words
        self.block_words = block_words
        self.block_left = block_words

    def feed(self, html: str) -> None:
        for match in _TOKEN.finditer(html):
            closing, tag, attrs, text = match.group(1), match.group(2), match.group(3), match.group(4)
            if text is not None:
                self._text(text)
            elif tag and closing:
                self._end(tag.lower())
            elif tag:
                self._start(tag.lower(), attrs or "")

    def _start(self, tag: str, raw: str) -> None:
        void = tag in VOID or raw.rstrip().endswith("/")
        if self.ignore_at is not None:
            if not void:
                self.stack.append(tag)
            return
        attrs = _attributes(raw) if raw.strip() else []
        names = {name for name, _ in attrs}
        if "data-pagefind-ignore" in names:
            if not void:
                self.ignore_at = len(self.stack)
                self.stack.append(tag)
            return
        if tag in BLOCKS:
            self.block_left = self.block_words
        kept = "".join(f' {name}="{value}"' for name, value in attrs
                       if name == "id" or name.startswith("data-pagefind"))
        self.out.append(f"<{tag}{kept}>")
        if void:
            return
        if ("data-cchc-index", "always") in attrs and self.always_at is None:
            self.always_at = len(self.stack)
        self.stack.append(tag)

    def _end(self, tag: str) -> None:
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            depth = len(self.stack)
            if self.ignore_at is None:
                self.out.append(f"</{open_tag}>")
            if self.ignore_at == depth:
                self.ignore_at = None
            if self.always_at == depth:
                self.always_at = None
            if open_tag == tag:
                break

    def _text(self, data: str) -> None:
        if self.ignore_at is not None:
            return
        words = data.split()
        if not words:
            self.out.append(" ")
            return
        if any(tag in HEADINGS for tag in self.stack):
            take = words
        else:
            limit = self.block_left if self.always_at is not None else min(self.block_left, self.page_left)
            take = words[:max(0, limit)]
            self.block_left -= len(take)
            if self.always_at is None:
                self.page_left -= len(take)
        if take:
            self.out.append(" " + " ".join(take) + " ")


def reduce_html(article_html: str, page_words: int = PAGE_WORDS, block_words: int = BLOCK_WORDS) -> str:
    reducer = _Reducer(page_words, block_words)
    reducer.feed(article_html)
    return "".join(reducer.out)


def reduce_page(html: str) -> str | None:
    """The copy of one built page the index is fed; None for pages left out of the index."""
    match = ARTICLE.search(html)
    if not match or 'data-pagefind-ignore="all"' in match.group(1)[:400]:
        return None  # no content area, or a listing that repeats other pages
    return reduce_html(match.group(1))


def url_of(site_dir: str, path: str) -> str:
    relative = os.path.relpath(path, site_dir).replace(os.sep, "/")
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def build_index(site_dir: str, reduced: dict[str, str]) -> int:
    """Index a built site; returns the number of pages indexed.

    `reduced` maps URLs to the `reduce_page()` copies an engine collected as it wrote the pages.
    The copies go to a scratch folder laid out like the site, so Pagefind derives the same
    URLs, and the bundle is written into the site.
    """
    pages = reduced.items()
    with tempfile.TemporaryDirectory(prefix="cchc-search-") as scratch:
        count = 0
        for url, article in pages:
            target = os.path.join(scratch, url.lstrip("/"))
            if url.endswith("/"):
                target = os.path.join(target, "index.html")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as out:
                out.write(f'<!doctype html><html lang="vi"><body><article>{article}</article></body></html>')
            count += 1
        command = [sys.executable, "-m", "pagefind", "--site", scratch, "--output-path",
                   os.path.join(site_dir, BUNDLE_DIR), "--root-selector", "article", "--force-language", "vi", "--silent"]
        try:
            result = subprocess.run(command, text=True, capture_output=True)
        except OSError as err:
            raise SearchIndexError(f"Không chạy được Pagefind để tạo chỉ mục tìm kiếm: {err}") from None
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip()[-2000:]
            raise SearchIndexError(f"Tạo chỉ mục tìm kiếm thất bại (Pagefind):\n{detail}")
    return count
