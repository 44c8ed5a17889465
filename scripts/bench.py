"""Benchmark: build cost, page weight and search cost from one commune to a whole province.

    python scripts/bench.py [--sizes 1,30,100] [--out bench]

For each size it generates synthetic data (scripts/bench_data.py), builds the
portal with `cchc build`, builds the same pages with bare mkdocs-material
(the portal's generated pages written out as Markdown, same nav, no portal
plugin) as the baseline, then measures in headless Chromium the heaviest plan
page with its assets and the bytes a first search query fetches. On the
sample site it measures how long `cchc serve` takes to show a changed plan. It also measures the
admin page /quan-tri/ (`npm ci` download and time, its weight when opened).
Results: <out>/results.md and <out>/results.json.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import bench_data  # noqa: E402

SIZES = {1: (250, 40), 30: (80, 10), 100: (80, 10)}  # units: (posts per unit, questions per unit)
QUERIES = ["duong day nong", "thủ tục hành chính", "ke hoach 2026", "dan hoi"]
BUILD_DAY = "1795219200"  # 21/11/2026: every run computes the same progress
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass
class Measured:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the process and all it started
    peak_bytes: int  # highest total resident memory of the process and its descendants at one moment
    result: subprocess.CompletedProcess


def run_measured(command: list[str], cwd: Path, env: dict) -> Measured:
    """One child process and everything it starts (a parallel build runs several engine processes:
    their memory counts together, so the tree is sampled rather than the largest process reported)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(elapsed, cpu, peak[0], subprocess.CompletedProcess(command, process.returncode, out, err))


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    tree, grew = {root}, True
    while grew:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        grew, tree = len(grown) > len(tree), grown
    return sum(rss.get(pid, 0) for pid in tree)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def export_baseline(root: Path, target: Path) -> int:
    """The portal's pages as plain Markdown for bare mkdocs-material: generated pages keep their HTML."""
    sys.path.insert(0, str(REPO / "scripts"))
    from cchc.pages.outputs import Settings
    from cchc.pages.builder import PageBuilder
    from cchc.model.load import load_portal
    from cchc.base import dates

    result = load_portal(str(root))
    settings = Settings(site_url="http://127.0.0.1:8000/", today=dates.as_of_date())
    builder = PageBuilder(result.portal, str(root), str(root / "theme/cchc"), settings)
    docs = target / "content"
    shutil.copytree(root / "content", docs)
    count = 0
    for page in builder.pages():
        path = docs / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {page.title}\n\n{page.html}\n", encoding="utf-8")
        count += 1
    for directory in (docs / "chuyen-muc/bai-viet", docs / "hoi-dap/cau-hoi"):
        for post in directory.glob("*.md"):  # their front matter is the portal's, not Material's
            text = post.read_text(encoding="utf-8")
            post.write_text(text.split("---", 2)[2], encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = config.index("plugins:"), config.index("# Trang sinh")
    config = config[:start] + "plugins:\n  - search\n\n" + config[end:]
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(root / "theme", target / "theme")
    (target / "theme/main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    return count


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


ENCODINGS = ("plain", "gzip", "brotli")


def _sizes(body: bytes, url: str, base: str, site: Path) -> dict[str, int]:
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
            page.on("requestfinished", lambda r: fetched.append((r.url, _sizes(r.response().body(), r.url, base, site))))
            page.goto(base + heaviest)
            page.wait_for_load_state("networkidle")
            for encoding in ENCODINGS:
                out[f"plan_page_{encoding}_bytes"] = _total(fetched, encoding)
            out["plan_page_requests"] = len(fetched)
            out["third_party_requests"] = sum(1 for url, _ in fetched if not url.startswith(base))
            out["public_page_loads_admin"] = any("/quan-tri/" in url for url, _ in fetched)
            for encoding in ENCODINGS:
                out["search_first_query_bytes" if encoding == "gzip" else f"search_first_query_{encoding}_bytes"] = {}
            for query in QUERIES:
                fresh = browser.new_page()
                seen: list[tuple[str, dict]] = []
                fresh.goto(base)
                fresh.wait_for_load_state("networkidle")
                fresh.on("requestfinished",
                         lambda r, seen=seen: seen.append((r.url, _sizes(r.response().body(), r.url, base, site))))
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


def admin_costs(workdir: Path, portal: Path, with_browser: bool) -> dict:
    """The admin page /quan-tri/ (Decap CMS): what `npm ci` downloads for it and how long it takes with
    an empty cache, what the built admin weighs on disk, and what opening it transfers (gzip)."""
    npm = workdir / "npm"
    npm.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(REPO / name, npm / name)
    shutil.copytree(REPO / "scripts" / "npm-empty", npm / "scripts" / "npm-empty")
    cache = workdir / "npm-cache"
    started = time.perf_counter()
    installed = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--cache", str(cache)],
                               cwd=npm, capture_output=True, text=True)
    if installed.returncode != 0:
        raise SystemExit(f"npm ci failed:\n{installed.stderr[-3000:]}")
    out = {"npm_ci_seconds": round(time.perf_counter() - started, 1),
           "npm_download_mib": round(dir_size(cache / "_cacache" / "content-v2") / 2**20, 1),
           "npm_packages": sum(1 for key, entry in json.loads((npm / "package-lock.json").read_text())["packages"].items()
                               if key.startswith("node_modules/") and not entry.get("link"))}
    link = portal / "node_modules"
    if not link.exists():
        link.symlink_to(npm / "node_modules")
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DAY, "CCHC_CMS_REPO": "don-vi/cong-cchc"}
    built = subprocess.run([sys.executable, "-m", "cchc", "build", "--site-dir", "site-admin"], cwd=portal, env=env,
                           capture_output=True, text=True)
    if built.returncode != 0:
        raise SystemExit(f"admin build failed:\n{built.stderr[-3000:]}")
    admin = portal / "site-admin" / "quan-tri"
    out["admin_disk_mib"] = round(dir_size(admin) / 2**20, 1)
    if with_browser:
        from playwright.sync_api import sync_playwright

        server, base = serve(portal / "site-admin")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page()
                fetched: list[tuple[str, int]] = []
                page.on("requestfinished", lambda r: fetched.append((r.url, _gzip_size(r.response().body(), r.url))))
                page.route("https://api.github.com/**", lambda route: route.abort())  # no login: the page alone
                page.goto(base + "quan-tri/")
                page.locator("#cchc-token").wait_for(state="attached")
                page.wait_for_load_state("networkidle")
                browser.close()
        finally:
            server.shutdown()
        out["admin_gzip_kib"] = round(sum(size for _, size in fetched) / 1024, 1)
        out["admin_requests"] = len(fetched)
        out["admin_third_party_requests"] = sum(1 for url, _ in fetched if not url.startswith(base))
    return out


