"""Benchmark: build cost, page weight and search cost from one commune to a whole province.

    python scripts/bench.py [--sizes 1,30,100] [--repeat 2] [--out bench]

For each size it generates synthetic data (scripts/bench_data.py) and measures:

- cold builds (nothing reused: site/ and its cache moved away, `cchc build --day-du`): `cchc build` with
  the default number of engine processes and with one (CCHC_JOBS=1), and with one and no compiled
  templates kept from earlier builds (CCHC_CACHE_DIR empty: a first build on a machine); the same pages with bare
  mkdocs-material (the portal's generated pages written out as Markdown, same nav, no portal
  plugin); the same Markdown with Hugo (Debian's package, scripts/install-hugo.sh) and minimal
  templates the benchmark writes. Wall time, CPU time and peak memory of the whole process tree;
- the .gz/.br copies (`cchc build --nen`, `cchc deploy`) written into the cold build's output: their
  time and CPU (this process's threads) and the output's size with them;
- warm edits: after the cold build, one post's Markdown, one text of one plan YAML and one template
  of the theme are changed in turn, each followed by an incremental `cchc build`; its time and how
  many pages it rendered or kept unchanged (the line the build prints);
- in headless Chromium: the heaviest plan page with its assets, the home page before a search and
  the bytes a first search query fetches, as stored, gzip and brotli (those copies);
- `cchc serve` in the generated portal: seconds from saving a plan YAML to the page showing it, and
  whether any process it started outlives it after SIGTERM.

On the sample site it also times `cchc serve`, and it measures the admin page /quan-tri/
(`npm ci` download and time, its weight when opened). Results: <out>/results.md and <out>/results.json.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import bench_baselines  # noqa: E402
import bench_browser  # noqa: E402
import bench_data  # noqa: E402
import bench_proc  # noqa: E402
import bench_report  # noqa: E402
import bench_serve  # noqa: E402
import yaml  # noqa: E402
from cchc.publish.compress import compress_site  # noqa: E402

SIZES = {1: (250, 40), 30: (80, 10), 100: (80, 10)}  # units: (posts per unit, questions per unit)
BUILD_DAY = "1795219200"  # 21/11/2026: every run computes the same progress


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


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

        server, base = bench_browser.serve(portal / "site-admin")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=bench_browser.CHROMIUM, args=bench_browser.FLAGS)
                page = browser.new_page()
                fetched: list[tuple[str, int]] = []
                page.on("requestfinished", lambda r: fetched.append(
                    (r.url, bench_browser.response_sizes(r.response().body(), r.url, base, portal / "site-admin")["gzip"])))
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
    """No earlier output and no cache: the next build reuses and copies nothing. They are moved into a
    folder beside the portal, not deleted: on a file system without a journal (ext4 here) Linux then
    checks each file it creates against every file deleted in the last minutes nearby (a kernel
    profile: recently_deleted, find_inode_bit), and a build would pay for the benchmark's deletions.
    The folder goes with the benchmark's temporary folder, after every measurement."""
    aside = root.parent / "earlier-outputs"
    aside.mkdir(exist_ok=True)
    for path in (root / site_dir, root / f".{site_dir}-cache.json"):
        if path.exists():
            os.rename(path, os.path.join(tempfile.mkdtemp(prefix=f"{root.name}-{path.name}-", dir=aside), path.name))


def _summary(runs: list[bench_proc.Measured], pages: int | None = None) -> dict:
    best = min(runs, key=lambda m: m.seconds)
    out = {"seconds": round(best.seconds, 2), "runs": [round(m.seconds, 2) for m in runs],
           "cpu_seconds": round(best.cpu_seconds, 1), "system_seconds": round(best.system_seconds, 1),
           "peak_memory_mib": round(max(m.peak_bytes for m in runs) / 2**20)}
    if pages is not None:
        out["pages"] = pages
    return out


