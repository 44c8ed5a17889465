"""Keep staff-written pages safe: staff HTML is cleaned by nh3 (the ammonia sanitiser) after rendering.

Markdown lets raw HTML through. Staff pages (posts, answers, hand-written
pages) are rendered by the engine and then cleaned here with a real HTML
parser, which balances tags and keeps only what Markdown and the theme need
(admonitions, tables, details), with these rules of ours:
- links only in the schemes of check/link_schemes (relative, http(s), mailto, tel);
- classes only from an allowlist, so staff markup cannot borrow the theme's;
- ids on headings stay (the table of contents and links between pages use
  them); every other id, and any id in the theme's namespace (`__config`,
  `__palette`, ...), gets the `user-content-` prefix, so nothing staff write
  can clobber an element the theme's scripts look up. Same-page links to a
  prefixed id follow it.
"""

from __future__ import annotations

import re
import threading

import nh3

from ..base import theme
from ..check.link_schemes import SAFE_SCHEMES

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
                     "textarea", "select", "title"}
GENERIC_ATTRS = {"id", "title", "lang", "dir"}  # classes: ALLOWED_CLASSES
TAG_ATTRS = {"a": {"href"}, "img": {"src", "alt", "width", "height", "loading"}, "td": {"colspan", "rowspan"},
             "th": {"colspan", "rowspan", "scope", "abbr"}, "details": {"open"}, "time": {"datetime"},
             "ol": {"start", "reversed"}, "q": set(), "blockquote": set()}
# The admonition types of Python-Markdown and Material, the title paragraph, and the heading permalink.
ADMONITIONS = {"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check",
               "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing",
               "danger", "error", "bug", "example", "quote", "cite"}
CODE_LANGUAGES = {"markdown", "md", "yaml", "yml", "sh", "bash", "console", "text", "json", "csv", "html"}
ALLOWED_CLASSES = {"div": {"admonition", *ADMONITIONS}, "details": set(ADMONITIONS), "p": {"admonition-title"},
                   "a": {"headerlink"}, "code": {f"language-{name}" for name in CODE_LANGUAGES}}
ID_PREFIX = "user-content-"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HEADING_ID = re.compile(r"<h[1-6]\b[^>]*?\sid=\"([^\"]+)\"", re.I)


def _reserved(value: str) -> bool:
    return value.startswith("__") or value in theme.THEME_IDS


class _Sanitiser:
    """One nh3 Cleaner for the process: building it (the allowlists turned into the sanitiser's own
    sets) costs more than cleaning a post, and a build cleans thousands. Its attribute filter needs the
    ids of the page being cleaned, so one page is cleaned at a time."""

    def __init__(self) -> None:
        self._heading_ids: set[str] = set()
        self._lock = threading.Lock()
        self._cleaner = nh3.Cleaner(tags=ALLOWED_TAGS, clean_content_tags=DROP_WITH_CONTENT,
                                    attributes={"*": GENERIC_ATTRS, **TAG_ATTRS}, attribute_filter=self._attribute,
                                    url_schemes={scheme.rstrip(":") for scheme in SAFE_SCHEMES}, link_rel=None,
                                    allowed_classes=ALLOWED_CLASSES, strip_comments=True)

    def _attribute(self, element: str, name: str, value: str) -> str | None:
        if name == "id":
            return value if element in HEADINGS and value in self._heading_ids else ID_PREFIX + value
        if name == "href" and value.startswith("#") and len(value) > 1 and value[1:] not in self._heading_ids:
            return "#" + ID_PREFIX + value[1:]
        return value

    def clean(self, html: str) -> str:
        with self._lock:
            self._heading_ids = {value for value in _HEADING_ID.findall(html) if not _reserved(value)}
            return self._cleaner.clean(html)


_SANITISER = _Sanitiser()


def clean_html(html: str) -> str:
    return _SANITISER.clean(html)
