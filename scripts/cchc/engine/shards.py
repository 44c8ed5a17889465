"""One build split over several engine processes that write one site.

Every process reads all the data and knows every page (navigation, links and
feeds need the whole site), but writes only the pages its shard owns; writing
pages through the theme is most of a build. Each process hands what the
post-build stage needs (the link scan and the search copy of its pages) to
the parent, which merges the outputs, checks links and indexes once.
"""

from __future__ import annotations

import os
import pickle
import shutil
import zlib
from dataclasses import dataclass

from ..publish.handoff import Handoff

@dataclass(frozen=True)
class Shard:
    index: int = 0
    count: int = 1

    def owns(self, src_uri: str) -> bool:
        # A hash of the source path, not a position: every process must agree without sharing a list.
        return self.count == 1 or zlib.crc32(src_uri.encode("utf-8")) % self.count == self.index

    @property
    def label(self) -> str:
        return f"{self.index}/{self.count}"

    @classmethod
    def parse(cls, value: str | None) -> "Shard":
        if not value:
            return cls()
        index, count = (int(part) for part in value.split("/"))
        if not 0 <= index < count:
            raise ValueError(f"shard {value}")
        return cls(index, count)


def write_handoff(path: str, handoff: Handoff) -> None:
    with open(path, "wb") as out:
        pickle.dump(handoff, out, protocol=pickle.HIGHEST_PROTOCOL)


def read_handoff(path: str) -> Handoff:
    # Written a moment ago by our own child process, in a private temporary folder.
    with open(path, "rb") as data:
        return pickle.load(data)


def merge_output(source: str, target: str) -> None:
    """Move every file of `source` into `target`; files both wrote (theme assets, feeds) are the same.
    A folder only `source` has moves whole: one rename instead of a folder made and a file moved per
    page (making folders is most of the cost on some file systems)."""
    for folder, dirs, names in os.walk(source):
        relative = os.path.relpath(folder, source)
        destination = os.path.normpath(os.path.join(target, relative))
        os.makedirs(destination, exist_ok=True)
        for name in names:
            moved = os.path.join(destination, name)
            if not os.path.exists(moved):
                os.replace(os.path.join(folder, name), moved)
        shared = []
        for name in dirs:
            if os.path.lexists(os.path.join(destination, name)):
                shared.append(name)
            else:
                os.rename(os.path.join(folder, name), os.path.join(destination, name))
        dirs[:] = shared  # walk into the folders both have only
    shutil.rmtree(source, ignore_errors=True)
