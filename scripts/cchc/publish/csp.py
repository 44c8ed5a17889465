"""A Content-Security-Policy <meta> per page, with the hashes of that page's inline scripts.

The theme writes a few small inline scripts; hashing exactly those lets the
policy forbid every other inline script (one smuggled into a page included).
The meta tag goes first in <head>, before any script runs.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_NOT_JS = re.compile(r'type="(?!text/javascript|module)[^"]*"', re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)

BASE_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; connect-src 'self'; "
               "object-src 'none'; base-uri 'self'; form-action 'self'")


def policy_for(html: str, preview: bool = False) -> str:
    if preview:
        # `mkdocs serve` adds its live-reload script to each page as it serves it, with a new number
        # every time, so no hash can name it. Only the preview on 127.0.0.1 allows inline scripts;
        # a hash in the policy would switch 'unsafe-inline' off, so the preview lists none.
        return f"{BASE_POLICY}; script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'"
    hashes = []
    for attrs, body in _INLINE_SCRIPT.findall(html):
        if _NOT_JS.search(attrs):
            continue  # data blocks such as Material's JSON config are never executed
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    # Pagefind compiles its WebAssembly search engine in the browser.
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(set(hashes))])
    return f"{BASE_POLICY}; script-src {scripts}"


def add_policy(html: str, preview: bool = False) -> str:
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, preview)}">'
    return html[: head.end()] + meta + html[head.end():]
