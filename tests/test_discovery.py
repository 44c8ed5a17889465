"""source/discovery.py's relative(): what os.path.relpath gives, with / between names."""

from __future__ import annotations

import os

import pytest

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
