"""Compiled templates kept between builds, as Python keeps its .pyc files.

Compiling the portal's page templates and the theme's is a tenth of a small portal's build (py-spy,
354 pages); loading their compiled code costs a small part of that. Jinja checks each entry against
the template's source, so an edited template is compiled again. What else the code depends on
(Jinja's and Python's versions, the environment's syntax options, how each filter and test is
called) is part of every entry's key. A cache that cannot be read or written costs only the
compiling: a build never fails because of it.

The folder is `CCHC_CACHE_DIR`, else the user's cache folder (XDG): never the portal's repository.
`CCHC_CACHE_DIR=` (empty) turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

ENVIRONMENT_VARIABLE = "CCHC_CACHE_DIR"
# Portals copied into temporary folders (the admin's save check, tests) add entries under new paths:
# past this many the oldest half goes, so the folder stays a few megabytes.
MAX_ENTRIES = 2000
_PATTERN = "%s.jinja"

_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
           "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
           "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async")


def attach(env: jinja2.Environment) -> None:
    """Let `env` load templates compiled by an earlier build, and keep those it compiles."""
    folder = cache_folder()
    if folder is not None:
        env.bytecode_cache = TemplateCache(folder)


def cache_folder() -> str | None:
    """The folder for compiled templates, made if missing; None when turned off or unsafe to use."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen is None:
        home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        chosen = os.path.join(home, "cchc")
    if not chosen:
        return None
    folder = os.path.join(os.path.abspath(chosen), "jinja")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    # Compiled code is run as it is found: only from a folder nobody else may write into.
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not stat.S_ISDIR(info.st_mode) or not owner_ok or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return folder


def compiled_with(env: jinja2.Environment) -> str:
    """What a template's compiled code depends on besides its source, as a digest."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else _qualified(env.autoescape)
    facts = [jinja2.__version__, sys.implementation.cache_tag, autoescape, _qualified(env.finalize),
             sorted(env.extensions), [getattr(env, name) for name in _SYNTAX],
             # what pass_context() and its kin mark: the compiled call hands the filter more arguments
             [(name, getattr(call, "jinja_pass_arg", None)) for name, call in sorted(env.filters.items())],
             [(name, getattr(call, "jinja_pass_arg", None)) for name, call in sorted(env.tests.items())]]
    return hashlib.sha256(repr(facts).encode("utf-8")).hexdigest()[:16]


def _qualified(value) -> str | None:
    if value is None:
        return None
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed on the environment too, and quiet about files it cannot use."""

    def __init__(self, directory: str) -> None:
        super().__init__(directory, _PATTERN)

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = hashlib.sha256(f"{compiled_with(environment)}|{name}|{filename}".encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # truncated or foreign: compiled again, and written anew
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # disk full, folder removed: this build compiled it, the next will again
            return
        self._bound()

    def _bound(self) -> None:
        try:
            names = [name for name in os.listdir(self.directory) if name.endswith(".jinja")]
            if len(names) <= MAX_ENTRIES:
                return
            dated = sorted(names, key=lambda name: os.stat(os.path.join(self.directory, name)).st_mtime_ns)
            for name in dated[:len(dated) - MAX_ENTRIES // 2]:
                os.remove(os.path.join(self.directory, name))
        except OSError:  # another build removed some at the same time
            return

