"""Benchmark: build cost, page weight and search cost from one commune to a whole province.

    python scripts/bench.py [--sizes 1,30,100] [--repeat 2] [--out bench]

For each size it generates synthetic data (scripts/bench_data.py) and measures:

- cold builds (nothing reused: site/ and its cache deleted, `cchc build --day-du`): `cchc build` with
  the default number of engine processes and with one (CCHC_JOBS=1); the same pages with bare
  mkdocs-material (the portal's generated pages written out as Markdown, same nav, no portal
  plugin); the same Markdown with Hugo (Debian's package, scripts/install-hugo.sh) and minimal
  templates the benchmark writes. Wall time, CPU time and peak memory of the whole process tree;
- warm edits: after the cold build, one post's Markdown, one text of one plan YAML and one template
  of the theme are changed in turn, each followed by an incremental `cchc build`; its time and how
  many pages it rendered or kept unchanged (the line the build prints);
- in headless Chromium: the heaviest plan page with its assets, the home page before a search and
  the bytes a first search query fetches, as stored, gzip and brotli (the copies the build writes);
- `cchc serve` in the generated portal: seconds from saving a plan YAML to the page showing it, and
  whether any process it started outlives it after SIGTERM.

On the sample site it also times `cchc serve`, and it measures the admin page /quan-tri/
(`npm ci` download and time, its weight when opened). Results: <out>/results.md and <out>/results.json.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import bench_data  # noqa: E402
import bench_report  # noqa: E402
import bench_serve  # noqa: E402
import yaml  # noqa: E402

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
            for number, query in enumerate(QUERIES):
                fresh = browser.new_page()
                loaded: list[tuple[str, dict]] = []
                seen: list[tuple[str, dict]] = []
                into = [loaded]  # the home page's own load, then what the search fetches
                fresh.on("requestfinished",
                         lambda r, into=into: into[0].append((r.url, _sizes(r.response().body(), r.url, base, site))))
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
                page.on("requestfinished", lambda r: fetched.append(
                    (r.url, _sizes(r.response().body(), r.url, base, portal / "site-admin")["gzip"])))
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


def hugo_version() -> str | None:
    if not shutil.which("hugo"):
        return None
    return subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip() or None


HUGO_CONFIG = '''baseURL = "http://127.0.0.1:8000/"
languageCode = "vi"
title = {title}
disableKinds = ["taxonomy", "term", "RSS"]

[markup.goldmark.renderer]
unsafe = true  # the generated pages are HTML inside Markdown, as for mkdocs
'''
HUGO_LAYOUTS = {
    "baseof.html": '''<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ with .Title }}{{ . }} | {{ end }}{{ site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
''',
    "single.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "list.html": '''{{ define "main" }}{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
''',
}


def export_hugo(baseline: Path, target: Path) -> int:
    """The bare baseline's Markdown (export_baseline) as a Hugo site with minimal templates: each
    folder's index.md becomes Hugo's _index.md (same address), a page's first heading its title."""
    docs = target / "content"
    shutil.copytree(baseline / "content", docs)
    count = 0
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        title = None
        if text.startswith("---"):  # our own front matter: Hugo reads only its own keys, so keep the title
            end = text.find("\n---", 3)
            head = text[3:end] if end > 0 else ""
            found = re.search(r"^(?:title|tieu_de|cau_hoi):\s*(.+)$", head, re.M)
            title = found.group(1).strip().strip("'\"") if found else None
            text = text[end + 4:].lstrip("-\n") if end > 0 else text.lstrip("-")
        first = text.lstrip().split("\n", 1)[0]
        if title is None and first.startswith("# "):
            title = first[2:].strip()
        text = f"---\ntitle: {json.dumps(title or page.stem, ensure_ascii=False)}\n---\n\n{text}"
        if page.name == "index.md" and not (page.parent / "_index.md").exists():
            page.unlink()
            page = page.with_name("_index.md")
        page.write_text(text, encoding="utf-8")
        count += 1
    named = re.search(r"^site_name:\s*(.+?)\s*$", (baseline / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    title = named.group(1).strip("'\"") if named else "CCHC"
    (target / "hugo.toml").write_text(HUGO_CONFIG.format(title=json.dumps(title, ensure_ascii=False)), encoding="utf-8")
    layouts = target / "layouts/_default"
    layouts.mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    return count


BUILT = re.compile(r"Dựng (\d+) trang, giữ nguyên (\d+) trang")


def built_counts(stderr: str) -> tuple[int | None, int | None]:
    """Pages rendered and pages kept unchanged, from the line `cchc build` prints."""
    found = BUILT.findall(stderr)
    return (int(found[-1][0]), int(found[-1][1])) if found else (None, None)


def append_to_plan_text(text: str, addition: str) -> str:
    """The plan YAML with `addition` at the end of its first one-line `noi_dung:` value (plain or quoted)."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        match = re.match(r"^(\s*(?:- )?noi_dung: )(.+)$", line)
        if not match or match.group(2).rstrip() in ("|", ">", "|-", ">-"):
            continue
        value = match.group(2).rstrip()
        if value[0] in "'\"" and len(value) > 1 and value[-1] == value[0]:
            lines[number] = match.group(1) + value[:-1] + addition + value[-1]
        else:
            lines[number] = match.group(1) + value + addition
        return "\n".join(lines)
    raise ValueError("no one-line noi_dung value in the plan")


def _fresh(root: Path, site_dir: str) -> None:
    """No earlier output and no cache: the next build reuses and copies nothing."""
    shutil.rmtree(root / site_dir, ignore_errors=True)
    (root / f".{site_dir}-cache.json").unlink(missing_ok=True)


def _summary(runs: list[Measured], pages: int | None = None) -> dict:
    best = min(runs, key=lambda m: m.seconds)
    out = {"seconds": round(best.seconds, 2), "runs": [round(m.seconds, 2) for m in runs],
           "cpu_seconds": round(best.cpu_seconds, 1), "peak_memory_mib": round(max(m.peak_bytes for m in runs) / 2**20)}
    if pages is not None:
        out["pages"] = pages
    return out


def cold_builds(units: int, root: Path, baseline_root: Path, hugo_root: Path | None, env: dict,
                repeat: int) -> tuple[dict, dict[str, list[Measured]]]:
    """Every tool's cold build, `repeat` times, alternating (this kind of shared machine varies by tens
    of percent between runs): the fastest run of each is reported."""
    one_job = {**env, "CCHC_JOBS": "1"}
    tools = [("cchc", "cổng (cchc build --day-du)", [sys.executable, "-m", "cchc", "build", "--day-du"], root, env, "site"),
             ("cchc_1_job", "cổng, một tiến trình (CCHC_JOBS=1)",
              [sys.executable, "-m", "cchc", "build", "--day-du", "--site-dir", "site-1"], root, one_job, "site-1"),
             ("mkdocs_material", "bản đối chứng mkdocs-material thuần", [sys.executable, "-m", "mkdocs", "build", "-q"],
              baseline_root, env, "site")]
    if hugo_root is not None:
        tools.append(("hugo", "bản đối chứng Hugo", ["hugo", "--quiet", "--destination", "public"], hugo_root, env, "public"))
    runs: dict[str, list[Measured]] = {key: [] for key, *_ in tools}
    for run in range(1, repeat + 1):
        for key, label, command, cwd, tool_env, output in tools:
            if key not in runs:
                continue
            print(f"[{units} đơn vị] lần {run}/{repeat}: dựng {label}...", file=sys.stderr, flush=True)
            _fresh(cwd, output)
            if key == "hugo":
                shutil.rmtree(cwd / "resources", ignore_errors=True)  # Hugo's own cache of processed assets
            measured = run_measured(command, cwd, tool_env)
            if measured.result.returncode != 0:
                if key == "hugo":  # a baseline of comparison only: noted, not fatal
                    print(f"Hugo dựng lỗi, bỏ qua bản đối chứng Hugo (ghi null):\n{measured.result.stderr[-2000:]}",
                          file=sys.stderr, flush=True)
                    runs.pop("hugo")
                    continue
                raise SystemExit(f"{key} build failed:\n{measured.result.stdout[-3000:]}\n{measured.result.stderr[-3000:]}")
            runs[key].append(measured)
    outputs = {"cchc": root / "site", "cchc_1_job": root / "site-1", "mkdocs_material": baseline_root / "site",
               "hugo": hugo_root / "public" if hugo_root else None}
    cold = {key: _summary(measured, len(list(outputs[key].rglob("*.html")))) for key, measured in runs.items()}
    cold.setdefault("hugo", None)
    for key in ("cchc", "cchc_1_job"):
        rendered, reused = built_counts(min(runs[key], key=lambda m: m.seconds).result.stderr)
        cold[key].update(rendered=rendered, reused=reused)
    return cold, runs


def warm_edits(units: int, root: Path, unit: str, env: dict, repeat: int) -> list[dict]:
    """After a cold build: an incremental `cchc build` after no change, after one post's Markdown,
    one text of one plan YAML, one template of the theme; `repeat` rounds, the fastest of each."""
    post = sorted((root / "content/chuyen-muc/bai-viet").glob(f"{unit}-*.md"))[0]
    plan = sorted((root / "plans" / unit).glob("ke-hoach-*.yml"))[0]
    templates = sorted((root / "theme/cchc").glob("*.html")) or [root / "theme/main.html"]
    template = templates[0]
    site = root / "site"
    post_page = site / "chuyen-muc/bai-viet" / post.stem / "index.html"
    plan_page = site / "don-vi" / unit / plan.stem / "index.html"

    def appended(path: Path, addition: str) -> None:
        with open(path, "a", encoding="utf-8") as out:
            out.write(addition)

    def edit_post(run: int) -> tuple[Path, str]:
        sentence = f"Câu bổ sung lần {run} để đo thời gian dựng sau khi sửa một bài."
        appended(post, f"\n{sentence}\n")
        return post_page, sentence

    def edit_plan(run: int) -> tuple[Path, str]:
        addition = f" Bổ sung lần {run}."
        plan.write_text(append_to_plan_text(plan.read_text(encoding="utf-8"), addition), encoding="utf-8")
        return plan_page, addition.strip()

    def edit_template(run: int) -> tuple[None, None]:
        appended(template, "\n")
        return None, None

    edits = [("khong_doi", "không sửa gì", None, lambda run: (None, None)),
             ("bai_viet", "thêm một câu vào một bài viết", post, edit_post),
             ("ke_hoach", "sửa một đoạn chữ trong một kế hoạch", plan, edit_plan),
             ("giao_dien", "thêm một dòng trống vào một tệp giao diện", template, edit_template)]
    rows = {key: {"edit": key, "label": label, "file": path.relative_to(root).as_posix() if path else None,
                  "measured": [], "visible": None} for key, label, path, _ in edits}
    for run in range(1, repeat + 1):
        for key, label, _path, apply in edits:
            print(f"[{units} đơn vị] lần {run}/{repeat}: dựng lại sau khi {label}...", file=sys.stderr, flush=True)
            page, text = apply(run)
            measured = run_measured([sys.executable, "-m", "cchc", "build"], root, env)
            if measured.result.returncode != 0:
                raise SystemExit(f"incremental build failed ({key}):\n{measured.result.stderr[-3000:]}")
            rows[key]["measured"].append(measured)
            if page is not None:
                shown = page.is_file() and text in page.read_text(encoding="utf-8")
                rows[key]["visible"] = shown if rows[key]["visible"] is None else rows[key]["visible"] and shown
    out = []
    for key, row in rows.items():
        measured = row.pop("measured")
        best = min(measured, key=lambda m: m.seconds)
        rendered, reused = built_counts(best.result.stderr)
        out.append({**row, **_summary(measured), "rendered": rendered, "reused": reused})
    return out


def versions() -> dict:
    names = ["mkdocs", "mkdocs-material", "pagefind", "jinja2", "pyyaml", "playwright", "brotli"]
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip() \
        if os.path.exists(CHROMIUM) else None
    return {"python": platform.python_version(), "machine": platform.machine(), "system": platform.platform(),
            "cpus": os.cpu_count(), "packages": found, "chromium": chromium, "hugo": hugo_version()}


def bench_size(units: int, workdir: Path, with_browser: bool, with_serve: bool, repeat: int) -> dict:
    posts, questions = SIZES.get(units, (80, 10))
    root = workdir / f"portal-{units}"
    bench_data.generate(root, REPO, units, posts, questions)
    unit = sorted(path.name for path in (root / "plans").iterdir() if path.is_dir())[0]
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DAY}
    baseline_root = workdir / f"baseline-{units}"
    export_baseline(root, baseline_root)
    hugo_root = None
    if shutil.which("hugo"):
        hugo_root = workdir / f"hugo-{units}"
        export_hugo(baseline_root, hugo_root)
    cold, runs = cold_builds(units, root, baseline_root, hugo_root, env, repeat)
    site = root / "site"
    pages = cold["cchc"]["pages"]
    portal, baseline = cold["cchc"], cold["mkdocs_material"]
    # The keys of earlier runs (README, bench/results.json of older commits), then the new ones.
    row = {"units": units, "pages": pages, "build_seconds": portal["seconds"], "build_runs": portal["runs"],
           "build_cpu_seconds": portal["cpu_seconds"], "ms_per_page": round(1000 * portal["seconds"] / pages, 2),
           "peak_memory_mib": portal["peak_memory_mib"], "output_mib": round(dir_size(site) / 2**20, 1),
           "baseline_seconds": baseline["seconds"], "baseline_runs": baseline["runs"],
           "baseline_cpu_seconds": baseline["cpu_seconds"], "baseline_peak_memory_mib": baseline["peak_memory_mib"],
           "ratio": round(portal["seconds"] / baseline["seconds"], 2), "baseline_pages": baseline["pages"],
           "cold": cold}
    if with_browser:
        print(f"[{units} đơn vị] đo trang nặng nhất và tìm kiếm trong Chromium...", file=sys.stderr, flush=True)
        row.update(browser_costs(site))
    row["warm_edits"] = warm_edits(units, root, unit, env, repeat)
    if with_serve:
        print(f"[{units} đơn vị] đo cchc serve: lưu kế hoạch đến khi trang hiện thay đổi...", file=sys.stderr, flush=True)
        plan = sorted((root / "plans" / unit).glob("ke-hoach-*.yml"))[0]
        marker = "Sửa khi đang xem trước."
        signer = yaml.safe_load(plan.read_text(encoding="utf-8"))["chu_ky"]["ho_ten"]
        row.update(bench_serve.serve_change(root, plan, f"don-vi/{unit}/{plan.stem}/", signer,
                                            lambda text: append_to_plan_text(text, " " + marker), marker,
                                            f"{units}-don-vi", BUILD_DAY))
    return row


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

    if not shutil.which("hugo"):
        print("Không có Hugo (cài bằng: sh scripts/install-hugo.sh): bỏ qua bản đối chứng Hugo, ghi null.",
              file=sys.stderr, flush=True)
    started = time.perf_counter()
    results = {"machine": versions(), "repeat": args.repeat, "jobs": default_jobs(), "sizes": []}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        for units in sizes:
            results["sizes"].append(bench_size(units, Path(tmp), with_browser=not args.no_browser,
                                               with_serve=not args.no_serve, repeat=args.repeat))
            print(json.dumps(results["sizes"][-1], ensure_ascii=False), file=sys.stderr, flush=True)
        print("Đo trang quản trị /quan-tri/ và npm ci...", file=sys.stderr, flush=True)
        results["admin"] = admin_costs(Path(tmp), Path(tmp) / f"portal-{sizes[0]}", with_browser=not args.no_browser)
        if not args.no_serve:
            print("Đo thời gian cchc serve hiện thay đổi trên trang mẫu...", file=sys.stderr, flush=True)
            results["serve_sample"] = bench_serve.serve_sample(Path(tmp), REPO, BUILD_DAY)
            results["serve_change_seconds"] = results["serve_sample"]["serve_change_seconds"]
    results["bench_seconds"] = round(time.perf_counter() - started)
    out = REPO / args.out
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    report = bench_report.markdown(results, len(QUERIES))
    (out / "results.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
