"""Scanned PDFs (pages that are only pictures): Tesseract's Vietnamese model reads them.

pdftoppm renders each page at 300 dpi, the resolution Tesseract is trained for;
Tesseract returns the text with its line breaks, which the rest of the importer
unwraps like any PDF text. The result is marked as OCR output: every plan
imported this way carries a note asking staff to check it against the scan.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import tools
from .lines import lines_to_items, nfc
from .types import Document, ReadError

DPI = 300
NOTE = ("văn bản được nhận dạng chữ (OCR) từ bản quét: chữ, số và dấu có thể sai; "
        "hãy đối chiếu từng trường với bản quét")


def read_scanned(path: Path) -> Document:
    programs = tools.require(["pdftoppm", "tesseract"], "PDF bản quét (chỉ có hình ảnh) phải nhận dạng chữ (OCR), việc này",
                             path.name)
    _require_vietnamese(programs["tesseract"], path.name)
    pages: list[str] = []
    with tools.scratch() as folder:
        tools.run([programs["pdftoppm"], "-r", str(DPI), "-gray", "-png", os.path.abspath(path),
                   str(Path(folder, "trang"))], path.name, "tách trang PDF bằng pdftoppm")
        images = sorted(Path(folder).glob("trang*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
        for image in images:
            # psm 4: one column of text of varying sizes, which is what a plan page is.
            done = tools.run([programs["tesseract"], str(image), "stdout", "-l", "vie", "--psm", "4"],
                             path.name, "nhận dạng chữ bằng Tesseract")
            pages.append(done.stdout.decode("utf-8", "replace"))
    text = nfc("\n".join(pages)).replace("\f", "\n")
    if len("".join(text.split())) < 40:
        raise ReadError(f"{path.name}: PDF không có lớp chữ và nhận dạng chữ (OCR) không đọc được chữ nào "
                        "(ảnh quá mờ hoặc không phải văn bản).")
    return Document(lines_to_items(text), "ocr", [NOTE])


def _require_vietnamese(tesseract: str, name: str) -> None:
    done = tools.run([tesseract, "--list-langs"], name, "Tesseract")
    languages = (done.stdout + done.stderr).decode("utf-8", "replace").split()
    if "vie" not in languages:
        raise ReadError(f"{name}: Tesseract chưa có bộ nhận dạng tiếng Việt. "
                        f"Cài bằng lệnh: {tools.install_hint(['tesseract'])} — rồi nhập lại.")
