"""Read a PDF's text layer with pdfplumber: words with their positions, ruled tables.

Why pdfplumber and not pypdf's layout text (measured by scripts/measure_pdf_readers.py,
results in bench/pdf-readers.md): layout text is a grid of characters, so narrow
table columns run into each other and a cell's wrapped lines can only be guessed
back; pdfplumber finds a table from its ruling lines and gives each cell's text,
and its word positions tell where a paragraph ends (a larger gap, a short line,
an indent) instead of guessing it from line lengths.

The words are laid out by page_layout.py; what comes out is what the other
readers give: one line per paragraph, blank lines between them, and `Table`s in
their place, a table cut by a page break joined again.
"""

from __future__ import annotations

import re

from .layout import tables_from_layout
from .page_layout import Line, cell_text, items_from_pages, words_to_lines
from .types import Document, ReadError, Table

# A text layer this small is no text layer: a scan with, at most, a page number.
MIN_TEXT = 40


def read_pdf_text(path) -> Document | None:
    """The document, or None when the PDF has no text layer (a scan)."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psexceptions import PSException
    except ImportError:  # pragma: no cover - declared dependency
        raise ReadError("Thiếu thư viện pdfplumber để đọc PDF (cài lại: make site).") from None
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [_read_page(page) for page in pdf.pages]
        items = items_from_pages(pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReadError(f"{path.name}: PDF có mật khẩu; hãy gỡ mật khẩu rồi nhập lại.") from None
    except ReadError:
        raise
    except (PDFSyntaxError, PSException, ValueError, KeyError, OSError, TypeError, AttributeError) as err:
        raise ReadError(f"{path.name}: tệp PDF bị hỏng hoặc không đọc được ({type(err).__name__}).") from None
    text_size = sum(len(re.sub(r"\s", "", i)) for i in items if isinstance(i, str))
    if text_size < MIN_TEXT and not any(isinstance(i, Table) for i in items):
        return None
    return Document(tables_from_layout(items), "pdf")


def _find_tables(page) -> list:
    """Ruled tables; a table cut by the page edge has no rule there, so one is added."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 5]
    settings = {}
    if verticals:
        # kept a little inside the page: pdfplumber drops a line lying on the page's edge
        settings["explicit_horizontal_lines"] = [max(min(e["top"] for e in verticals), 0.5),
                                                 min(max(e["bottom"] for e in verticals), page.height - 0.5)]
    # One row of three cells or more is kept: it is the end of a row cut by the page break.
    return [t for t in page.find_tables(settings)
            if len(t.rows[0].cells) >= 3 or (len(t.rows) >= 2 and len(t.rows[0].cells) >= 2)]


def _read_page(page) -> tuple[float, list, list[Line]]:
    tables = _find_tables(page)
    boxes = [t.bbox for t in tables]
    words = [w for w in page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
             if not any(_inside(w, box) for box in boxes)]
    return page.height, [(t.bbox[1], _table(t)) for t in tables], words_to_lines(words)


def _inside(word: dict, box: tuple) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _table(found) -> Table:
    """The cells' text; a row cut by a page break is continued by the next page's table."""
    rows = []
    for row in found.extract():
        rows.append([cell_text(cell or "") for cell in row])
    return Table(rows)
