"""Pagefind's bundle made reproducible: the same pages give the same bytes and file names.

Pagefind 1.5 writes the values of each filter in the order of a Rust hash map,
which is seeded anew on every run, and names files by hashes of their bytes:
two builds of the same pages get different filter files, a different
metadata file and a different entry file. Published sites would change
on every build and an incremental build could never equal a full one. Here
each filter file is rewritten in canonical CBOR (map keys sorted), named by
a digest of those bytes, and the metadata and entry files follow.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os

import cbor2

from .bundle import SIGNATURE, BundleFormatError, _unexpected

FILTER_DIGITS = 7  # the length Pagefind itself uses for these names
META_DIGITS = 10


def _read(path: str):
    try:
        with open(path, "rb") as handle:
            raw = gzip.decompress(handle.read())
        if not raw.startswith(SIGNATURE):
            raise BundleFormatError(_unexpected(path, "thiếu chữ ký pagefind_dcd"))
        return cbor2.loads(raw[len(SIGNATURE):])
    except (OSError, EOFError, ValueError, cbor2.CBORDecodeError) as err:
        raise BundleFormatError(_unexpected(path, str(err))) from None


def _encoded(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value, canonical=True), mtime=0)


def _write_named(folder: str, language: str, suffix: str, data: bytes, digits: int, prefix: str = "") -> str:
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    with open(os.path.join(folder, f"{prefix}{name}{suffix}"), "wb") as out:
        out.write(data)
    return name


FILTERS = 3  # in a metadata file: [version, pages, index chunks, filters [[name, file]], sorts, fields]


def make_reproducible(bundle_dir: str) -> None:
    """Sort each filter's values (and the filters), then rename the files after their new bytes."""
    entry_path = os.path.join(bundle_dir, "pagefind-entry.json")
    with open(entry_path, encoding="utf-8") as data:
        entry = json.load(data)
    filter_dir = os.path.join(bundle_dir, "filter")
    for language, facts in entry.get("languages", {}).items():
        meta_path = os.path.join(bundle_dir, f"pagefind.{facts['hash']}.pf_meta")
        meta = _read(meta_path)
        try:
            filters = sorted(meta[FILTERS], key=lambda pair: pair[0])
            for pair in filters:
                old = os.path.join(filter_dir, f"{pair[1]}.pf_filter")
                name, values = _read(old)
                os.remove(old)
                pair[1] = _write_named(filter_dir, language, ".pf_filter",
                                       _encoded([name, sorted(values, key=lambda value: value[0])]), FILTER_DIGITS)
        except (TypeError, IndexError, ValueError) as err:
            raise BundleFormatError(_unexpected(meta_path, f"bộ lọc không đúng dạng ({err})")) from None
        meta[FILTERS] = filters
        os.remove(meta_path)
        facts["hash"] = _write_named(bundle_dir, language, ".pf_meta", _encoded(meta), META_DIGITS, "pagefind.")
    with open(entry_path, "w", encoding="utf-8") as out:
        json.dump(entry, out, ensure_ascii=False, separators=(",", ":"))
