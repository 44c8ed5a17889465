#!/usr/bin/env python3
"""Measure the plan importer on the import corpus (tests/data/import_corpus).

    python scripts/eval_import.py --part dev [--formats txt,md,docx,pdf,doc,scan]
                                  [--failures] [--json OUT] [--docs ID,ID]

Each document of the part is rendered into each chosen format (tests/import_formats.py,
cached), imported with cchc.importer.import_document, and scored fact by fact against
its expected.yml (tests/import_scoring.py). The table shows right/total facts per field
group and format, and how many imports were refused.

The dev part is for tuning the importer. The eval part gives the figure reported in
README: run it only to report, never to decide what to change.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402

import import_formats  # noqa: E402
import import_scoring  # noqa: E402
from cchc.importer import ImportFailure, import_document  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "import_corpus"


def documents(part: str, only: list[str] | None) -> list[tuple[str, Path, dict]]:
    found = []
    for folder in sorted((CORPUS / part).iterdir()):
        if not (folder / "document.txt").is_file():
            continue
        if only and folder.name not in only:
            continue
        expected = yaml.safe_load((folder / "expected.yml").read_text("utf-8"))
        found.append((folder.name, folder / "document.txt", expected))
    return found


def percent(right: int, total: int) -> str:
    return f"{right}/{total} ({100 * right / total:.0f} %)" if total else "—"


LABELS = {"txt": ".txt", "md": ".md", "docx": ".docx", "pdf": "PDF", "doc": ".doc", "scan": "PDF quét (OCR)"}


def table(results: dict, formats: list[str]) -> str:
    lines = ["| Nhóm trường | " + " | ".join(LABELS.get(f, f".{f}") for f in formats) + " |",
             "|---|" + "---|" * len(formats)]
    for group in [*import_scoring.GROUPS, "Tất cả"]:
        cells = []
        for fmt in formats:
            right, total = results[fmt]["groups"][group]
            cells.append(percent(right, total))
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    cells = [f"{results[f]['refused']}/{results[f]['documents']}" for f in formats]
    lines.append("| Bị từ chối (tệp) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def evaluate(docs: list, formats: list[str], cache: Path | None = None,
             show_crashes: bool = False) -> tuple[dict, dict]:
    """(figures per format, outcome per document) of importing each document in each format."""
    results = {f: {"groups": {}, "refused": 0, "crashed": 0, "documents": 0, "skipped": [],
                   "render_seconds": 0.0, "import_seconds": 0.0} for f in formats}
    per_document: dict[str, dict] = {}
    comparisons: dict[str, list] = {f: [] for f in formats}
    with import_formats.Renderer(cache) as renderer:
        for doc_id, master, expected in docs:
            per_document[doc_id] = {}
            for fmt in formats:
                if fmt not in (expected.get("dinh_dang") or import_formats.FORMATS):
                    continue
                started = time.perf_counter()
                try:
                    path = renderer.render(master, fmt)
                except import_formats.FormatUnavailable as err:
                    results[fmt]["skipped"].append(f"{doc_id}: {err}")
                    continue
                rendered = time.perf_counter()
                imported, error = None, None
                try:
                    imported = import_document(path)
                except ImportFailure as err:
                    error = f"từ chối: {err}"
                except Exception as err:  # an importer crash counts as a refusal, and is shown
                    error = f"lỗi {type(err).__name__}: {err}"
                    results[fmt]["crashed"] += 1
                    if show_crashes:  # eval: the count only, never which document failed
                        traceback.print_exc(file=sys.stderr)
                finished = time.perf_counter()
                comparison = import_scoring.score(expected, imported)
                comparisons[fmt].append(comparison)
                entry = results[fmt]
                entry["documents"] += 1
                entry["refused"] += imported is None
                entry["render_seconds"] += rendered - started
                entry["import_seconds"] += finished - rendered
                right, total = comparison.score()
                per_document[doc_id][fmt] = {"refused": imported is None, "error": error, "right": right,
                                             "total": total, "failures": comparison.failures()}
    for fmt in formats:
        group_totals = import_scoring.totals(comparisons[fmt])
        right = sum(r for r, _ in group_totals.values())
        total = sum(t for _, t in group_totals.values())
        results[fmt]["groups"] = {**group_totals, "Tất cả": (right, total)}

    return results, per_document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("dev", "eval"), required=True)
    parser.add_argument("--formats", default=",".join(import_formats.FORMATS),
                        help="danh sách định dạng, cách nhau bởi dấu phẩy (mặc định: tất cả)")
    parser.add_argument("--docs", help="chỉ chạy các tài liệu này (mã thư mục, cách nhau bởi dấu phẩy)")
    parser.add_argument("--failures", action="store_true", help="liệt kê các sự kiện sai của từng tài liệu")
    parser.add_argument("--json", metavar="OUT", help="ghi các con số ra tệp JSON")
    parser.add_argument("--cache", help="thư mục lưu các tệp đã tạo (mặc định: $CCHC_CORPUS_CACHE hoặc /tmp)")
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in import_formats.FORMATS]
    if unknown:
        parser.error(f"định dạng không có: {', '.join(unknown)}")
    docs = documents(args.part, args.docs.split(",") if args.docs else None)
    if not docs:
        parser.error("không có tài liệu nào")
    if args.part == "eval":
        if args.failures:
            parser.error("phần eval chỉ báo con số tổng: không liệt kê lỗi từng tài liệu (--failures chỉ dùng với dev)")
        print("Phần eval: chỉ chạy để báo cáo con số, không dùng để chỉnh bộ nhập.\n", file=sys.stderr)

    results, per_document = evaluate(docs, formats, Path(args.cache) if args.cache else None,
                                     show_crashes=args.part == "dev")

    print(f"Phần {args.part}: {len(docs)} tài liệu\n")
    active = [f for f in formats if results[f]["documents"]]
    if active:
        print(table(results, active))
    for fmt in formats:
        if args.part == "eval" and results[fmt]["skipped"]:
            print(f"bỏ qua .{fmt}: {len(results[fmt]['skipped'])} tài liệu (thiếu công cụ)")
            continue
        for skipped in results[fmt]["skipped"]:
            print(f"bỏ qua .{fmt} — {skipped}")
    print()
    for fmt in active:
        entry = results[fmt]
        n = entry["documents"]
        print(f".{fmt}: tạo tệp {entry['render_seconds']:.1f} s ({entry['render_seconds'] / n:.2f} s/tài liệu), "
              f"nhập {entry['import_seconds']:.1f} s ({entry['import_seconds'] / n:.2f} s/tài liệu)"
              + (f", {entry['crashed']} lần bộ nhập lỗi" if entry["crashed"] else ""))
    if args.failures:
        for doc_id, by_format in per_document.items():
            for fmt, outcome in by_format.items():
                if outcome["right"] == outcome["total"]:
                    continue
                print(f"\n## {doc_id} .{fmt}: {outcome['right']}/{outcome['total']}")
                if outcome["error"]:
                    print(f"   {outcome['error']}")
                    continue
                for failure in outcome["failures"]:
                    print(f"   - {failure}")
    if args.json:
        data = {"part": args.part, "documents": len(docs),
                "formats": {f: {**results[f], "groups": {g: list(v) for g, v in results[f]["groups"].items()}}
                            for f in formats}}
        if args.part == "dev":  # the eval part's failures are never written down: nobody tunes on them
            data["per_document"] = per_document
        else:
            for entry in data["formats"].values():
                entry.pop("skipped", None)
                entry.pop("render_seconds", None)
                entry.pop("import_seconds", None)
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
