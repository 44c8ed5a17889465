"""Parts of the theme's page that are the same on thousands of pages, rendered once per build.

Material renders its navigation, its tabs, its configuration script and the
header bar for every page, though on a page that is not itself in the
navigation (a plan, a post: nearly every page of a portal) nothing in them
depends on the page but a few relative addresses (of the navigation's pages,
of the home page and the logo). A template wraps such a part
in `{% call cchc_fragment(name, key) %}…{% endcall %}`: the first page with a
given key renders it, the others reuse its HTML. A key of None renders every
time. The key must name everything the part depends on (engine/mkdocs_plugin.py
says what it is); tests/test_fragments.py builds a site with and without the
memo and compares every byte.
"""

from __future__ import annotations

import functools
import os
from typing import Callable, Hashable

from markupsafe import Markup

DISABLE_ENV = "CCHC_NO_FRAGMENTS"  # "1": render every part on every page (to check the memo against)


class Fragments:
    def __init__(self) -> None:
        self.enabled = os.environ.get(DISABLE_ENV) != "1"
        self._made: dict[tuple[str, Hashable], Markup] = {}

    def __call__(self, name: str, key: Hashable | None, caller: Callable[[], str]) -> Markup:
        if key is None or not self.enabled:
            return Markup(caller())
        found = self._made.get((name, key))
        if found is None:
            found = self._made[(name, key)] = Markup(caller())
        return found

    def remembered(self, lookup: Callable[[str], str]) -> Callable[[str], str]:
        """`lookup` answered once per argument: for what is the same on every page of a build (the
        theme's interface strings)."""
        return functools.lru_cache(maxsize=None)(lookup) if self.enabled else lookup
