"""What the core hands an engine: pages, static files, and the settings they were made with."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from ..compute.pacing import DEFAULT_STALE_DAYS


@dataclass
class OutputPage:
    src_uri: str
    title: str
    # The page's HTML, or how to make it: an engine that writes only some pages (one process of a
    # parallel build) renders only those.
    body: str | Callable[[], str]
    description: str = ""
    edit_path: str | None = None  # the YAML a person edits to change this page
    unit_id: str | None = None  # the unit whose hotline the page's footer shows
    # The kinds of data the page is made from (source/discovery.py), when it is not every kind: after
    # an edit of other kinds only, the preview keeps the last build's page. A test compares the
    # preview with full builds after random edits of every kind.
    reads: frozenset[str] | None = None

    @property
    def html(self) -> str:
        if callable(self.body):
            self.body = self.body()
        return self.body


@dataclass
class Settings:
    site_url: str = ""
    directory_urls: bool = True
    today: date = field(default_factory=date.today)
    posts_per_page: int = 10
    overdue_days: int = 15  # a question waiting longer is highlighted
    stale_days: int = DEFAULT_STALE_DAYS  # work without news for longer reads "Chưa cập nhật"

    def __post_init__(self):
        if self.stale_days < 1:
            raise ValueError(f"stale_days trong mkdocs.yml phải là số ngày lớn hơn 0 (đang là {self.stale_days}).")


@dataclass
class OutputFile:
    src_uri: str
    # The bytes, or how to make them: every engine process lists every file (pages link to them),
    # one writes it, and the preview writes only the files of the units an edit touched.
    content: bytes | Callable[[], bytes]
    unit_id: str | None = None  # the unit whose data alone the file is made from; None: the whole site
    reads: frozenset[str] | None = None  # as OutputPage.reads

    @property
    def data(self) -> bytes:
        if callable(self.content):
            self.content = self.content()
        return self.content
