"""source/discovery.py's relative(): what os.path.relpath gives, with / between names."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings, strategies as st

from cchc.source.discovery import relative

CASES = [
    ("content/a/b.md", "content"), ("content/a/b.md", "content/"), ("/r/p/plans/x/don-vi.yml", "/r/p"),
    ("./content/a.md", "."), ("./content/a.md", "./content"), ("a/../b/c.md", "a/../b"),
    ("/a//b", "/a"), ("/a/b/", "/a"), ("/a/b/./c", "/a"), ("/a/b/../c", "/a"), ("/a/.x/c", "/a"),
    ("content2/a.md", "content"), ("/a", "/a"), ("x/y", ""), ("/r/p/content/ấp 1/bài.md", "/r/p/content"),
]


@pytest.mark.parametrize(("path", "folder"), CASES)
def test_relative_is_relpath_with_slashes(path, folder):
    try:
        expected = os.path.relpath(path, folder).replace(os.sep, "/")
    except ValueError:
        with pytest.raises(ValueError):
            relative(path, folder)
        return
    assert relative(path, folder) == expected


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "don-vi", ".", "", "x.html", "..", "/"]), max_size=6),
       st.lists(st.sampled_from(["a", "b", "don-vi", ".", "", "x.html", "..", "/"]), max_size=6))
def test_url_relpath_equals_posixpath_relpath(path_parts, start_parts):
    """routes.url_relpath (the links between pages) gives what posixpath.relpath gives."""
    import posixpath

    from cchc.base.routes import url_relpath
    path, start = "/".join(path_parts) or ".", "/".join(start_parts) or "."
    assert url_relpath(path, start) == posixpath.relpath(path, start)
