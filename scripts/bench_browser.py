"""What a citizen's browser downloads, for the benchmark (scripts/bench.py): the heaviest plan page
with its assets, the home page before a search and a first search query's fetches, in headless
Chromium against a local server, as stored and as the .gz/.br copies the build writes."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

QUERIES = ["duong day nong", "thủ tục hành chính", "ke hoach 2026", "dan hoi"]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


ENCODINGS = ("plain", "gzip", "brotli")


def response_sizes(body: bytes, url: str, base: str, site: Path) -> dict[str, int]:
    """Bytes of one response as a host sends it: as stored (no compression), and as the .gz and .br
    copies the build writes beside it (publish/compress.py) when a host serves those."""
    path = site / urlsplit(url).path[len(urlsplit(base).path):]
    if url.endswith("/") or path.is_dir():
        path = path / "index.html"
    out = {"plain": len(body)}
    for encoding, suffix in (("gzip", ".gz"), ("brotli", ".br")):
        copy = path.with_name(path.name + suffix)
        out[encoding] = copy.stat().st_size if copy.is_file() else len(body)  # no copy: sent as stored
    return out


def _total(fetched: list[tuple[str, dict]], encoding: str) -> int:
    return sum(sizes[encoding] for _, sizes in fetched)


def browser_costs(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    plans = sorted(site.glob("don-vi/*/ke-hoach-*/index.html"), key=lambda p: p.stat().st_size)
    heaviest = plans[-1].parent.relative_to(site).as_posix() + "/"
    server, base = serve(site)
    out = {"heaviest_plan_page": heaviest}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            fetched: list[tuple[str, dict]] = []
            page.on("requestfinished", lambda r: fetched.append((r.url, response_sizes(r.response().body(), r.url, base, site))))
            page.goto(base + heaviest)
            page.wait_for_load_state("networkidle")
            for encoding in ENCODINGS:
                out[f"plan_page_{encoding}_bytes"] = _total(fetched, encoding)
            out["plan_page_requests"] = len(fetched)
            out["third_party_requests"] = sum(1 for url, _ in fetched if not url.startswith(base))
            out["public_page_loads_admin"] = any("/quan-tri/" in url for url, _ in fetched)
            for encoding in ENCODINGS:
                out["search_first_query_bytes" if encoding == "gzip" else f"search_first_query_{encoding}_bytes"] = {}
            for number, query in enumerate(QUERIES):
                fresh = browser.new_page()
                loaded: list[tuple[str, dict]] = []
                seen: list[tuple[str, dict]] = []
                into = [loaded]  # the home page's own load, then what the search fetches
                fresh.on("requestfinished",
                         lambda r, into=into: into[0].append((r.url, response_sizes(r.response().body(), r.url, base, site))))
                fresh.goto(base)
                fresh.wait_for_load_state("networkidle")
                into[0] = seen
                if number == 0:  # every query starts from the same home page
                    for encoding in ENCODINGS:
                        out[f"home_page_{encoding}_bytes"] = _total(loaded, encoding)
                    out["home_page_requests"] = len(loaded)
                fresh.keyboard.press("/")
                fresh.get_by_label("Từ khóa tìm kiếm").fill(query)
                fresh.locator(".cchc-search-result").first.wait_for(timeout=20000)
                fresh.wait_for_load_state("networkidle")
                for encoding in ENCODINGS:
                    key = "search_first_query_bytes" if encoding == "gzip" else f"search_first_query_{encoding}_bytes"
                    out[key][query] = _total(seen, encoding)
                fresh.close()
            browser.close()
    finally:
        server.shutdown()
    return out
