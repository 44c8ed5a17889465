"""README's accuracy table for `cchc import` is the one the corpus's eval part gives.

`scripts/eval_import.py --part eval --json bench/import-eval.json` imports every eval document in
every format (txt, docx, md, PDF, .doc, scanned PDF) and keeps only the figures. The README test
renders that file into the table README must carry; a second test imports the eval part again in
the fast formats (txt, md, docx: a few seconds) and checks the committed figures still hold, so
a change to the importer that moves them fails until eval_import.py is re-run. PDF, .doc and OCR
take minutes (Chromium, LibreOffice, Tesseract): the committed run stands for them, and
test_import.py / test_import_doc_and_scan.py exercise each of them on smaller documents.
"""

from __future__ import annotations

import json
import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import eval_import  # noqa: E402

EVAL_FIGURES = REPO / "bench" / "import-eval.json"
README_ORDER = ("txt", "docx", "md", "pdf", "doc", "scan")
FAST = ("txt", "md", "docx")


def committed() -> dict:
    return json.loads(EVAL_FIGURES.read_text("utf-8"))


def test_readme_reports_the_eval_part_per_format_and_field_group():
    data = committed()
    assert data["part"] == "eval" and data["documents"] >= 15
    assert "per_document" not in data  # the eval part's failures are not written down
    table = eval_import.table(data["formats"], list(README_ORDER))
    readme = (REPO / "README.md").read_text("utf-8")
    assert table in readme, "README.md must carry this table (scripts/eval_import.py --part eval):\n" + table


def test_the_committed_eval_figures_hold_for_the_fast_formats(tmp_path):
    docs = eval_import.documents("eval", None)
    results, _ = eval_import.evaluate(docs, list(FAST), tmp_path)
    figures = committed()["formats"]
    for fmt in FAST:
        now = {group: list(value) for group, value in results[fmt]["groups"].items()}
        assert (now, results[fmt]["refused"]) == (figures[fmt]["groups"], figures[fmt]["refused"]), fmt
