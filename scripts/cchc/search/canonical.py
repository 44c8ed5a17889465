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

import cbor2

from .bundle import SIGNATURE, BundleFormatError, _unexpected

FILTER_DIGITS = 7  # the length Pagefind itself uses for these names
META_DIGITS = 10


def _read(files: dict[str, bytes], name: str):
    try:
        raw = gzip.decompress(files[name])
        if not raw.startswith(SIGNATURE):
            raise BundleFormatError(_unexpected(name, "thiếu chữ ký pagefind_dcd"))
        return cbor2.loads(raw[len(SIGNATURE):])
    except (KeyError, OSError, EOFError, ValueError, cbor2.CBORDecodeError) as err:
        raise BundleFormatError(_unexpected(name, str(err))) from None


def _encoded(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value, canonical=True), mtime=0)


def _named(language: str, data: bytes, digits: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"


FILTERS = 3  # in a metadata file: [version, pages, index chunks, filters [[name, file]], sorts, fields]
ENTRY = "pagefind-entry.json"


def make_reproducible(files: dict[str, bytes]) -> None:
    """Sort each filter's values (and the filters) in the bundle's `files` (by path inside the
    bundle), then rename the files after their new bytes."""
    try:
        entry = json.loads(files[ENTRY])
    except (KeyError, ValueError) as err:
        raise BundleFormatError(_unexpected(ENTRY, str(err))) from None
    for language, facts in entry.get("languages", {}).items():
        meta_name = f"pagefind.{facts['hash']}.pf_meta"
        meta = _read(files, meta_name)
        try:
            filters = sorted(meta[FILTERS], key=lambda pair: pair[0])
            for pair in filters:
                old = f"filter/{pair[1]}.pf_filter"
                name, values = _read(files, old)
                del files[old]
                data = _encoded([name, sorted(values, key=lambda value: value[0])])
                pair[1] = _named(language, data, FILTER_DIGITS)
                files[f"filter/{pair[1]}.pf_filter"] = data
        except (TypeError, IndexError, ValueError) as err:
            raise BundleFormatError(_unexpected(meta_name, f"bộ lọc không đúng dạng ({err})")) from None
        meta[FILTERS] = filters
        del files[meta_name]
        data = _encoded(meta)
        facts["hash"] = _named(language, data, META_DIGITS)
        files[f"pagefind.{facts['hash']}.pf_meta"] = data
    files[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
