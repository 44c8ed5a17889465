#!/usr/bin/env python3
"""Measure two ways of reading a PDF's text layer for the importer, on PDFs of several layouts.

    python scripts/measure_pdf_readers.py [--out bench/pdf-readers]

The development part of the import corpus (tests/data/import_corpus/dev, hand-checked facts) is
printed by headless Chromium in four layouts: A4 with a serif face (the corpus's own PDF), US
Letter with a sans-serif face, A5 with a condensed face and narrow margins, and A4 landscape.
Every master lays its header out as a borderless two-column table and its signature block as two
columns side by side; most carry a ruled task table. Each PDF is read by

- pypdf's layout mode (the importer's PDF reader before issue #15: a grid of characters, tables
  rebuilt from column positions, scripts/cchc/importer/layout.py), and
- pdfplumber (the reader now: word positions for lines and paragraphs, ruled tables found from
  their lines, scripts/cchc/importer/pdf.py),

and the rest of the importer runs unchanged on what each gives; the facts are scored with
tests/import_scoring.py. Writes OUT.md and OUT.json. The dev part only: the eval part is never
used to choose anything.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402

import import_formats  # noqa: E402
import import_scoring  # noqa: E402
from cchc.importer import ImportFailure, import_read  # noqa: E402
from cchc.importer.layout import tables_from_layout  # noqa: E402
from cchc.importer.lines import lines_to_items, nfc  # noqa: E402
from cchc.importer.pdf import read_pdf_text  # noqa: E402
from cchc.importer.reader import flatten_layout_tables  # noqa: E402
from cchc.importer.types import Document  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "import_corpus" / "dev"
LAYOUTS = {
    "A4, serif 13 pt": "",
    "Letter, sans-serif 11 pt": "@page{size:letter;margin:18mm 18mm}body{font-family:'DejaVu Sans',sans-serif;"
                                "font-size:11pt}",
    "A5, condensed 10 pt": "@page{size:A5;margin:10mm 8mm}body{font-family:'DejaVu Serif Condensed',serif;"
                           "font-size:10pt}table.grid td{font-size:8.5pt}",
    "A4 landscape, serif 12 pt": "@page{size:A4 landscape;margin:15mm 20mm}body{font-size:12pt}",
}


def read_with_pypdf(path: Path) -> Document:
    """The reader the importer had: pypdf's layout text, tables from column positions."""
    from pypdf import PdfReader
    pages = [page.extract_text(extraction_mode="layout") or "" for page in PdfReader(str(path)).pages]
    text = nfc("\n".join(pages))
    text = "\n".join(line for line in text.split("\n") if len(line.strip()) != 1 or line.strip().isascii())
    return Document(flatten_layout_tables(tables_from_layout(lines_to_items(text))), "pdf")


def read_with_pdfplumber(path: Path) -> Document:
    document = read_pdf_text(path)
    document.items = flatten_layout_tables(document.items)
    return document


READERS = {"pypdf (layout)": read_with_pypdf, "pdfplumber": read_with_pdfplumber}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "bench" / "pdf-readers"))
    args = parser.parse_args(argv)
    masters = sorted(CORPUS.glob("*/document.txt"))
    results: dict = {layout: {reader: {"right": 0, "total": 0, "refused": 0, "seconds": 0.0,
                                       "groups": {}} for reader in READERS} for layout in LAYOUTS}
    with import_formats.Renderer() as renderer, tempfile.TemporaryDirectory() as work:
        for master_path in masters:
            expected = yaml.safe_load((master_path.parent / "expected.yml").read_text("utf-8"))
            if "pdf" not in (expected.get("dinh_dang") or import_formats.FORMATS):
                continue
            master = import_formats.parse_master(import_formats.master_text(master_path))
            for number, (layout, css) in enumerate(LAYOUTS.items()):
                pdf = Path(work) / f"{master_path.parent.name}-{number}.pdf"
                page_html = import_formats.to_html(master).replace("</style>", css + "</style>", 1)
                renderer._print(page_html, pdf)
                for reader, read in READERS.items():
                    started = time.perf_counter()
                    try:
                        imported = import_read(read(pdf), pdf)
                    except (ImportFailure, Exception):  # a crash of either reader counts as a refusal
                        imported = None
                    entry = results[layout][reader]
                    entry["seconds"] += time.perf_counter() - started
                    comparison = import_scoring.score(expected, imported)
                    right, total = comparison.score()
                    entry["right"] += right
                    entry["total"] += total
                    entry["refused"] += imported is None
                    for group in import_scoring.GROUPS:
                        r, t = comparison.score(group)
                        old = entry["groups"].get(group, (0, 0))
                        entry["groups"][group] = (old[0] + r, old[1] + t)
    lines = ["| Bố cục PDF | " + " | ".join(READERS) + " |", "|---|" + "---|" * len(READERS)]
    for layout in LAYOUTS:
        cells = []
        for reader in READERS:
            entry = results[layout][reader]
            cells.append(f"{entry['right']}/{entry['total']} ({100 * entry['right'] / entry['total']:.0f} %)"
                         + (f", {entry['refused']} bị từ chối" if entry["refused"] else ""))
        lines.append(f"| {layout} | " + " | ".join(cells) + " |")
    for group in ("Nhiệm vụ", "Chỉ tiêu"):
        cells = []
        for reader in READERS:
            right = sum(results[l][reader]["groups"][group][0] for l in LAYOUTS)
            total = sum(results[l][reader]["groups"][group][1] for l in LAYOUTS)
            cells.append(f"{right}/{total} ({100 * right / total:.0f} %)")
        lines.append(f"| {group} (mọi bố cục) | " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    print(table)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    out.with_suffix(".md").write_text(
        "# PDF readers measured (scripts/measure_pdf_readers.py)\n\n"
        f"Facts right on the {len(masters)} documents of the corpus's dev part, printed in each layout "
        "by headless Chromium and imported through each reader.\n\n" + table + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
