"""`cchc init`: start a commune's own portal, in an empty folder or in place of the samples.

A new portal is this repository's tool (scripts/cchc, theme, Makefile, pinned
constraints, workflow, editor settings) with one unit of its own instead of the
samples; the files are copied from the repository itself, never kept twice.
"""


class ScaffoldError(Exception):
    """What stops `cchc init`, in Vietnamese; nothing has been written."""
