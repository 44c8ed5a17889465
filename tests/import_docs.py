"""Make .docx and Markdown versions of the seed plans, as staff would have them.

Body lines become Word paragraphs or Markdown lines; tab-separated rows become a
real table. Seed 003's table reached us flattened by a PDF extractor; its Word
and Markdown versions carry the table it was flattened from, rebuilt from the
hand-checked sample's rows, so those formats test real tables with line breaks
inside cells.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx

# Copies of ../shared/seeds, byte for byte (seed 003 keeps its decomposed character).
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
SEED_UNITS = {"000_d6b7f4a86d74f2d7": "phu-khuong", "002_cf738f383a62e88c": "binh-giang",
              "003_447270569d99eac5": "muong-lay"}
FLAT_HEADER = ["TT", "Nội dung nhiệm vụ", "Thời gian thực hiện", "Thời gian hoàn thành", "Cơ quan chủ trì",
               "Cơ quan phối hợp", "Kết quả"]
FLAT_KEYS = ["stt", "noi_dung", "thoi_gian", "hoan_thanh", "chu_tri", "phoi_hop", "san_pham"]


def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text("utf-8")


def _plain(text: str) -> str:
    text = re.sub(r"\*\*|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", text)
    return text


def _cell_lines(cell: str) -> list[str]:
    parts = re.split(r"</p>\s*<p>|<br\s*/?>", cell)
    return [re.sub(r"<[^>]+>", "", p).strip() for p in parts if re.sub(r"<[^>]+>", "", p).strip()]


def split_seed(text: str, tasks: list[dict]) -> tuple[list[str], list[list[list[str]]]]:
    """(body lines, tables as rows of cell-line lists) of a seed."""
    lines = text.split("\n")
    body, tables, current = [], [], None
    for index, line in enumerate(lines):
        if line.count("\t") >= 2:
            cells = line.split("\t")
            if all(re.fullmatch(r"-*", c.strip()) for c in cells):
                continue
            if current is None:
                current = []
                tables.append(current)
            current.append([_cell_lines(c) for c in cells])
            continue
        if current is not None and not line.strip():
            continue
        current = None
        if line.strip().startswith("TT Nội dung nhiệm vụ") and not any("\t" in l for l in lines):
            rows = [[[h] for h in FLAT_HEADER]]
            for task in tasks:
                rows.append([str(task.get(k, "")).split("\n") for k in FLAT_KEYS])
            tables.append(rows)
            body.append("\x00table")
            break
        body.append(line)
    if tables and "\x00table" not in body:
        first = next(i for i, l in enumerate(lines) if l.count("\t") >= 2)
        body.insert(len([l for l in lines[:first]]), "\x00table")
    return body, tables


def write_docx(name: str, tasks: list[dict], path: Path) -> Path:
    body, tables = split_seed(seed_text(name), tasks)
    document = docx.Document()
    for line in body:
        if line == "\x00table":
            for rows in tables:
                table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
                for r, row in enumerate(rows):
                    for c, lines in enumerate(row):
                        cell = table.cell(r, c)
                        cell.text = lines[0] if lines else ""
                        for extra in lines[1:]:
                            cell.add_paragraph(extra)
            continue
        if line.strip():
            document.add_paragraph(_plain(line.strip()))
    document.save(str(path))
    return path


def write_markdown(name: str, tasks: list[dict], path: Path) -> Path:
    body, tables = split_seed(seed_text(name), tasks)
    out = []
    for line in body:
        stripped = line.strip()
        if line == "\x00table":
            for rows in tables:
                out.append("")
                for r, row in enumerate(rows):
                    out.append("| " + " | ".join("<br>".join(cell).replace("|", "\\|") for cell in row) + " |")
                    if r == 0:
                        out.append("|" + "---|" * len(row))
                out.append("")
            continue
        if re.match(r"^(I|II|III|IV|V|VI|VII)\.\s", stripped):
            out.append(f"## {stripped}")
        elif stripped in ("KẾ HOẠCH", "PHỤ LỤC", "DANH MỤC"):
            out.append(f"# {stripped}")
        else:
            out.append(line.rstrip())
    path.write_text("\n".join(out) + "\n", "utf-8")
    return path


def seed_html(name: str, tasks: list[dict]) -> str:
    """The seed as a printable page: what a PDF made from the Word file shows."""
    import html
    body, tables = split_seed(seed_text(name), tasks)
    out = ['<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>'
           'body{font:13pt serif}table{border-collapse:collapse}td{border:1px solid #000;vertical-align:top;'
           'font-size:10pt}</style></head><body>']
    for line in body:
        if line == "\x00table":
            for rows in tables:
                out.append("<table>")
                for row in rows:
                    out.append("<tr>" + "".join(
                        "<td>" + "<br>".join(html.escape(part) for part in cell) + "</td>" for cell in row) + "</tr>")
                out.append("</table>")
        elif line.strip():
            out.append(f"<p>{html.escape(_plain(line.strip()))}</p>")
    return "\n".join(out) + "</body></html>"


def write_pdf(page, name: str, tasks: list[dict], path: Path) -> Path:
    """Print the seed to PDF with headless Chromium (a real PDF with embedded fonts)."""
    page.set_content(seed_html(name, tasks))
    page.pdf(path=str(path), format="A4")
    return path
