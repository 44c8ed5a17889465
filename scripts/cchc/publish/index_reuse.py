"""The last build's search index, taken as it is when every page's search copy is unchanged.

Pagefind has no incremental mode: an index is made from all the pages' search copies at once. But
most edits change no search copy (a sentence added after the words a page is indexed by, a post's
body below its summary, a progress date): the index Pagefind would make is then byte for byte the
last one (it is made reproducible, search/canonical.py), so its files are linked instead.

What the last index was made from is kept beside the cache (`.site-tim-kiem.json`): a digest of the
search copies with the site inputs (code, versions), and a digest of the index's files. The live index
is used only when both still match; anything else (missing, damaged, edited by hand) makes it again.
"""

from __future__ import annotations

import json
import os
from typing import Mapping

from ..search import index as search_index
from . import build_cache

FORMAT = 1


def record_path(live_dir: str) -> str:
    live_dir = os.path.abspath(live_dir)
    return os.path.join(os.path.dirname(live_dir), f".{os.path.basename(live_dir)}-tim-kiem.json")


def key_of(site_inputs: str, reduced: dict[str, str]) -> str:
    """What an index is made from: every page's search copy, and the code and versions that make it."""
    return build_cache.digest(site_inputs, *(part for url in sorted(reduced) for part in (url, reduced[url])))


def bundle_digest(site_dir: str, written: Mapping[str, bytes] | None = None) -> str:
    """`written`: the contents of the bundle's files this process has just written (name in the bundle
    folder -> bytes), taken instead of reading them back."""
    bundle = os.path.join(site_dir, search_index.BUNDLE_DIR)
    # The index's own files: compressed copies beside them (`--nen`) come and go with the build's option.
    return build_cache.digest_files([bundle], bundle, without_copies=True, known=written) \
        if os.path.isdir(bundle) else ""


def reuse(key: str, live_dir: str, out_dir: str) -> bool:
    """Link the live site's index into `out_dir` when it was made from `key` and is intact."""
    try:
        with open(record_path(live_dir), encoding="utf-8") as data:
            recorded = json.load(data)
        if not isinstance(recorded, dict) or recorded.get("format") != FORMAT or recorded.get("key") != key:
            return False
    except (OSError, ValueError):
        return False
    if not recorded.get("output") or bundle_digest(live_dir) != recorded["output"]:
        return False
    source = os.path.join(live_dir, search_index.BUNDLE_DIR)
    for folder, _dirs, names in os.walk(source):
        target = os.path.join(out_dir, search_index.BUNDLE_DIR, os.path.relpath(folder, source))
        os.makedirs(target, exist_ok=True)
        present = set(names)
        for name in names:
            if build_cache.is_copy(name, present):
                continue  # a build with --nen makes them again (from the live ones)
            build_cache.link_or_copy(os.path.join(folder, name), os.path.join(target, name))
    return True


def write(live_dir: str, key: str, output: str | None = None) -> None:
    """After the site is promoted: what its index was made from (atomically, like the cache);
    `output`: the index's bundle_digest() when the build knows it."""
    path = record_path(live_dir)
    with open(path + ".tmp", "w", encoding="utf-8") as out:
        json.dump({"format": FORMAT, "key": key, "output": output or bundle_digest(live_dir)}, out)
    os.replace(path + ".tmp", path)


def remove(live_dir: str) -> None:
    for stale in (record_path(live_dir), record_path(live_dir) + ".tmp"):
        if os.path.exists(stale):
            os.remove(stale)
