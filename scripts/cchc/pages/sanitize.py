"""Keep staff-written pages safe: an allowlist of HTML tags and attributes.

Markdown lets raw HTML through. Staff pages (posts, answers, hand-written
pages) are rendered by the engine and then passed through `clean_html`,
which keeps what Markdown and the theme need (admonitions, tables, details)
and drops the rest, links with a scheme outside `check.link_schemes` included.
"""

from __future__ import annotations

import re
from html import escape, unescape

from ..check.link_schemes import safe_url

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
                     "textarea", "select", "title"}
ALLOWED_ATTRS = {"id", "class", "title", "lang", "dir", "href", "src", "alt", "width", "height", "loading",
                 "colspan", "rowspan", "scope", "open", "datetime", "start", "reversed", "abbr"}
URL_ATTRS = {"href", "src"}
VOID = {"br", "hr", "img"}

_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|([^<]+)|(<)", re.S)
_ATTR = re.compile(r'([^\s"\'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s"\'=<>`]+)))?')


def clean_html(html: str) -> str:
    out: list[str] = []
    dropping: list[str] = []
    for match in _TOKEN.finditer(html):
        closing, tag, raw, text, stray = match.groups()
        if stray is not None:
            if not dropping:
                out.append("&lt;")
            continue
        if text is not None:
            if not dropping:
                out.append(text)
            continue
        if tag is None:
            continue  # a comment
        tag = tag.lower()
        if dropping:
            if tag == dropping[-1] and closing:
                dropping.pop()
            elif tag == dropping[-1] and not closing:
                dropping.append(tag)
            continue
        if tag in DROP_WITH_CONTENT:
            if not closing and not raw.rstrip().endswith("/"):
                dropping.append(tag)
            continue
        if tag not in ALLOWED_TAGS:
            continue  # unwrap: the element goes, its text stays
        if closing:
            if tag not in VOID:
                out.append(f"</{tag}>")
            continue
        kept = []
        for attr in _ATTR.finditer(raw):
            name = attr.group(1).lower()
            value = next((v for v in attr.group(2, 3, 4) if v is not None), "")
            if name not in ALLOWED_ATTRS:
                continue
            if name in URL_ATTRS and not safe_url(value):
                continue
            kept.append(f' {name}="{escape(unescape(value), quote=True)}"')
        out.append(f"<{tag}{''.join(kept)}>")
    return "".join(out)
