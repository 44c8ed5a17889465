"""What Pagefind is fed, and what is added to its bundle afterwards.

Pagefind indexes each page from a folded copy (base/text.py): words without
diacritics, so every spelling of a query is one lookup. Pagefind folds tone
marks but not "đ", and it sizes index chunks by counting only the words that
needed no folding of their own, so an index of accented Vietnamese came out
as a few large chunks that a first query had to download whole; folded text
gives many small ones. It indexes metadata values too, so those are folded
as well.

Readers must still see the original Vietnamese. Pagefind returns a page's
data from its fragment file, which a query downloads only for the results it
shows; the original title, words and metadata are written into that file
under the key "cchc", where the search dialog (theme/assets/cchc-search.js)
finds them. Folding keeps every word a word, so the dialog can line up the
folded excerpt Pagefind makes with the original words.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
from typing import Callable

from .html_tokens import TOKEN, attributes
from ..base.text import fold

# Pagefind 1.x writes each fragment as gzip of this signature followed by JSON.
SIGNATURE = b"pagefind_dcd"
# Pagefind names a fragment by a hash of what it was fed, which is folded: a page whose originals
# change only in their diacritics would keep its name, and browsers could show a cached old copy.
# A digest of the originals is fed as metadata, written with symbols Pagefind does not index.
_DIGEST_SYMBOLS = "!$%&()+-./;<=>?@"
# A sub-result (a task row) is titled by its heading ("Nhiệm vụ 8") and the first words after it.
SECTION_WORDS = 14
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class BundleFormatError(Exception):
    pass


def _fold_meta(raw_attributes: str, meta: dict[str, str]) -> str:
    """The tag's attributes with `data-pagefind-meta="key:value"` folded; the original value goes to `meta`."""
    out = []
    for name, value in attributes(raw_attributes):
        if name == "data-pagefind-meta" and ":" in value:
            key, text = html.unescape(value).split(":", 1)
            meta[key.strip()] = text.strip()
            value = html.escape(f"{key}:{fold(text)}")
        out.append(f' {name}="{value}"')
    return "".join(out)


def prepare(reduced_html: str) -> tuple[str, dict]:
    """The folded copy Pagefind indexes, and the originals its results will need.

    A page may name its result itself (`data-pagefind-meta="title:..."`); else its first h1 does.
    `sections` holds, for each heading with an id, the first words after it: a task row's result
    is titled with the task, not with the plan around it."""
    out: list[str] = []
    words: list[str] = []
    title: list[str] = []
    meta: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    heading_id: str | None = None  # the id of the heading being read
    collecting: list[str] | None = None  # the words after the last heading with an id
    h1 = "before"
    for match in TOKEN.finditer(reduced_html):
        closing, tag, raw, text = match.group(1), (match.group(2) or "").lower(), match.group(3), match.group(4)
        if text is not None:
            plain = html.unescape(text)
            words.append(plain)
            if h1 == "inside":
                title.append(plain)
            if collecting is not None and len(collecting) < SECTION_WORDS:
                collecting.extend(plain.split()[:SECTION_WORDS - len(collecting)])
            out.append(html.escape(fold(plain), quote=False))
            continue
        if tag == "h1" and h1 != "after":
            h1 = "after" if closing else "inside"
        if tag in _HEADINGS:
            if closing and heading_id:
                collecting = sections.setdefault(heading_id, [])
                heading_id = None
            elif not closing:
                collecting = None
                heading_id = dict(attributes(raw or "")).get("id")
        if tag and not closing and raw and "data-pagefind-meta" in raw:
            out.append(f"<{tag}{_fold_meta(raw, meta)}>")
        else:
            out.append(match.group(0))
    h1_title = " ".join(" ".join(title).split())
    originals = {"title": meta.pop("title", "") or h1_title, "text": " ".join(" ".join(words).split()),
                 "meta": meta, "sections": {key: " ".join(found) for key, found in sections.items() if found}}
    digest = hashlib.sha256(json.dumps(originals, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
    version = "".join(_DIGEST_SYMBOLS[int(c, 16)] for c in digest[:12])
    marker = f'<span data-pagefind-meta="{html.escape("phien_ban:" + version)}"></span>'
    return marker + "".join(out), originals


FRAGMENTS = "fragment/"  # a fragment's path inside the bundle starts so
# Fragments are compressed again once each, thousands per build: at this level in a third of the time
# of gzip's default (9), for 0.5 % more bytes, and a query downloads only the few it shows.
FRAGMENT_COMPRESSION = 4


def decode_fragment(data: bytes, name: str) -> dict:
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError) as err:
        raise BundleFormatError(_unexpected(name, str(err))) from None
    if not raw.startswith(SIGNATURE):
        raise BundleFormatError(_unexpected(name, "thiếu chữ ký pagefind_dcd"))
    return json.loads(raw[len(SIGNATURE):])


def read_fragment(path: str) -> dict:
    with open(path, "rb") as handle:
        return decode_fragment(handle.read(), path)


def add_originals(files: dict[str, bytes], originals: dict[str, dict],
                  between: Callable[[], object] = lambda: None) -> int:
    """Write each page's originals (by its URL) into its fragment among the bundle's `files`; returns
    how many fragments got them. `between` is called before each (the preview pauses its index)."""
    done = 0
    for name in sorted(n for n in files if n.startswith(FRAGMENTS)):
        between()
        fragment = decode_fragment(files[name], name)
        found = originals.get(fragment.get("url", ""))
        if found is None:
            continue
        fragment["cchc"] = found
        body = SIGNATURE + json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        files[name] = gzip.compress(body, compresslevel=FRAGMENT_COMPRESSION, mtime=0)
        done += 1
    if originals and not done:
        raise BundleFormatError(_unexpected(FRAGMENTS, "không khớp trang nào với địa chỉ của trang"))
    return done


def _unexpected(path: str, detail: str) -> str:
    return (f"Gói tìm kiếm của Pagefind không đúng định dạng mong đợi ({path}: {detail}). "
            "Có thể phiên bản Pagefind đã đổi; dùng đúng phiên bản ghi trong constraints.txt.")