def serve_change_seconds(workdir: Path) -> float:
    """Seconds from saving a plan YAML to `cchc serve` showing the change, on the sample site."""
    site = workdir / "serve-sample"
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns(".venv", "site", ".git", "bench", ".site-*"))
    port = 18000 + os.getpid() % 1000
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DAY, "CCHC_SITE_URL": f"http://127.0.0.1:{port}/"}
    process = subprocess.Popen([sys.executable, "-m", "cchc", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/don-vi/muong-lay/ke-hoach-2026/"
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if b"Nguy" in urllib.request.urlopen(url, timeout=2).read():
                    break
            except OSError:
                time.sleep(0.3)
        time.sleep(2)  # let the watcher settle after the first build
        plan = site / "plans/muong-lay/ke-hoach-2026.yml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("ho_ten: Nguyễn Đạt Long", "ho_ten: Nguyễn Đạt Long Đổi"),
                        encoding="utf-8")
        saved = time.perf_counter()
        while time.perf_counter() - saved < 60:
            try:
                if "Long Đổi".encode() in urllib.request.urlopen(url, timeout=2).read():
                    return time.perf_counter() - saved
            except OSError:
                pass
            time.sleep(0.05)
        return float("nan")
    finally:
        process.terminate()
        process.wait(timeout=20)


def versions() -> dict:
    names = ["mkdocs", "mkdocs-material", "pagefind", "jinja2", "pyyaml", "playwright", "brotli"]
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return {"python": platform.python_version(), "machine": platform.machine(), "system": platform.platform(),
            "cpus": os.cpu_count(), "packages": found, "chromium": chromium}


def bench_size(units: int, workdir: Path, with_browser: bool, repeat: int) -> dict:
    posts, questions = SIZES.get(units, (80, 10))
    root = workdir / f"portal-{units}"
    bench_data.generate(root, REPO, units, posts, questions)
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DAY}
    baseline_root = workdir / f"baseline-{units}"
    export_baseline(root, baseline_root)
    portal_runs, baseline_runs = [], []
    # Alternating runs, best of each: this kind of shared machine varies by tens of percent between runs.
    for run in range(1, repeat + 1):
        print(f"[{units} đơn vị] lần {run}/{repeat}: dựng cổng...", file=sys.stderr, flush=True)
        measured = run_measured([sys.executable, "-m", "cchc", "build"], root, env)
        if measured.result.returncode != 0:
            raise SystemExit(f"portal build failed:\n{measured.result.stdout[-3000:]}\n{measured.result.stderr[-3000:]}")
        portal_runs.append(measured)
        print(f"[{units} đơn vị] lần {run}/{repeat}: dựng bản đối chứng (mkdocs-material thuần)...",
              file=sys.stderr, flush=True)
        measured = run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], baseline_root, env)
        if measured.result.returncode != 0:
            raise SystemExit(f"baseline build failed:\n{measured.result.stderr[-3000:]}")
        baseline_runs.append(measured)
    portal = min(portal_runs, key=lambda m: m.seconds)
    baseline = min(baseline_runs, key=lambda m: m.seconds)
    site = root / "site"
    pages = len(list(site.rglob("*.html")))
    row = {"units": units, "pages": pages, "build_seconds": round(portal.seconds, 2),
           "build_runs": [round(m.seconds, 2) for m in portal_runs], "build_cpu_seconds": round(portal.cpu_seconds, 1),
           "ms_per_page": round(1000 * portal.seconds / pages, 2),
           "peak_memory_mib": round(max(m.peak_bytes for m in portal_runs) / 2**20),
           "output_mib": round(dir_size(site) / 2**20, 1),
           "baseline_seconds": round(baseline.seconds, 2), "baseline_runs": [round(m.seconds, 2) for m in baseline_runs],
           "baseline_cpu_seconds": round(baseline.cpu_seconds, 1),
           "baseline_peak_memory_mib": round(max(m.peak_bytes for m in baseline_runs) / 2**20),
           "ratio": round(portal.seconds / baseline.seconds, 2),
           "baseline_pages": len(list((baseline_root / "site").rglob("*.html")))}
    if with_browser:
        print(f"[{units} đơn vị] đo trang nặng nhất và tìm kiếm trong Chromium...", file=sys.stderr, flush=True)
        row.update(browser_costs(site))
    return row


