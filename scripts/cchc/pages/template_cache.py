"""Compiled templates kept between builds, as Python keeps its .pyc files.

Compiling the portal's page templates and the theme's is a tenth of a small portal's build (py-spy,
354 pages); loading their compiled code costs a small part of that. Jinja checks each entry against
the template's source, so an edited template is compiled again. The compiled code also depends on
the environment: its syntax options, how each filter and test is called, and, because Jinja runs
filters, tests and `finalize` on constant values while compiling and keeps the result, on what
those functions do. Every entry's key holds all of it (Jinja's and Python's versions, the options,
each function's code and what it closes over, the state of cchc's own modules and the versions of
the engine's packages). A cache that cannot be read or written costs only the compiling: a build
never fails because of it.

The folder is `CCHC_CACHE_DIR`, else the user's cache folder (XDG): never the portal's repository.
`CCHC_CACHE_DIR=` (empty) turns the cache off.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import stat
import sys
import time
import types
import weakref

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from ..base import engine_packages

ENVIRONMENT_VARIABLE = "CCHC_CACHE_DIR"
# Portals copied into temporary folders (the admin's save check, tests) add entries under new paths:
# past this many the oldest half goes, so the folder stays a few megabytes.
MAX_ENTRIES = 2000
LEFTOVER_SECONDS = 3600  # a temporary file of a write this old was left by a stopped process
_SUFFIX = ".jinja"

_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
           "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
           "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
           "sandboxed")


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
    base = os.path.abspath(chosen)
    folder = os.path.join(base, "jinja")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        # Compiled code is run as it is found: only from folders nobody else may write into or swap.
        if not all(_private(os.lstat(path)) for path in (base, folder)):
            return None
    except OSError:
        return None
    return folder


def _private(info: os.stat_result) -> bool:
    if not stat.S_ISDIR(info.st_mode):
        return False
    if os.name == "nt":  # no owner or mode bits in the POSIX sense: the user's own profile is trusted
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def compiled_with(env: jinja2.Environment) -> str:
    """What a template's compiled code depends on besides its source, as a digest (kept per
    environment while its filters, tests and finalize stay the same objects)."""
    # The objects themselves, not their ids: held here, none is replaced by a new one at its address.
    state = (env.autoescape, env.finalize, tuple(env.extensions.items()), tuple(getattr(env, n, None) for n in _SYNTAX),
             tuple(env.policies.items()), tuple(env.filters.items()), tuple(env.tests.items()))
    kept = _DIGESTS.get(env)
    if kept is None or kept[0] != state:
        kept = _DIGESTS[env] = (state, _digest_of(env))
    return kept[1]


_DIGESTS: "weakref.WeakKeyDictionary[jinja2.Environment, tuple[tuple, str]]" = weakref.WeakKeyDictionary()


def _digest_of(env: jinja2.Environment) -> str:
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else _behaviour(env.autoescape)
    facts = [jinja2.__version__, sys.implementation.cache_tag, _code_state(), autoescape, _behaviour(env.finalize),
             sorted(env.extensions), [getattr(env, name, None) for name in _SYNTAX],
             [(name, _stable(value)) for name, value in sorted(env.policies.items())],
             [(name, _behaviour(call)) for name, call in sorted(env.filters.items())],
             [(name, _behaviour(call)) for name, call in sorted(env.tests.items())]]
    return hashlib.sha256(repr(facts).encode("utf-8")).hexdigest()[:24]


def _stable(value, depth: int = 1) -> str:
    """A value a compiled template may depend on, as text. An object without a repr of its own shows
    its address: a new one in every process, so no entry is shared rather than a wrong one."""
    return _behaviour(value, depth) if callable(value) else repr(value)


def _behaviour(call, depth: int = 0) -> str:
    """What a filter, test or finalize does, as far as it can be told without running it: how Jinja
    calls it, its code, defaults and what it closes over (a filter made from a site's configuration
    differs by its closure); a function without Python code by its name."""
    if call is None:
        return "-"
    if depth > 2:  # functions closing over functions: deep enough to tell them apart
        return f"{getattr(call, '__module__', '')}.{getattr(call, '__qualname__', type(call).__qualname__)}"
    function = getattr(call, "__func__", call)  # a bound method: its function, and its object below
    parts = [f"{getattr(call, '__module__', '')}.{getattr(call, '__qualname__', type(call).__qualname__)}",
             repr(getattr(call, "jinja_pass_arg", None))]
    code = getattr(function, "__code__", None)
    if isinstance(code, types.CodeType):
        parts += [hashlib.sha256(marshal.dumps(code)).hexdigest(),
                  _stable(getattr(function, "__defaults__", None), depth + 1),
                  _stable(getattr(function, "__kwdefaults__", None), depth + 1)]
        for cell in getattr(function, "__closure__", None) or ():
            try:
                parts.append(_stable(cell.cell_contents, depth + 1))
            except ValueError:  # a cell not filled yet
                parts.append("<empty>")
    elif not isinstance(call, (types.BuiltinFunctionType, type)):  # an object called like a function
        parts.append(repr(call))
    if function is not call:
        parts.append(_stable(getattr(call, "__self__", None), depth + 1))
    return "|".join(parts)


@functools.lru_cache(maxsize=1)
def _code_state() -> str:
    """cchc's own modules as they are on disk, and the engine packages' versions: a function's code
    above does not show what the functions it calls do."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found: list[tuple] = []
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(n for n in names if n.endswith(".py")):
            info = os.stat(os.path.join(folder, name))
            found.append((os.path.relpath(os.path.join(folder, name), package), info.st_size, info.st_mtime_ns))
    found.append((engine_packages.versions(),))  # the filters and tests an engine's environment carries
    return hashlib.sha256(repr(found).encode("utf-8")).hexdigest()


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed on the environment too, and quiet about files it cannot use."""

    def __init__(self, directory: str) -> None:
        super().__init__(directory, "%s" + _SUFFIX)
        self._bounded = False

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
        if bucket.code is not None and not isinstance(bucket.code, types.CodeType):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # disk full, folder removed: this build compiled it, the next will again
            return
        if not self._bounded:  # once per process: a cold build writes a hundred entries
            self._bounded = True
            self._bound()

    def _bound(self) -> None:
        """At most MAX_ENTRIES entries (the oldest written go first) and no leftover temporary files."""
        try:
            entries, now = [], time.time()
            with os.scandir(self.directory) as found:
                for entry in found:
                    if entry.name.endswith(_SUFFIX):
                        entries.append(entry)
                    elif entry.name.endswith(".tmp") and now - entry.stat().st_mtime > LEFTOVER_SECONDS:
                        os.remove(entry.path)
            if len(entries) <= MAX_ENTRIES:
                return
            entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
            for entry in entries[:len(entries) - MAX_ENTRIES // 2]:
                os.remove(entry.path)
        except OSError:  # another build removed some at the same time
            return
