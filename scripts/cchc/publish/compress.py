"""Compressed copies beside the text files of a built site, for hosts that serve them as they are.

A host that compresses on the fly (GitHub Pages does) needs none of this; a commune's own nginx or
Apache usually serves files as stored, and then a phone downloads every page, style, script and
search file in full. With `x.html.gz` (and `x.html.br`) beside `x.html`, such a host can send the
small copy to a browser that accepts it (README: `gzip_static`, `brotli_static`, or Apache rewrite
rules). The copies are byte-for-byte reproducible: gzip without a timestamp or file name.
"""

from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor

from .build_cache import COMPANIONS, replace_with_link

try:  # a maintained library (PyPI `brotli`, pinned in constraints.txt); without it only .gz is written
    import brotli  # type: ignore[import-untyped]  # the package ships no type information
except ImportError:  # pragma: no cover - the pinned install always has it
    brotli = None

# Text files only: Pagefind's index files are compressed already, images and fonts are binary.
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".ics", ".yml", ".mjs")
SMALLEST = 256  # below this a compressed copy saves less than the request's own headers
# Levels measured on the sample site: gzip 9 saves 0.4 % over 6 for twice the time; brotli 11 saves 9 %
# over 7 for fifty times the time (minutes on a large portal).
GZIP_LEVEL = 6
# On the pages of a 30-unit portal, quality 6 takes 60 % of the time of 7 for 0.8 % more bytes.
BROTLI_QUALITY = 6


def compress_site(site_dir: str, jobs: int | None = None, placed: set[str] = frozenset(),  # type: ignore[assignment]
                  previous: str | None = None, keep_existing: bool = False) -> dict[str, int]:
    """Write `.gz` (and `.br`) copies of every text file worth it; returns the bytes before and after.
    Files in `placed` came with their copies from the last build; with `keep_existing`, so did every
    file that has all its copies beside it (a site built with them, deployed). A file whose bytes
    equal the same path in `previous` (the last build or release) takes its copies from there.
    zlib and brotli release the interpreter lock while they work, so threads use every core."""
    paths = [os.path.join(folder, name) for folder, _dirs, names in os.walk(site_dir)
             for name in sorted(names) if name.endswith(COMPRESSED_SUFFIXES)]
    paths = [path for path in paths if path not in placed
             and not (keep_existing and all(os.path.exists(path + suffix) for suffix in _suffixes()))]
    totals = {"files": 0, "plain": 0, "gzip": 0, "brotli": 0}
    work = (lambda path: _compress_file(path, _previous_of(path, site_dir, previous))) if previous else _compress_file
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        for sizes in pool.map(work, paths):
            if sizes:
                totals["files"] += 1
                for key, size in sizes.items():
                    totals[key] += size
    return totals


def _previous_of(path: str, site_dir: str, previous: str | None) -> str | None:
    return os.path.join(previous, os.path.relpath(path, site_dir)) if previous else None


def _compress_file(path: str, previous: str | None = None) -> dict[str, int] | None:
    with open(path, "rb") as handle:
        data = handle.read()
    if len(data) < SMALLEST:
        return None
    if previous and _same_bytes(previous, data) and all(os.path.exists(previous + s) for s in _suffixes()):
        for suffix in _suffixes():
            replace_with_link(previous + suffix, path + suffix)
        return {"plain": len(data), **{name: os.path.getsize(path + suffix) for name, suffix in _NAMES.items()
                                       if suffix in _suffixes()}}
    sizes = {"plain": len(data),
             "gzip": _write_smaller(path + ".gz", gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0), len(data))}
    if brotli is not None:
        sizes["brotli"] = _write_smaller(path + ".br", brotli.compress(data, quality=BROTLI_QUALITY), len(data))
    return sizes


_NAMES = dict(zip(("gzip", "brotli"), COMPANIONS))


def _suffixes() -> tuple[str, ...]:
    return COMPANIONS if brotli is not None else COMPANIONS[:1]


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _write_smaller(path: str, packed: bytes, plain_size: int) -> int:
    if len(packed) >= plain_size:
        if os.path.exists(path):
            os.remove(path)  # a stale copy from an earlier step would be served instead of the file
        return plain_size
    # A new file, never a write through: the path may be a hard link into the last build.
    temporary = path + ".tmp"
    with open(temporary, "wb") as out:
        out.write(packed)
    os.replace(temporary, path)
    return len(packed)
