"""Pagefind's service mode (`pagefind --service`): pages go in over a pipe, the bundle comes back in memory.

Fed from the command line, Pagefind reads a folder of pages and writes its bundle; every
page then costs a file written, read and deleted, and every fragment a file written that
the post-processing (bundle.py, canonical.py) reads and writes again. Creating files is
the expensive part on ext4 when many were deleted just before (a rebuild): the service
takes each page with its URL and returns the bundle's files, which are written once.

The protocol (the one Pagefind's own Python and Node wrappers speak): each message is
base64 of a JSON object, followed by a comma; requests carry a `message_id` that their
response repeats. Pagefind's Python wrapper polls for each response after a 0.1 s sleep,
which would add minutes for thousands of pages, so this client pipelines the requests
from a thread and reads the responses as they come.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import shutil
import subprocess
import threading
from typing import Callable, Iterable

from ..base import processes

SEPARATOR = b","  # not in the base64 alphabet
STDERR_TAIL = 4000  # what an error message quotes of Pagefind's own output


class ServiceError(Exception):
    pass


class _WriterFailed(Exception):
    """The thread feeding the pages failed; its error is the cause."""


def _encode(message_id: int, payload: dict) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + SEPARATOR


class _Responses:
    """Reads the service's messages off its stdout, one at a time."""

    def __init__(self, stream):
        self.stream = stream
        self.pending = bytearray()
        self.searched = 0  # bytes of `pending` known to hold no separator: the bundle comes as one message

    def next(self) -> dict:
        while True:
            end = self.pending.find(SEPARATOR, self.searched)
            if end >= 0:
                # Decoded from the buffer in place, which is then let go: the bundle's message is tens of
                # megabytes, and each copy of it is memory the kernel must map.
                with memoryview(self.pending) as view:
                    decoded = base64.b64decode(view[:end])
                self.pending = self.pending[end + 1:]
                self.searched = 0
                return json.loads(decoded)
            self.searched = len(self.pending)
            chunk = self.stream.read1(1 << 20)
            if not chunk:
                raise EOFError
            self.pending += chunk


def _executable() -> str | None:
    """The Pagefind binary, looked for as Pagefind's library does (the environment, then the extended
    binary package, then the plain one, then PATH). The packages are asked directly: the library's
    own search (pagefind.service) imports asyncio, a twentieth of a small build's start-up."""
    if os.environ.get("PAGEFIND_BINARY_PATH") is not None:
        return os.environ["PAGEFIND_BINARY_PATH"]
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = importlib.import_module(package).get_executable()  # OSError without its binary
        except ImportError:
            continue
        return str(found)
    return shutil.which("pagefind_extended") or shutil.which("pagefind")


def start() -> subprocess.Popen:
    try:
        executable = _executable()
    except OSError as err:
        raise ServiceError(f"không tìm thấy chương trình Pagefind ({err})") from None
    if executable is None:
        raise ServiceError("không tìm thấy chương trình Pagefind (gói pagefind_bin)")
    try:
        return subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except OSError as err:
        raise ServiceError(str(err)) from None


def index(process: subprocess.Popen, config: dict, pages: Iterable[tuple[str, str]],
          between_pages: Callable[[], object] = lambda: None) -> dict[str, bytes]:
    """Index `pages` ((URL, HTML) pairs, in the order given) in the started service `process`; returns
    the bundle's files by their path inside the bundle. The process is closed when this returns."""
    stdin, stdout, errors = process.stdin, process.stdout, process.stderr
    assert stdin is not None and stdout is not None and errors is not None
    stderr: list[bytes] = []
    drain = threading.Thread(target=lambda: stderr.extend(errors), daemon=True)  # a full pipe would block it
    drain.start()
    responses = _Responses(stdout)
    try:
        stdin.write(_encode(0, {"type": "NewIndex", "config": config}))
        stdin.flush()
        index_id = _payload(responses.next(), "NewIndex")["index_id"]
        failed: list[BaseException] = []  # what stopped the writer, if not the service

        def feed() -> None:
            try:
                for number, (url, html) in enumerate(pages, start=1):
                    between_pages()
                    stdin.write(_encode(number, {"type": "AddFile", "index_id": index_id, "url": url,
                                                 "file_contents": html, "file_path": None}))
                # Id 0 again: the answer to NewIndex came before anything else was sent.
                stdin.write(_encode(0, {"type": "GetFiles", "index_id": index_id}))
                stdin.flush()
            except (BrokenPipeError, ValueError):  # the service stopped (or was stopped): the reader says why
                pass
            except BaseException as err:  # making a page's copy failed: end the service's input, so the
                failed.append(err)         # reader is not left waiting for the bundle
                stdin.close()

        writer = threading.Thread(target=feed, daemon=True)  # runs ahead of the reader: no pipe fills up
        writer.start()
        try:
            while True:
                message = responses.next()
                if message.get("message_id") == 0:
                    files = _payload(message, "GetFiles")["files"]
                    break
                _payload(message, "IndexedFile")
        except EOFError:
            writer.join()
            if failed:
                raise _WriterFailed() from failed[0]
            raise
        writer.join()
        bundle = {}
        while files:  # each file's base64 text goes as its bytes come
            file = files.pop()
            bundle[file["path"]] = base64.b64decode(file["content"])
        return bundle
    except _WriterFailed as wrapped:
        assert wrapped.__cause__ is not None
        raise wrapped.__cause__ from None  # our own error, not Pagefind's: shown as it is
    except (EOFError, OSError, ValueError, KeyError, TypeError) as err:
        processes.stop(process)
        drain.join(timeout=5)
        detail = b"".join(stderr).decode("utf-8", "replace").strip()[-STDERR_TAIL:]
        raise ServiceError(detail or f"Pagefind dừng giữa chừng (mã {process.returncode}; {type(err).__name__})") from None
    finally:
        try:
            stdin.close()  # the service exits at the end of its input
        except (OSError, ValueError):  # closed already, or by the writer as it failed
            pass
        processes.stop(process)  # still running: ended (on an error it may be writing to a pipe nobody reads)


def _payload(message: dict, expected: str) -> dict:
    payload = message.get("payload") or {}
    if payload.get("type") == "Error":
        raise ServiceError(str(payload.get("message", "")))
    if payload.get("type") != expected:
        raise ServiceError(f"Pagefind trả lời {payload.get('type')!r}, cần {expected!r}")
    return payload
