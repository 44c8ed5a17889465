"""Scanned PDFs (pages that are only pictures): Tesseract's Vietnamese model reads them.

pdftoppm renders each page at 300 dpi, the resolution Tesseract is trained for;
scan_image.py straightens and cleans it and finds its ruled tables; Tesseract
returns each word with its box; words inside a table go to their cells, the rest
is laid out again by the same code as a PDF's text layer (pdf.py): lines,
paragraphs, two columns side by side. The result is marked as OCR output: every plan
imported this way carries a note asking staff to check it against the scan.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from . import scan_image, tools
from .lines import nfc
from .page_layout import Line, cell_text, items_from_pages
from .types import Document, ReadError, Table

DPI = 300
NOTE = ("văn bản được nhận dạng chữ (OCR) từ bản quét: chữ, số và dấu có thể sai; "
        "hãy đối chiếu từng trường với bản quét")


def read_scanned(path: Path) -> Document:
    programs = tools.require(["pdftoppm", "tesseract"], "PDF bản quét (chỉ có hình ảnh) phải nhận dạng chữ (OCR), việc này",
                             path.name)
    _require_vietnamese(programs["tesseract"], path.name)
    with tools.scratch() as folder:
        tools.run([programs["pdftoppm"], "-r", str(DPI), "-gray", "-png", os.path.abspath(path),
                   str(Path(folder, "trang"))], path.name, "tách trang PDF bằng pdftoppm")
        images = sorted(Path(folder).glob("trang*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
        prepared = [_prepare(image, path.name) for image in images]
        # psm 4: one column of text of varying sizes, which is what a plan page is; the words
        # come with their boxes, so the page is laid out again as a PDF's text layer is (pdf.py).
        texts = _recognise(programs["tesseract"], [page for page, _ in prepared], "4", folder, path.name)
        # Each cell is read as a picture of its own: read with the page, a table's row is one
        # long line whose wide gaps make Tesseract miss the spaces in it. psm 4 again: on cells
        # it reads Roman numerals and spaces that psm 6 (one uniform block) loses ("Quý III"),
        # but it finds nothing in a cell of one or two characters (the row's number), which
        # psm 6 then reads.
        cells = [cell for _, grids in prepared for grid in grids for cell in grid.cells]
        for psm in ("4", "6"):
            unread = [cell for cell in cells if not cell.text]
            for cell, tsv in zip(unread, _recognise(programs["tesseract"], [c.image for c in unread], psm,
                                                    folder, path.name)):
                cell.text = _cell_text(tsv)
        pages = [_page(tsv, grids) for tsv, (_, grids) in zip(texts, prepared)]
    items = items_from_pages(pages)
    if sum(len(i) for i in items if isinstance(i, str)) < 40 and not any(isinstance(i, Table) for i in items):
        raise ReadError(f"{path.name}: PDF không có lớp chữ và nhận dạng chữ (OCR) không đọc được chữ nào "
                        "(ảnh quá mờ hoặc không phải văn bản).")
    return Document(items, "ocr", [NOTE])


@dataclass
class _Cell:
    row: int
    column: int
    image: Path
    text: str = ""


@dataclass
class _Grid:
    """A ruled table of the page: where it starts (points), its size, and its cells with ink."""
    top: float
    rows: int
    columns: int
    cells: list[_Cell]


def _prepare(image: Path, name: str) -> tuple[Path, list[_Grid]]:
    """The page straightened and cleaned with its tables blanked out, and each cell as a picture."""
    try:
        with Image.open(image) as picture:
            page = scan_image.straighten(picture)
    except (OSError, ValueError) as err:
        raise ReadError(f"{name}: không đọc được ảnh trang do pdftoppm tạo ({type(err).__name__}).") from None
    found = scan_image.find_grids(page)
    grids = []
    for number, grid in enumerate(found):
        cells = []
        for row, column, cell_picture in scan_image.cells(page, grid):
            cell_image = image.with_name(f"{image.stem}-bang{number}-{row}-{column}.png")
            cell_picture.save(cell_image)
            cells.append(_Cell(row, column, cell_image))
        grids.append(_Grid(grid.rows[0] * _POINT, len(grid.rows) - 1, len(grid.columns) - 1, cells))
    cleaned = image.with_name(image.stem + "-sach.png")
    scan_image.blank(page, found).save(cleaned)
    return cleaned, grids


def _recognise(tesseract: str, images: list[Path], psm: str, folder: str, name: str) -> list[str]:
    """Tesseract's TSV for each picture, all read by one run (the model is loaded once)."""
    if not images:
        return []
    listing = Path(folder, f"anh-{len(list(Path(folder).glob('anh-*.txt')))}.txt")
    listing.write_text("".join(f"{image}\n" for image in images), "utf-8")
    # One thread: Tesseract's threads only wait on each other for pictures this size
    # (measured: 7 s of wall time per page against 0.9 s).
    done = tools.run([tesseract, str(listing), "stdout", "-l", "vie", "--psm", psm, "tsv"],
                     name, "nhận dạng chữ bằng Tesseract", env={"OMP_THREAD_LIMIT": "1"})
    by_picture: list[list[str]] = [[] for _ in images]
    for row in done.stdout.decode("utf-8", "replace").split("\n")[1:]:
        columns = row.split("\t")
        if len(columns) >= 12 and columns[1].isdigit() and 1 <= int(columns[1]) <= len(images):
            by_picture[int(columns[1]) - 1].append(row)
    return ["\n".join(["header", *rows]) for rows in by_picture]


