"""The packages pages are rendered with, and their installed versions: one list for the build
cache's identity of the engine (engine/mkdocs_plugin.py) and the template cache's key
(pages/template_cache.py). Other versions may render a page differently."""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata

ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe", "pygments")


@lru_cache(maxsize=1)
def versions() -> str:
    """`name version` of each package ("-" for one not installed), comma-separated."""
    found = []
    for name in ENGINE_PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return ", ".join(found)
