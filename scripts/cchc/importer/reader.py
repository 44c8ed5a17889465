"""Read a plan document into lines and tables, whatever its file format.

Every reader returns the same thing (see lines.py): text lines and `Table`s.
Text and Markdown are read here; Word (.docx, .doc) in word.py, PDF in pdf.py,
scanned PDF in ocr.py. Tables that only lay out the page (the two-column
header, the signature block) are read as lines, because that is what they are.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..base.text import fold as fold_text
from .lines import lines_to_items, nfc
from .types import Document, ReadError, Table

SUPPORTED = (".docx", ".doc", ".md", ".markdown", ".txt", ".text", ".pdf")


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


def read_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(f"{path.name}: chưa hỗ trợ loại tệp '{suffix or '(không có đuôi)'}'. "
                        "Nhập được: .docx, .doc, .pdf (kể cả bản quét), .md, .txt.")
    if not path.is_file():
        raise ReadError(f"{path}: không có tệp này.")
    if path.stat().st_size == 0:
        raise ReadError(f"{path.name}: tệp rỗng.")
    # Each format's reader is imported only when needed: they pull in large libraries.
    if suffix == ".docx":
        from .word import read_docx
        document = read_docx(path)
    elif suffix == ".doc":
        from .word import read_doc
        document = read_doc(path)
    elif suffix == ".pdf":
        from .pdf import read_pdf_text
        text_layer = read_pdf_text(path)
        if text_layer is None:
            from .ocr import read_scanned
            document = read_scanned(path)
        else:
            document = text_layer
    else:
        document = read_text(path, "md" if suffix in (".md", ".markdown") else "txt")
    document.items = flatten_layout_tables(document.items)
    if document.text_length == 0:
        raise ReadError(f"{path.name}: tệp không có nội dung chữ.")
    return document


# Words that mark a table as page layout (the Decree 30 header, the signature block),
# not as data: its cells are read as lines, left to right, row by row.
_LAYOUT_WORDS = re.compile(r"cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do|^so\s*:|\bnoi nhan\b|^(tm|kt|tl)\.|"
                           r"ngay\s+\S*\s*thang", re.M)


def flatten_layout_tables(items: list) -> list:
    result: list = []
    for item in items:
        if isinstance(item, Table) and _is_layout_table(item):
            for row in item.rows:
                for cell in row:
                    result.extend(cell.split("\n"))
                    result.append("")
        else:
            result.append(item)
    return result


def _is_layout_table(table: Table) -> bool:
    if not table.rows or max(len(r) for r in table.rows) > 3:
        return False
    text = fold_text("\n".join(c for r in table.rows for c in r), lower=True)
    return bool(_LAYOUT_WORDS.search(text))
