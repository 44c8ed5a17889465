"""What the last good build wrote, so the next build renders only the pages whose inputs changed.

A page's fingerprint is a digest of everything its output is made from: the
site-wide inputs (package code, templates and theme, configuration, as-of
date and build mode, engine versions) and the page's own composed source (its
Markdown, title, the core's HTML around it, its footer). The core composes a
page from all the data it depends on, so a digest of that composition catches
every dependency, including ones nobody would list by hand: a new post changes
its unit's column, the feeds, the home page and the progress of the target it
counts toward, and exactly those pages get new fingerprints.

The cache is JSON beside the site (never pickle: a foreign file must not run
code), names its own digest, and that digest is also in the site's marker
file: a cache from another build, a truncated file, or a site edited by hand
(an output whose bytes no longer match) is not trusted; the pages are rendered.
"""

from __future__ import annotations

import hashlib
import functools
import json
import os
import shutil
from dataclasses import dataclass, field
from typing import Iterable, Mapping

FORMAT = 4  # 2: the data files' digests (inputs), so a fresh build knows which files an edit changed;
# 3: the identity made of the entries' digests; 4: a page's links as (url, src of an image without alt)
MARKER_FACT = "cache"  # the fact in the site's marker naming the cache that describes it


def digest(*parts: str | bytes) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))  # lengths first: ("ab", "c") differs from ("a", "bc")
        hashed.update(data)
    return hashed.hexdigest()


def digest_files(folders: Iterable[str], base: str, without_copies: bool = False,
                 known: Mapping[str, bytes] | None = None) -> str:
    """One digest of every file under `folders` (names relative to `base`, and contents); with
    `without_copies`, compressed copies of other files are left out. `known`: contents of some of
    the files (by name relative to `base`, with "/") that need not be read."""
    hashed = hashlib.sha256()
    for folder in folders:
        for current, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            present = set(names)
            for name in sorted(names):
                if without_copies and is_copy(name, present):
                    continue
                path = os.path.join(current, name)
                relative = os.path.relpath(path, base)
                data = known.get(relative.replace(os.sep, "/")) if known else None
                if data is None:
                    with open(path, "rb") as handle:
                        data = handle.read()
                hashed.update(digest(relative, data).encode("ascii"))
    return hashed.hexdigest()


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return digest_bytes(handle.read())
    except OSError:
        return None


@dataclass
class PageEntry:
    """One page of a finished build: what it was made from and what it became."""
    fingerprint: str
    dest_uri: str
    output_digest: str  # sha256 of the file written
    scan: tuple  # linkcheck.scan() of the page: (ids, links)
    reduced: tuple[str, str] | None  # (url, search copy), or None for a page not indexed
    _text: str | None = field(default=None, repr=False, compare=False)
    _digest: str | None = field(default=None, repr=False, compare=False)

    def serialized(self) -> str:
        """The entry's JSON, made once: a reused entry is written into every later cache unchanged."""
        if self._text is None:
            self._text = json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return self._text

    def digest(self) -> str:
        """The digest of serialized(), made once, for the cache's identity."""
        if self._digest is None:
            self._digest = digest(self.serialized())
        return self._digest

    def to_json(self) -> dict:
        ids, links = self.scan
        return {"fingerprint": self.fingerprint, "dest": self.dest_uri, "output": self.output_digest,
                "ids": sorted(ids), "links": [list(link) for link in links],
                "search": list(self.reduced) if self.reduced else None}

    @classmethod
    def from_json(cls, value: dict) -> "PageEntry":
        links = [(str(url), None if no_alt is None else str(no_alt)) for url, no_alt in value["links"]]
        search = value["search"]
        return cls(str(value["fingerprint"]), str(value["dest"]), str(value["output"]),
                   (set(map(str, value["ids"])), links), (str(search[0]), str(search[1])) if search else None)