def cold_builds(units: int, root: Path, baseline_root: Path, hugo_root: Path | None, env: dict,
                repeat: int) -> tuple[dict, dict[str, list[bench_proc.Measured]]]:
    """Every tool's cold build, `repeat` times, alternating (this kind of shared machine varies by tens
    of percent between runs): the fastest run of each is reported."""
    one_job = {**env, "CCHC_JOBS": "1"}
    tools = [("cchc", "cổng (cchc build --day-du)", [sys.executable, "-m", "cchc", "build", "--day-du"], root, env, "site"),
             ("cchc_1_job", "cổng, một tiến trình (CCHC_JOBS=1)",
              [sys.executable, "-m", "cchc", "build", "--day-du", "--site-dir", "site-1"], root, one_job, "site-1"),
             ("cchc_1_job_compiling", "cổng, một tiến trình, biên dịch lại mọi mẫu trang (CCHC_CACHE_DIR rỗng)",
              [sys.executable, "-m", "cchc", "build", "--day-du", "--site-dir", "site-c"], root,
              {**one_job, "CCHC_CACHE_DIR": ""}, "site-c"),
             ("mkdocs_material", "bản đối chứng mkdocs-material thuần", [sys.executable, "-m", "mkdocs", "build", "-q"],
              baseline_root, env, "site")]
    if hugo_root is not None:
        tools.append(("hugo", "bản đối chứng Hugo", ["hugo", "--quiet", "--destination", "public"], hugo_root, env, "public"))
    runs: dict[str, list[bench_proc.Measured]] = {key: [] for key, *_ in tools}
    # One build first, not measured: it compiles the templates into the template cache as compileall
    # compiled the code, so that no measured run of `cchc` pays for it (cchc_1_job_compiling does).
    print(f"[{units} đơn vị] dựng một lần (không đo) để biên dịch các mẫu trang...", file=sys.stderr, flush=True)
    warm_up = subprocess.run([sys.executable, "-m", "cchc", "build", "--day-du", "--site-dir", "site-warm"], cwd=root,
                             env=one_job, capture_output=True, text=True)
    if warm_up.returncode != 0:
        raise SystemExit(f"cchc build failed:\n{warm_up.stdout[-3000:]}\n{warm_up.stderr[-3000:]}")
    _fresh(root, "site-warm")
    for run in range(1, repeat + 1):
        for key, label, command, cwd, tool_env, output in tools:
            if key not in runs:
                continue
            print(f"[{units} đơn vị] lần {run}/{repeat}: dựng {label}...", file=sys.stderr, flush=True)
            _fresh(cwd, output)
            if key == "hugo":
                _fresh(cwd, "resources")  # Hugo's own cache of processed assets
            measured = bench_proc.run_measured(command, cwd, tool_env)
            if measured.result.returncode != 0:
                if key == "hugo":  # a baseline of comparison only: noted, not fatal
                    print(f"Hugo dựng lỗi, bỏ qua bản đối chứng Hugo (ghi null):\n{measured.result.stderr[-2000:]}",
                          file=sys.stderr, flush=True)
                    runs.pop("hugo")
                    continue
                raise SystemExit(f"{key} build failed:\n{measured.result.stdout[-3000:]}\n{measured.result.stderr[-3000:]}")
            runs[key].append(measured)
    outputs = {"cchc": root / "site", "cchc_1_job": root / "site-1", "cchc_1_job_compiling": root / "site-c",
               "mkdocs_material": baseline_root / "site",
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
            measured = bench_proc.run_measured([sys.executable, "-m", "cchc", "build"], root, env)
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
    chromium = subprocess.run([bench_browser.CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip() \
        if os.path.exists(bench_browser.CHROMIUM) else None
    return {"python": platform.python_version(), "machine": platform.machine(), "system": platform.platform(),
            "cpus": os.cpu_count(), "packages": found, "chromium": chromium, "hugo": bench_baselines.hugo_version()}


def bench_size(units: int, workdir: Path, with_browser: bool, with_serve: bool, repeat: int) -> dict:
    posts, questions = SIZES.get(units, (80, 10))
    root = workdir / f"portal-{units}"
    bench_data.generate(root, REPO, units, posts, questions)
    unit = sorted(path.name for path in (root / "plans").iterdir() if path.is_dir())[0]
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DAY}
    baseline_root = workdir / f"baseline-{units}"
    bench_baselines.export_baseline(root, baseline_root)
    hugo_root = None
    if shutil.which("hugo"):
        hugo_root = workdir / f"hugo-{units}"
        bench_baselines.export_hugo(baseline_root, hugo_root)
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
    # What `cchc build --nen` and `cchc deploy` add: the .gz/.br copies, which the byte counts below use.
    started, started_cpu = time.monotonic(), time.process_time()
    compress_site(str(site))
    row["compress"] = {"seconds": round(time.monotonic() - started, 2), "cpu_seconds": round(time.process_time() - started_cpu, 1),
                       "output_mib": round(dir_size(site) / 2**20, 1)}
    if with_browser:
        print(f"[{units} đơn vị] đo trang nặng nhất và tìm kiếm trong Chromium...", file=sys.stderr, flush=True)
        row.update(bench_browser.browser_costs(site))
    row["warm_edits"] = warm_edits(units, root, unit, env, repeat)
    if with_serve:
        print(f"[{units} đơn vị] đo cchc serve: lưu kế hoạch đến khi trang hiện thay đổi...", file=sys.stderr, flush=True)
        plan = sorted((root / "plans" / unit).glob("ke-hoach-*.yml"))[0]
        marker = "Sửa khi đang xem trước lần"
        signer = yaml.safe_load(plan.read_text(encoding="utf-8"))["chu_ky"]["ho_ten"]
        row.update(bench_serve.serve_change(root, plan, f"don-vi/{unit}/{plan.stem}/", signer,
                                            lambda text, mark: append_to_plan_text(text, " " + mark + "."), marker,
                                            f"{units}-don-vi", BUILD_DAY))
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,30,100", help="số đơn vị, cách nhau bằng dấu phẩy")
    parser.add_argument("--out", default="bench", help="thư mục ghi kết quả")
    parser.add_argument("--no-browser", action="store_true", help="bỏ qua phần đo trong Chromium")
    parser.add_argument("--no-serve", action="store_true", help="bỏ qua phần đo cchc serve")
    parser.add_argument("--repeat", type=int, default=2, help="số lần dựng mỗi bên; lấy lần nhanh nhất")
    parser.add_argument("--report", action="store_true",
                        help="không đo: viết lại <out>/results.md từ <out>/results.json (sau khi đổi bảng)")
    args = parser.parse_args()
    out = REPO / args.out
    if args.report:
        results = json.loads((out / "results.json").read_text(encoding="utf-8"))
        (out / "results.md").write_text(bench_report.markdown(results, len(bench_browser.QUERIES)), encoding="utf-8")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    from cchc.engine.parallel import default_jobs

    # Every process runs the package from its bytecode, as it runs mkdocs and Material (compiled when
    # they were installed): an editable install of cchc writes it on first use, unless the machine
    # says not to (PYTHONDONTWRITEBYTECODE), and then each process would compile cchc again.
    compileall.compile_dir(str(REPO / "scripts" / "cchc"), quiet=1)

    if not shutil.which("hugo"):
        print("Không có Hugo (cài bằng: sh scripts/install-hugo.sh): bỏ qua bản đối chứng Hugo, ghi null.",
              file=sys.stderr, flush=True)
    started = time.perf_counter()
    results = {"machine": versions(), "repeat": args.repeat, "jobs": default_jobs(), "sizes": [], "earlier_outputs": "moved",
               "templates_compiled_first": True,
               "serve_saves": bench_serve.SAVES, "serve_between_saves_seconds": bench_serve.BETWEEN_SAVES}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        # Compiled templates (pages/template_cache.py) kept for this run only: its first build compiles
        # them, as on a new machine; `cchc_1_job_compiling` never keeps any.
        os.environ["CCHC_CACHE_DIR"] = str(Path(tmp) / "template-cache")
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
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    report = bench_report.markdown(results, len(bench_browser.QUERIES))
    (out / "results.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