_POINT = 72 / DPI
# A token of punctuation only is a speck of the scan, except a list marker ("-", "+").
_NOISE = re.compile(r"^(?![-–+•]$)[^\w]+$")


def _words(tsv: str) -> tuple[float, dict[tuple, float], dict[tuple, list[dict]]]:
    """(page height, each line's height, each line's words) of Tesseract's TSV, in points."""
    lines: dict[tuple, list[dict]] = {}
    heights: dict[tuple, float] = {}
    page_height = 842.0
    for row in tsv.split("\n")[1:]:
        columns = row.split("\t")
        if len(columns) < 12:
            continue
        level, left, top, width, height = (int(c) for c in (columns[0], columns[6], columns[7], columns[8], columns[9]))
        key = tuple(columns[2:5])
        if level == 1:
            page_height = height * _POINT
        elif level == 4:
            heights[key] = height * _POINT
        elif level == 5:
            text = nfc(columns[11].strip())
            # Specks of the scan read as "_", "|", ":" or a dot: not text. A dash as small as a
            # speck, or one Tesseract doubts, is one too: a list marker's dash is half a letter
            # wide or more and read with confidence (above 90 where 20-40 for specks).
            if not text or _NOISE.match(text) or (width < 6 and height < 6) \
                    or (text in "-–+" and ((width < 9 and height < 9) or _confidence(columns[10]) < 60)):
                continue
            text = text.strip("_|~").lstrip("'‘’`")
            if text:
                lines.setdefault(key, []).append({"x0": left * _POINT, "x1": (left + width) * _POINT,
                                                  "top": top * _POINT, "bottom": (top + height) * _POINT,
                                                  "text": text})
    return page_height, heights, lines


def _confidence(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def _cell_text(tsv: str) -> str:
    _, _, lines = _words(tsv)
    ordered = sorted(lines.values(), key=lambda words: min(w["top"] for w in words))
    return cell_text("\n".join(" ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"]))
                                for words in ordered))


def _page(tsv: str, grids: list[_Grid]) -> tuple[float, list, list[Line]]:
    """One page: Tesseract's words grouped into its lines, and its tables from their cells."""
    page_height, heights, lines = _words(tsv)
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
        # The median word, not the tallest: a line's box grows with the accents stacked on its
        # capitals (Ủ, Ễ), which would make the distance between lines vary by a third.
        top, bottom = _median([w["top"] for w in words]), _median([w["bottom"] for w in words])
        result.append(Line(sorted(words, key=lambda w: w["x0"]), top, bottom, size))
    result.sort(key=lambda line: line.top)
    return page_height, [(grid.top, _table(grid)) for grid in grids], result


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _table(grid: _Grid) -> Table:
    """A cell merged with the one on its left, or without ink, is empty, as pdfplumber gives it."""
    rows = [["" for _ in range(grid.columns)] for _ in range(grid.rows)]
    for cell in grid.cells:
        rows[cell.row][cell.column] = cell.text
    return Table(rows)


def _require_vietnamese(tesseract: str, name: str) -> None:
    done = tools.run([tesseract, "--list-langs"], name, "Tesseract")
    languages = (done.stdout + done.stderr).decode("utf-8", "replace").split()
    if "vie" not in languages:
        raise ReadError(f"{name}: Tesseract chưa có bộ nhận dạng tiếng Việt. "
                        f"Cài bằng lệnh: {tools.install_hint(['tesseract'])} — rồi nhập lại.")