def markdown(results: dict) -> str:
    lines = ["| đơn vị | trang | dựng (s) | CPU (s) | ms/trang | bộ nhớ đỉnh (MiB) | đầu ra (MiB) | "
             "mkdocs-material thuần (s) | CPU thuần (s) | tỉ lệ | "
             "trang KH nặng nhất (KB gzip) | yêu cầu bên thứ ba | tìm kiếm lần đầu (KB, lớn nhất) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    compressed = ["", "Dung lượng tải về khi máy chủ gửi tệp không nén, tệp .gz, tệp .br mà bản dựng ghi sẵn (KB):", "",
                  "| trang | trang KH nặng nhất: không nén | gzip | br | tìm kiếm lần đầu (lớn nhất): không nén | gzip | br |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in results["sizes"]:
        search = row.get("search_first_query_bytes") or {}
        if "plan_page_plain_bytes" in row:
            first = [max((row.get(key) or {0: 0}).values()) for key in
                     ("search_first_query_plain_bytes", "search_first_query_bytes", "search_first_query_brotli_bytes")]
            compressed.append(f"| {row['pages']} | " + " | ".join(
                f"{round(value / 1024, 1)}" for value in
                [row["plan_page_plain_bytes"], row["plan_page_gzip_bytes"], row["plan_page_brotli_bytes"], *first]) + " |")
        lines.append(f"| {row['units']} | {row['pages']} | {row['build_seconds']} | {row['build_cpu_seconds']} | "
                     f"{row['ms_per_page']} | {row['peak_memory_mib']} | {row['output_mib']} | "
                     f"{row['baseline_seconds']} | {row['baseline_cpu_seconds']} | {row['ratio']} | "
                     f"{round(row['plan_page_gzip_bytes'] / 1024, 1) if 'plan_page_gzip_bytes' in row else '–'} | "
                     f"{row.get('third_party_requests', '–')} | "
                     f"{round(max(search.values()) / 1024, 1) if search else '–'} |")
    if len(compressed) > 5:
        lines += compressed
    lines.append("")
    lines.append(f"Thời gian dựng: lần nhanh nhất trong {results['repeat']} lần chạy xen kẽ của mỗi bên; cổng dựng bằng "
                 f"{results['jobs']} tiến trình song song, mkdocs-material thuần bằng một tiến trình (mkdocs không dựng song song). "
                 "CPU: tổng thời gian CPU của mọi tiến trình. Bộ nhớ đỉnh: tổng bộ nhớ của mọi tiến trình cùng lúc.")
    for query_row in results["sizes"]:
        if query_row.get("search_first_query_bytes"):
            detail = ", ".join(f"“{q}” {round(b / 1024, 1)}" for q, b in query_row["search_first_query_bytes"].items())
            lines.append(f"Tìm kiếm lần đầu ở {query_row['pages']} trang (KB): {detail}.")
    lines.append("")
    admin = results.get("admin")
    if admin:
        lines.append(f"Trang quản trị /quan-tri/ (Decap CMS): mở trang tải {admin.get('admin_gzip_kib', '–')} KB gzip "
                     f"qua {admin.get('admin_requests', '–')} yêu cầu (bên thứ ba: {admin.get('admin_third_party_requests', '–')}), "
                     f"{admin['admin_disk_mib']} MiB trên đĩa; trang công khai không tải nó. `npm ci` với bộ nhớ đệm trống: "
                     f"{admin['npm_packages']} gói, tải {admin['npm_download_mib']} MiB, {admin['npm_ci_seconds']} s.")
        lines.append("")
    lines.append(f"Sửa một tệp kế hoạch đến khi `cchc serve` hiện thay đổi (trang mẫu): "
                 f"{results.get('serve_change_seconds', '–')} s.")
    lines.append("")
    lines.append(f"Máy: {results['machine']['system']}, {results['machine']['cpus']} lõi, Python {results['machine']['python']}; "
                 + ", ".join(f"{k} {v}" for k, v in results["machine"]["packages"].items()) + f"; {results['machine']['chromium']}.")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,30,100", help="số đơn vị, cách nhau bằng dấu phẩy")
    parser.add_argument("--out", default="bench", help="thư mục ghi kết quả")
    parser.add_argument("--no-browser", action="store_true", help="bỏ qua phần đo trong Chromium")
    parser.add_argument("--no-serve", action="store_true", help="bỏ qua phần đo cchc serve")
    parser.add_argument("--repeat", type=int, default=2, help="số lần dựng mỗi bên; lấy lần nhanh nhất")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from cchc.engine.parallel import default_jobs

    results = {"machine": versions(), "repeat": args.repeat, "jobs": default_jobs(), "sizes": []}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        for units in sizes:
            results["sizes"].append(bench_size(units, Path(tmp), with_browser=not args.no_browser, repeat=args.repeat))
            print(json.dumps(results["sizes"][-1], ensure_ascii=False), file=sys.stderr, flush=True)
        print("Đo trang quản trị /quan-tri/ và npm ci...", file=sys.stderr, flush=True)
        results["admin"] = admin_costs(Path(tmp), Path(tmp) / f"portal-{sizes[0]}", with_browser=not args.no_browser)
        if not args.no_serve:
            print("Đo thời gian cchc serve hiện thay đổi...", file=sys.stderr, flush=True)
            results["serve_change_seconds"] = round(serve_change_seconds(Path(tmp)), 2)
    out = REPO / args.out
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
