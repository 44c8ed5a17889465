"""Build the static, chunked search index of a built site with Pagefind.

Pagefind is fed the words folded to plain letters (search_bundle.py): "đường"
and "duong" are one word, and the index splits into small chunks; the
original words are added to each result's data for the search dialog.

Vietnamese is indexed syllable by syllable, and the common syllables of this
genre (cải, cách, hành, chính...) stand on nearly every page; indexing every
word of every long text makes the chunks a first query must download grow
with the site. So each page is indexed from a reduced copy of its content:
every heading (with its id, for sub-results such as task rows), the opening
words of the running text, and in full whatever a template marks
`data-cchc-index="always"` (task rows, targets). A listing that only repeats
other pages (column pages, archives) marks its root `data-cchc-index="title"`:
it is found by its title alone. The served pages are unchanged.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading

from ..base import processes, theme
from . import bundle as search_bundle, canonical, pagefind_service, vocabulary
from .html_tokens import TOKEN, attributes

BUNDLE_DIR = "pagefind"
# What Pagefind is told: index the article only, all of it as Vietnamese.
PAGEFIND_CONFIG = {"root_selector": "article", "force_language": "vi"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "caption", "summary", "pre"} | HEADINGS
# Pagefind leaves these out of a page's text; so does the reduced copy, so that its original words
# line up with Pagefind's word for word.
UNINDEXED = {"head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template"}
VOID = {"br", "img", "hr", "meta", "input", "source", "wbr", "link", "col"}
# A listing's title counts like running text (Pagefind weighs an h1 7): found by its own title, it
# does not outrank the plans and posts it lists for the words they share.
LISTING_TITLE_WEIGHT = "1"
PAGE_WORDS = 40  # running text indexed per page (its opening), besides headings and "always" blocks
BLOCK_WORDS = 30  # at most this much of any one paragraph, cell or list item


class SearchIndexError(Exception):
    pass


class _Reducer:
    """Streams machine-made HTML (a regular expression is enough, and much faster than
    html.parser on thousands of pages) and keeps what the index should hold."""

    def __init__(self, page_words: int, block_words: int):
        self.out: list[str] = []
        self.stack: list[str] = []
        # Where each open element's start tag stands in `out`, when it may be dropped if it ends with
        # no words (a paragraph past the page's word budget): an edit that adds one then leaves the
        # search copy, and so the index, as it was (publish/index_reuse.py).
        self.starts: list[int | None] = []
        self.ignore_at: int | None = None
        self.always_at: int | None = None
        self.title_only_at: int | None = None  # inside a listing: only its h1 is kept
        self.h1_at: int | None = None
        self.headings_open = 0  # headings on the stack: their words are all kept
        self.page_left = page_words
        self.block_words = block_words
        self.block_left = block_words

    def feed(self, html: str) -> None:
        # findall's tuples cost less than a match object per token; a group that did not take part is
        # "" there, and text is never empty: a comment is the token with neither text nor tag.
        text_of, end, start, stack, starts = self._text, self._end, self._start, self.stack, self.starts
        for closing, tag, attrs, text in TOKEN.findall(html):
            if self.ignore_at is not None:
                # Inside a part the index leaves out (more than half of a page's tags): only its nesting
                # counts. Only the left-out element itself ends at the depth ignore_at records.
                if not tag:
                    continue
                tag = tag.lower()
                if not closing:
                    if tag not in VOID and not attrs.rstrip().endswith("/"):
                        stack.append(tag)
                        starts.append(None)
                elif stack and stack[-1] == tag:
                    stack.pop()
                    starts.pop()
                    if len(stack) == self.ignore_at:
                        self.ignore_at = None
                else:
                    end(tag)
            elif text:
                text_of(text)
            elif tag and closing:
                end(tag.lower())
            elif tag:
                start(tag.lower(), attrs)

    def _start(self, tag: str, raw: str) -> None:
        void = tag in VOID or raw.rstrip().endswith("/")
        if self.ignore_at is not None:
            if not void:
                self.stack.append(tag)
                self.starts.append(None)
            return
        attrs = attributes(raw) if raw and not raw.isspace() else []
        names = {name for name, _ in attrs}
        permalink = tag == "a" and ("class", "headerlink") in attrs  # the "¶" after a heading is not its title
        outside_title = (self.title_only_at is not None and self.h1_at is None and tag != "h1"
                         and not any(name.startswith("data-pagefind-") for name in names))
        if "data-pagefind-ignore" in names or tag in UNINDEXED or outside_title or permalink:
            if not void:
                self.ignore_at = len(self.stack)
                self.stack.append(tag)
                self.starts.append(None)
            return
        if tag in BLOCKS:
            self.block_left = self.block_words
        kept = "".join(f' {name}="{value}"' for name, value in attrs
                       if name == "id" or name.startswith("data-pagefind")) if attrs else ""
        if tag == "h1" and self.title_only_at is not None and "data-pagefind-weight" not in names:
            kept += f' data-pagefind-weight="{LISTING_TITLE_WEIGHT}"'
        droppable = not kept  # an element left empty says nothing to the index unless it names itself
        self.out.append(f"<{tag}{kept}>")
        if void:
            return
        self.starts.append(len(self.out) - 1 if droppable else None)
        if ("data-cchc-index", "always") in attrs and self.always_at is None:
            self.always_at = len(self.stack)
        if ("data-cchc-index", "title") in attrs and self.title_only_at is None:
            self.title_only_at = len(self.stack)
        if tag == "h1" and self.h1_at is None:
            self.h1_at = len(self.stack)
        if tag in HEADINGS:
            self.headings_open += 1
        self.stack.append(tag)

    def _end(self, tag: str) -> None:
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            start = self.starts.pop()
            depth = len(self.stack)
            if self.ignore_at is None:
                if open_tag in HEADINGS:
                    self.headings_open -= 1
                if start is not None and not any(part.strip() for part in self.out[start + 1:]):
                    del self.out[start:]  # a block left with no words: not in the copy at all
                else:
                    self.out.append(f"</{open_tag}>")
            if self.ignore_at == depth:
                self.ignore_at = None
            if self.always_at == depth:
                self.always_at = None
            if self.title_only_at == depth:
                self.title_only_at = None
            if self.h1_at == depth:
                self.h1_at = None
            if open_tag == tag:
                break

    def _text(self, data: str) -> None:
        if data.isspace():
            self.out.append(" ")
            return
        words = data.split()
        if self.headings_open:
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


_WORD = re.compile(r">[^<]*\w")


def reduce_page(html: str, page: str = "") -> str | None:
    """The copy of one built page the index is fed; None for a page whose copy has no words (a listing
    of listings, or a page a template left out whole)."""
    article = theme.article_of(html)
    if article is None:
        raise SearchIndexError(theme.missing_markup(page, f"vùng nội dung {theme.ARTICLE_MARKUP}"))
    reduced = reduce_html(article)
    return reduced if _WORD.search(reduced) else None


def url_of(output_path: str) -> str:
    """The URL of a page from its path in the output ("don-vi/x/index.html" -> "/don-vi/x/")."""
    relative = output_path.replace(os.sep, "/")
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


# The Pagefind processes running now: a preview indexes in a thread, and stopping the preview stops them.
_RUNNING: set[subprocess.Popen] = set()
_RUNNING_LOCK = threading.Lock()
_STOPPED = threading.Event()  # after stop_running(), no new Pagefind starts in this process
# Cleared while the preview builds: the index of the last save waits (its Pagefind stopped, its
# Python work at the next page), so that on a machine with few cores the build staff wait for
# does not share them with it.
_GO = threading.Event()
_GO.set()


def _send(processes_: list[subprocess.Popen], name: str) -> None:
    """Signal each process, and its whole group where it leads one (the preview's index process
    and the Pagefind it started)."""
    number = getattr(signal, name, None)  # POSIX job control; elsewhere the index just runs on
    for process in processes_:
        if number is not None and process.poll() is None:
            try:
                if os.getpgid(process.pid) == process.pid:
                    os.killpg(process.pid, number)
                else:
                    process.send_signal(number)
            except OSError:
                pass


def _watched(process: subprocess.Popen) -> None:
    """From now on the preview may pause or stop `process`; stopped or paused already, it is too."""
    with _RUNNING_LOCK:
        _RUNNING.add(process)
        if _STOPPED.is_set():
            process.terminate()
        elif not _GO.is_set():
            _send([process], "SIGSTOP")


def _unwatched(process: subprocess.Popen) -> None:
    with _RUNNING_LOCK:
        _RUNNING.discard(process)


def run_in_background(process: subprocess.Popen) -> tuple[str, str]:
    """Wait for `process` (an index being made) while the preview may pause or stop it; its output."""
    _watched(process)
    try:
        return process.communicate()
    finally:
        _unwatched(process)


def pause_background() -> None:
    with _RUNNING_LOCK:
        _GO.clear()
        running = list(_RUNNING)
    _send(running, "SIGSTOP")


def resume_background() -> None:
    with _RUNNING_LOCK:
        _GO.set()
        running = list(_RUNNING)
    _send(running, "SIGCONT")


def wait_if_paused() -> None:
    """Called between steps of background work (the index here, the preview's link check)."""
    _GO.wait()


def stop_running() -> None:
    """Terminate every Pagefind this process started that is still running (the preview's index)."""
    with _RUNNING_LOCK:
        _STOPPED.set()
        _GO.set()
        running = list(_RUNNING)
    _send(running, "SIGCONT")  # a stopped process acts on SIGTERM only once it runs again
    _send(running, "SIGTERM")
    for process in running:
        processes.stop(process)


def stopping() -> bool:
    return _STOPPED.is_set()


def build_index(site_dir: str, reduced: dict[str, str]) -> int:
    """Index a built site; returns the number of pages indexed."""
    write_bundle(site_dir, make_bundle(reduced))
    return len(reduced)


def make_bundle(reduced: dict[str, str]) -> dict[str, bytes]:
    """The index's files (name in the bundle folder -> contents).

    `reduced` maps URLs to the `reduce_page()` copies an engine collected as it wrote the pages.
    Pagefind's service takes them, in the order of their URLs (the bundle must not depend on the
    order the engine wrote them), and returns its bundle, which gets the originals and is made
    reproducible, to be written into the site once (pagefind_service.py says why not a folder).
    """
    originals: dict[str, dict] = {}

    def pages():
        for url, article in sorted(reduced.items()):
            folded, originals[url] = search_bundle.prepare(article)
            yield url, f'<!doctype html><html lang="vi"><body><article>{folded}</article></body></html>'

    try:
        process = pagefind_service.start()
    except pagefind_service.ServiceError as err:
        raise SearchIndexError(f"Không chạy được Pagefind để tạo chỉ mục tìm kiếm: {err}") from None
    _watched(process)
    try:
        files = pagefind_service.index(process, PAGEFIND_CONFIG, pages(), between_pages=_GO.wait)
    except pagefind_service.ServiceError as err:
        raise SearchIndexError(f"Tạo chỉ mục tìm kiếm thất bại (Pagefind):\n{err}") from None
    finally:
        _unwatched(process)
    _GO.wait()
    try:
        search_bundle.add_originals(files, originals, between=_GO.wait)
        canonical.make_reproducible(files)
    except search_bundle.BundleFormatError as err:
        raise SearchIndexError(str(err)) from None
    files[vocabulary.FILE] = vocabulary.encoded([page["text"] for page in originals.values()])
    return files


def write_bundle(site_dir: str, files: dict[str, bytes]) -> None:
    bundle_dir = os.path.join(site_dir, BUNDLE_DIR)
    made: set[str] = set()
    for name in sorted(files):
        _GO.wait()
        path = os.path.join(bundle_dir, *name.split("/"))
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(path, "wb") as out:
            out.write(files[name])
