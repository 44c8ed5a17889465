"""Read a plan document into lines and tables, whatever its file format.

Every reader returns the same thing: a list whose items are text lines (blank
lines kept, they matter for unwrapping) or `Table`s. Tables that arrive as real
tables (Word, Markdown pipes, tab-separated text) become `Table`s here; a PDF
table flattened into lines stays lines and is rebuilt later by `tasks`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from .types import Document, HeadingLine, ReadError, Table

SUPPORTED = (".docx", ".md", ".markdown", ".txt", ".text", ".pdf")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_TAG = re.compile(r"<[^>]{0,200}>")
_BLOCK_TAG = re.compile(r"</?(p|div|li|tr|h[1-6])\b[^>]*>|<br\s*/?>", re.I)


def strip_html(text: str) -> str:
    """HTML remnants left by converters: block tags become line breaks."""
    if "<" not in text and "&" not in text:
        return text
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return "\n".join(part.strip() for part in text.split("\n") if part.strip())


_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")


def _is_separator(cells: list[str]) -> bool:
    return all(_SEPARATOR_CELL.match(c.strip()) or not c.strip() for c in cells) and any(cells)


def _cells_from_line(line: str) -> list[str] | None:
    stripped = line.strip()
    if line.count("\t") >= 2:
        return [strip_html(c) for c in line.rstrip("\n").split("\t")]
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [strip_html(c.replace("\\|", "|")) for c in re.split(r"(?<!\\)\|", stripped[1:-1])]
    return None


def lines_to_items(text: str) -> list:
    """Split text into lines, gathering runs of tab or pipe rows into tables."""
    items: list = []
    current: Table | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        cells = _cells_from_line(line)
        if cells is not None:
            if current is None:
                current = Table([], number)
                items.append(current)
            if not _is_separator(cells):
                current.rows.append([c.strip() for c in cells])
            continue
        if current is not None and not line.strip():
            continue  # blank lines between the rows of one table
        current = None
        items.append(line)
    return items


def _decode(data: bytes, name: str) -> str:
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    raise ReadError(f"{name}: không đọc được tệp — tệp không ở mã UTF-8. "
                    "Hãy lưu lại tệp với mã hóa UTF-8 (Unicode) rồi nhập lại.")


def read_text(path: Path, kind: str) -> Document:
    text = nfc(_decode(path.read_bytes(), path.name)).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise ReadError(f"{path.name}: tệp chứa dữ liệu nhị phân, không phải văn bản.")
    return Document(lines_to_items(text), kind)


def read_docx(path: Path) -> Document:
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph
        document = docx.Document(str(path))
    except Exception as err:  # zipfile, python-docx and lxml raise many kinds on a damaged package
        raise ReadError(f"{path.name}: tệp Word bị hỏng, không mở được ({type(err).__name__}). "
                        "Hãy mở tệp bằng Word, lưu lại dạng .docx rồi nhập lại.") from None
    items: list = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = nfc(paragraph.text)
            if _is_heading_style(paragraph) and text.strip() and "\n" not in text:
                items.append(HeadingLine(text))
            else:
                items.extend(text.split("\n"))
            items.append("")
        elif tag == "tbl":
            rows = []
            for row in DocxTable(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell is returned once per grid column
                    seen.add(id(cell._tc))
                    cells.append(nfc("\n".join(p.text for p in cell.paragraphs)).strip())
                rows.append(cells)
            items.append(Table(rows, len(items) + 1))
    return Document(items, "docx")


def _is_heading_style(paragraph) -> bool:
    # Word stores built-in style names in English whatever the language of its menus.
    try:
        name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):  # a style the file names but does not define
        return False
    return name.startswith("heading ")


def read_pdf(path: Path) -> Document:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - declared dependency
        raise ReadError("Thiếu thư viện pypdf để đọc PDF (pip install pypdf).") from None
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ReadError(f"{path.name}: PDF có mật khẩu; hãy gỡ mật khẩu rồi nhập lại.")
        # Layout mode keeps Vietnamese letters whole and table columns aligned.
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, OSError, TypeError) as err:
        raise ReadError(f"{path.name}: tệp PDF bị hỏng hoặc không đọc được ({type(err).__name__}).") from None
    text = nfc("\n".join(pages))
    # Layout extraction sometimes repeats one accented capital on a line of its own.
    text = "\n".join(line for line in text.split("\n") if len(line.strip()) != 1 or line.strip().isascii())
    if len(re.sub(r"\s", "", text)) < 40:
        raise ReadError(f"{path.name}: PDF không có lớp chữ (có thể là bản quét, chỉ có hình ảnh). "
                        "Hãy dùng tệp Word gốc, hoặc nhận dạng chữ (OCR) trước khi nhập.")
    from .layout import tables_from_layout
    return Document(tables_from_layout(lines_to_items(text)), "pdf")


def read_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(f"{path.name}: chưa hỗ trợ loại tệp '{suffix or '(không có đuôi)'}'. "
                        "Nhập được: .docx, .pdf, .md, .txt.")
    if not path.is_file():
        raise ReadError(f"{path}: không có tệp này.")
    if path.stat().st_size == 0:
        raise ReadError(f"{path.name}: tệp rỗng.")
    if suffix == ".docx":
        document = read_docx(path)
    elif suffix == ".pdf":
        document = read_pdf(path)
    else:
        document = read_text(path, "md" if suffix in (".md", ".markdown") else "txt")
    if document.text_length == 0:
        raise ReadError(f"{path.name}: tệp không có nội dung chữ.")
    return document
