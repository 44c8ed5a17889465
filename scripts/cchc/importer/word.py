"""Read Word files: .docx directly (python-docx), Word 97 .doc through LibreOffice."""

from __future__ import annotations

import os
from pathlib import Path

from . import tools
from .lines import nfc
from .types import Document, HeadingLine, ReadError, Table


def read_docx(path: Path, shown_name: str | None = None, kind: str = "docx") -> Document:
    name = shown_name or path.name
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph
        document = docx.Document(str(path))
    except Exception as err:  # zipfile, python-docx and lxml raise many kinds on a damaged package
        raise ReadError(f"{name}: tệp Word bị hỏng, không mở được ({type(err).__name__}). "
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
    return Document(items, kind)


def _is_heading_style(paragraph) -> bool:
    # Word stores built-in style names in English whatever the language of its menus.
    try:
        name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):  # a style the file names but does not define
        return False
    return name.startswith("heading ")


def read_doc(path: Path) -> Document:
    """Word 97-2003: LibreOffice headless converts it to .docx in a private folder."""
    programs = tools.require(["soffice"], "tệp Word 97-2003 (.doc)", path.name)
    with tools.scratch() as folder:
        # Its own profile folder: a LibreOffice already open on the desktop would otherwise take the job.
        profile = Path(folder, "profile").as_uri()
        tools.run([programs["soffice"], f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", folder, os.path.abspath(path)],
                  path.name, "chuyển tệp .doc bằng LibreOffice", cwd=folder)
        converted = tools.only_file(folder, ".docx")
        if converted is None:
            raise ReadError(f"{path.name}: LibreOffice không chuyển được tệp .doc này (tệp hỏng hoặc không phải Word).")
        return read_docx(converted, path.name, "doc")
