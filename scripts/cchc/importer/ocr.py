"""Scanned PDFs (pages that are only pictures): Tesseract's Vietnamese model reads them.

pdftoppm renders each page at 300 dpi, the resolution Tesseract is trained for;
Tesseract returns each word with its box; the page is then laid out again by the
same code as a PDF's text layer (pdf.py): lines, paragraphs, two columns side by side. The result is marked as OCR output: every plan
imported this way carries a note asking staff to check it against the scan.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import tools
from .lines import nfc
from .page_layout import Line, items_from_pages
from .types import Document, ReadError

DPI = 300
NOTE = ("văn bản được nhận dạng chữ (OCR) từ bản quét: chữ, số và dấu có thể sai; "
        "hãy đối chiếu từng trường với bản quét")


def read_scanned(path: Path) -> Document:
    programs = tools.require(["pdftoppm", "tesseract"], "PDF bản quét (chỉ có hình ảnh) phải nhận dạng chữ (OCR), việc này",
                             path.name)
    _require_vietnamese(programs["tesseract"], path.name)
    pages: list = []
    with tools.scratch() as folder:
        tools.run([programs["pdftoppm"], "-r", str(DPI), "-gray", "-png", os.path.abspath(path),
                   str(Path(folder, "trang"))], path.name, "tách trang PDF bằng pdftoppm")
        images = sorted(Path(folder).glob("trang*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
        for image in images:
            # psm 4: one column of text of varying sizes, which is what a plan page is; the words
            # come with their boxes, so the page is laid out again as a PDF's text layer is (pdf.py).
            done = tools.run([programs["tesseract"], str(image), "stdout", "-l", "vie", "--psm", "4", "tsv"],
                             path.name, "nhận dạng chữ bằng Tesseract")
            pages.append(_page(done.stdout.decode("utf-8", "replace")))
    items = items_from_pages(pages)
    if sum(len(i) for i in items if isinstance(i, str)) < 40:
        raise ReadError(f"{path.name}: PDF không có lớp chữ và nhận dạng chữ (OCR) không đọc được chữ nào "
                        "(ảnh quá mờ hoặc không phải văn bản).")
    return Document(items, "ocr", [NOTE])


_POINT = 72 / DPI
# A token of punctuation only is a speck of the scan, except a list marker ("-", "+").
_NOISE = re.compile(r"^(?![-–+•]$)[^\w]+$")


def _page(tsv: str) -> tuple[float, list, list[Line]]:
    """One page of Tesseract's TSV: words with boxes (pixels at DPI) grouped into its lines."""
    lines: dict[tuple, list[dict]] = {}
    heights: dict[tuple, float] = {}
    page_height = 842.0
    for row in tsv.split("\n")[1:]:
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        level, left, top, width, height = (int(c) for c in (cells[0], cells[6], cells[7], cells[8], cells[9]))
        key = tuple(cells[1:5])
        if level == 1:
            page_height = height * _POINT
        elif level == 4:
            heights[key] = height * _POINT
        elif level == 5:
            text = nfc(cells[11].strip())
            # Specks of the scan read as "_", "|", ":" or a dot: not text.
            if not text or _NOISE.match(text) or (width < 6 and height < 6):
                continue
            lines.setdefault(key, []).append({"x0": left * _POINT, "x1": (left + width) * _POINT,
                                              "top": top * _POINT, "bottom": (top + height) * _POINT,
                                              "text": text.strip("_|~").lstrip("'‘’`")})
    result = []
    # One size for the page: a plan is set in one size, and boxes vary with the letters in them
    # (a line's box holds ascenders and descenders, hence 0.75).
    boxes = sorted(heights.get(key, 16.0) for key in lines) or [16.0]
    size = 0.75 * boxes[len(boxes) // 2]
    for key, words in lines.items():
        if words and re.fullmatch(r"\d{1,2},", words[0]["text"]):
            words[0]["text"] = words[0]["text"][:-1] + "."  # "2, Hình thức": a misread "2."
        for word in words:
            word["size"] = size
        top = min(w["top"] for w in words)
        result.append(Line(sorted(words, key=lambda w: w["x0"]), top, max(w["bottom"] for w in words), size))
    result.sort(key=lambda line: line.top)
    return page_height, [], result


def _require_vietnamese(tesseract: str, name: str) -> None:
    done = tools.run([tesseract, "--list-langs"], name, "Tesseract")
    languages = (done.stdout + done.stderr).decode("utf-8", "replace").split()
    if "vie" not in languages:
        raise ReadError(f"{name}: Tesseract chưa có bộ nhận dạng tiếng Việt. "
                        f"Cài bằng lệnh: {tools.install_hint(['tesseract'])} — rồi nhập lại.")