@dataclass
class BuildCache:
    site_inputs: str = ""  # the digest of the site-wide inputs the pages were built with
    pages: dict[str, PageEntry] = field(default_factory=dict)  # source path -> entry
    # The data files' digests and what the site has (engine/session.py input_facts()): empty for a preview.
    inputs: dict = field(default_factory=dict)
    _text: str | None = field(default=None, repr=False, compare=False)

    def content(self) -> dict:
        return {"format": FORMAT, "site_inputs": self.site_inputs, "inputs": self.inputs,
                "pages": {src: entry.to_json() for src, entry in sorted(self.pages.items())}}

    def serialized(self) -> str:
        """The cache file's text, made once (tens of megabytes on a province portal): what json.dumps
        of content() gives with sorted keys, assembled from the entries' own JSON."""
        if self._text is None:
            dump = functools.partial(json.dumps, ensure_ascii=False)
            pages = ",".join(f"{dump(src)}:{entry.serialized()}" for src, entry in sorted(self.pages.items()))
            self._text = (f'{{"format":{dump(FORMAT)},"inputs":{self._inputs_json()},"pages":{{{pages}}},'
                          f'"site_inputs":{dump(self.site_inputs)}}}')
        return self._text

    @property
    def identity(self) -> str:
        """A digest of the content: the same pages built the same way give the same value, so a
        full build and an incremental one write identical marker files. Made of each entry's own
        digest, kept with the entry: the preview computes it on every save, and the whole text is
        tens of megabytes at 11,000 pages."""
        return digest(str(FORMAT), self.site_inputs, self._inputs_json(),
                      *(part for src, entry in sorted(self.pages.items()) for part in (src, entry.digest())))

    def _inputs_json(self) -> str:
        return json.dumps(self.inputs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def fingerprints(self) -> dict[str, str]:
        return {src: entry.fingerprint for src, entry in self.pages.items()}


class UntrustedCache(Exception):
    """Why a cache was not used, as the one-line notice staff see."""


def cache_path(live_dir: str) -> str:
    """Beside the site, never inside it (the site is published)."""
    live_dir = os.path.abspath(live_dir)
    return os.path.join(os.path.dirname(live_dir), f".{os.path.basename(live_dir)}-cache.json")


def read(path: str, live_dir: str, marker: dict | None) -> BuildCache:
    """The cache of the site in `live_dir`, verified; raises UntrustedCache."""
    try:
        with open(path, encoding="utf-8") as data:
            raw = json.load(data)
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise UntrustedCache("bộ nhớ đệm của một phiên bản cchc khác")
        inputs = raw["inputs"]
        if not isinstance(inputs, dict):
            raise TypeError("inputs")
        cache = BuildCache(str(raw["site_inputs"]),
                           {str(src): PageEntry.from_json(entry) for src, entry in raw["pages"].items()}, inputs)
    except UntrustedCache:
        raise
    except OSError:
        raise UntrustedCache("không đọc được bộ nhớ đệm") from None
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        raise UntrustedCache("bộ nhớ đệm bị hỏng") from None
    if not marker or marker.get(MARKER_FACT) != cache.identity:
        raise UntrustedCache("bộ nhớ đệm không phải của bản dựng đang có trong thư mục trang")
    return cache


def usable_entries(cache: BuildCache, live_dir: str) -> dict[str, PageEntry]:
    """The entries whose output is still in the live site exactly as written (a hand-edited or
    missing file is rendered again)."""
    live_dir = os.path.abspath(live_dir)
    kept = {}
    for src, entry in cache.pages.items():
        path = os.path.normpath(os.path.join(live_dir, entry.dest_uri))
        if path.startswith(live_dir + os.sep) and file_digest(path) == entry.output_digest:
            kept[src] = entry
    return kept


def write(path: str, cache: BuildCache) -> None:
    """Atomically: a build killed while writing leaves the previous cache or none."""
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        out.write(cache.serialized())
    os.replace(temporary, path)


def remove(path: str) -> None:
    for stale in (path, path + ".tmp"):
        if os.path.exists(stale):
            os.remove(stale)


COMPANIONS = (".gz", ".br")  # compressed copies (compress.py) travel with their file


def is_copy(name: str, names: set[str]) -> bool:
    """Whether `name` is the compressed copy of another of the folder's `names`."""
    return name.endswith(COMPANIONS) and os.path.splitext(name)[0] in names


def reuse_outputs(entries: Iterable[PageEntry], live_dir: str, out_dir: str, with_copies: bool = False) -> list[str]:
    """Hard-link (or copy) the reused pages from the live site into the new output, with their
    compressed copies when `with_copies`; returns the output paths of the pages that came with all
    their copies, and of those copies (compression skips them). Nothing is ever written through a
    link: the engine has finished writing before this runs. A build without copies takes none, so
    no page of it has a copy left from an older build."""
    placed = []
    made: set[str] = set()
    for entry in entries:
        folder = os.path.dirname(os.path.join(out_dir, entry.dest_uri))
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        source, target = os.path.join(live_dir, entry.dest_uri), os.path.join(out_dir, entry.dest_uri)
        replace_with_link(source, target)
        copies = [suffix for suffix in COMPANIONS if os.path.exists(source + suffix)] if with_copies else []
        for suffix in copies:
            replace_with_link(source + suffix, target + suffix)
            placed.append(target + suffix)
        if with_copies and len(copies) == len(COMPANIONS):
            placed.append(target)
    return placed


def replace_with_link(source: str, target: str) -> None:
    """`target` becomes a link to `source` (or a copy); whatever was at `target` is removed first,
    never written through."""
    if os.path.lexists(target):
        os.remove(target)
    link_or_copy(source, target)


def link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows it (no bytes copied), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def update_in_place(out_dir: str, live_dir: str) -> int:
    """Move every file of `out_dir` over its namesake in `live_dir`; returns how many. For the preview
    only: its engine wrote just the files that changed, the same files as before (else it builds all),
    and each replacement is atomic, but the site as a whole is not swapped in one step."""
    moved = 0
    for folder, _dirs, names in os.walk(out_dir):
        target_folder = os.path.normpath(os.path.join(live_dir, os.path.relpath(folder, out_dir)))
        if names:
            os.makedirs(target_folder, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), os.path.join(target_folder, name))  # never writes through a link
            moved += 1
    return moved
