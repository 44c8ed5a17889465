"""Render a corpus master (tests/data/import_corpus/*/<id>/document.txt) into the
formats plans reach the importer in: txt, md, docx, pdf, doc and scan.

The master markup is documented in tests/data/import_corpus/README.md. In short:

    %% wrap: 76              directives, only at the top of the file
    # KẾ HOẠCH               heading (## section, ### sub-section)
    ^ (Kèm theo ...)         centred paragraph
    ::: cols [txt=side|stack|stackpipe|pipe|pipecol] [gap=N] [cellwrap=N]
    ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    :::                      two-column borderless block (header, signature);
                             a blank line inside starts a new table row
    ::: table [txt=tabs|html|flat] [cellwrap=N]
    TT<TAB>Nội dung<TAB>...  tab-separated rows, the first is the header;
    :::                      <br> breaks a line inside a cell
    ::: page                 page break
    **bold**, *italic*       inline emphasis; any other line is one paragraph

Generated files are cached under a folder keyed by a hash of the master, the
format and GENERATOR_VERSION, so repeated runs only pay once. A format whose
tool is missing raises FormatUnavailable, which callers can skip on.

The scan is made without Pillow, the picture library the OCR reader cleans pages
with (scan_image.py), so the noise owes nothing to the code that removes it:
pdftoppm renders grey pages at 200 dpi, a seeded speckle
noise is added to the raw PGM bytes in pure Python, the pages are encoded as PNG
(zlib) and Chromium prints an HTML page of slightly rotated <img> elements. The
result holds images only: no font, no text layer.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import html
import os
import random
import re
import shutil
import struct
import subprocess
import tempfile
import textwrap
import zlib
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = "2"
FORMATS = ("txt", "md", "docx", "pdf", "doc", "scan")
SUFFIX = {"txt": ".txt", "md": ".md", "docx": ".docx", "pdf": ".pdf", "doc": ".doc", "scan": ".pdf"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCAN_DPI = 200


class FormatUnavailable(RuntimeError):
    """A tool this format needs (Chromium, LibreOffice, poppler) is missing here."""


class MasterError(ValueError):
    """The master does not follow the corpus markup."""


# --- the master ---------------------------------------------------------------

@dataclass
class Block:
    kind: str  # para, heading, center, blank, cols, table, page
    text: str = ""
    level: int = 0
    rows: list = field(default_factory=list)  # cols: [[(left, right), ...], ...]; table: [[[line, ...], ...], ...]
    options: dict = field(default_factory=dict)


@dataclass
class Master:
    options: dict
    blocks: list[Block]


_DIRECTIVE = re.compile(r"^%%\s*([\w-]+)\s*:\s*(.*?)\s*$")
_FENCE = re.compile(r"^:::\s*(\w+)?\s*(.*?)\s*$")
_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")


def _fence_options(text: str) -> dict:
    return dict(part.split("=", 1) for part in text.split() if "=" in part)


def parse_master(text: str) -> Master:
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    options: dict = {}
    index = 0
    while index < len(lines) and _DIRECTIVE.match(lines[index]):
        key, value = _DIRECTIVE.match(lines[index]).groups()
        options[key] = value
        index += 1
    blocks: list[Block] = []
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence and fence.group(1) == "page":
            blocks.append(Block("page"))
            index += 1
            continue
        if fence and fence.group(1) in ("cols", "table"):
            kind, opts = fence.group(1), _fence_options(fence.group(2))
            end = index + 1
            while end < len(lines) and lines[end].strip() != ":::":
                end += 1
            if end == len(lines):
                raise MasterError(f"dòng {index + 1}: khối ::: {kind} không có dòng ::: đóng")
            body = lines[index + 1:end]
            blocks.append(_cols(body, opts) if kind == "cols" else _table(body, opts, index + 2))
            index = end + 1
            continue
        if fence:
            raise MasterError(f"dòng {index + 1}: không biết khối “{line}”")
        if line.startswith("\\"):
            blocks.append(Block("para", line[1:]))
        elif not line.strip():
            blocks.append(Block("blank"))
        elif _HEADING.match(line):
            marks, rest = _HEADING.match(line).groups()
            blocks.append(Block("heading", rest, len(marks)))
        elif line.startswith("^ "):
            blocks.append(Block("center", line[2:]))
        else:
            blocks.append(Block("para", line))
        index += 1
    return Master(options, blocks)


def _cols(body: list[str], opts: dict) -> Block:
    rows: list[list[tuple[str, str]]] = [[]]
    for line in body:
        if not line.strip():
            if rows[-1]:
                rows.append([])
            continue
        left, _, right = line.partition("||")
        rows[-1].append((left.strip(), right.strip()))
    return Block("cols", rows=[r for r in rows if r], options=opts)


def _table(body: list[str], opts: dict, first_line: int) -> Block:
    rows = []
    for offset, line in enumerate(body):
        if not line.strip():
            continue
        cells = [[part.strip() for part in re.split(r"<br\s*/?>", cell)] for cell in line.split("\t")]
        rows.append([[p for p in cell if p] for cell in cells])
    widths = {len(r) for r in rows}
    if len(widths) > 1:
        raise MasterError(f"bảng ở dòng {first_line}: các hàng có số ô khác nhau {sorted(widths)}")
    return Block("table", rows=rows, options=opts)


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


def plain(text: str) -> str:
    """The text without inline emphasis marks."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) pieces of a line with inline emphasis."""
    pieces: list[tuple[str, bool, bool]] = []
    for bold_index, part in enumerate(_BOLD.split(text)):
        bold = bold_index % 2 == 1
        for italic_index, sub in enumerate(_ITALIC.split(part)):
            if sub:
                pieces.append((sub, bold, italic_index % 2 == 1))
    return pieces


def master_text(path: Path) -> str:
    return Path(path).read_text("utf-8")


# --- plain text -----------------------------------------------------------------

def _wrap(text: str, width: int | None) -> list[str]:
    if not width or len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]


def to_txt(master: Master) -> str:
    width = int(master.options["wrap"]) if master.options.get("wrap") else None
    out: list[str] = []
    for block in master.blocks:
        if block.kind in ("para", "heading", "center"):
            out.extend(_wrap(plain(block.text), width))
        elif block.kind in ("blank", "page"):
            out.append("")
        elif block.kind == "cols":
            out.extend(_cols_txt(block))
        elif block.kind == "table":
            out.extend(_table_txt(block))
    return "\n".join(out).rstrip("\n") + "\n"


def _cols_txt(block: Block) -> list[str]:
    mode = block.options.get("txt", "side")
    lines: list[str] = []
    width = int(block.options["cellwrap"]) if block.options.get("cellwrap") else None
    if mode == "stackpipe":  # a web copy: each cell's lines, then a line with "|"
        for row in block.rows:
            for column in range(2):
                for pair in row:
                    if pair[column]:
                        lines.extend(_wrap(plain(pair[column]), width))
                lines.append("|")
        return lines
    if mode == "stack":
        for row in block.rows:
            lines += [plain(l) for l, _ in row if l] + [plain(r) for _, r in row if r]
        return lines
    if mode == "pipecol":  # a web copy: each column's lines run together, "|" after each cell
        return [" ".join(plain(pair[c]) for row in block.rows for pair in row if pair[c]) + " |" for c in range(2)]
    pairs = [pair for row in block.rows for pair in row]
    if mode == "pipe":  # a web copy: one line per pair of cell lines, "|" after each cell
        return [" | ".join(plain(x) for x in (l, r) if x) + " |" for l, r in pairs]
    if "gap" in block.options:
        gap = int(block.options["gap"])
        return [(plain(l) + " " * gap + plain(r)).strip() if l and r else plain(l or r) for l, r in pairs]
    column = max(len(plain(l)) for l, _ in pairs) + 6
    return [(plain(l).ljust(column) + plain(r)).rstrip() if r else plain(l) for l, r in pairs]


def _table_txt(block: Block) -> list[str]:
    mode = block.options.get("txt", "tabs")
    if mode == "flat":
        cell_width = int(block.options.get("cellwrap", "0")) or None
        lines: list[str] = []
        for row in block.rows:
            for cell in row:
                for line in cell:
                    lines.extend(_wrap(plain(line), cell_width))
        return lines
    joiner = "<br>" if mode == "html" else " "
    return ["\t".join(joiner.join(plain(l) for l in cell) for cell in row) for row in block.rows]


# --- Markdown (as Word-to-Markdown converters write it) --------------------------

def to_md(master: Master) -> str:
    width = int(master.options["md-wrap"]) if master.options.get("md-wrap") else None
    headings = master.options.get("md-headings", "hash")
    out: list[str] = []

    def paragraph(lines: list[str]) -> None:
        if out and out[-1] != "":
            out.append("")
        out.extend(lines)

    for block in master.blocks:
        if block.kind == "heading":
            if headings == "hash":
                paragraph(["#" * block.level + " " + plain(block.text)])
            elif headings == "bold":
                paragraph([f"**{plain(block.text)}**"])
            else:
                paragraph([block.text])
        elif block.kind in ("para", "center"):
            text = _md_escape(block.text)
            paragraph(_wrap(text, width) if width else [text])
        elif block.kind == "cols":
            rows = ["| " + " | ".join("<br>".join(_cell_md(p) for p in side if p) for side in zip(*row)) + " |"
                    for row in block.rows]
            paragraph([rows[0], "|---|---|", *rows[1:]])
        elif block.kind == "table":
            rows = ["| " + " | ".join("<br>".join(_cell_md(p) for p in cell) for cell in row) + " |"
                    for row in block.rows]
            paragraph([rows[0], "|" + "---|" * len(block.rows[0]), *rows[1:]])
    return "\n".join(out).strip("\n") + "\n"


def _md_escape(text: str) -> str:
    # Converters escape a leading "+" or "*" that is not a list marker, and "#".
    return re.sub(r"^(#)", r"\\\1", text)


def _cell_md(text: str) -> str:
    return text.replace("|", "\\|")


# --- Word ---------------------------------------------------------------------------

def write_docx(master: Master, path: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    styles = master.options.get("docx-headings", "bold") == "styles"

    def add_runs(paragraph, text: str, bold: bool = False) -> None:
        for piece, b, i in runs(text):
            run = paragraph.add_run(piece)
            run.bold = b or bold or None
            run.italic = i or None

    for block in master.blocks:
        if block.kind == "heading":
            if styles:
                paragraph = document.add_paragraph(plain(block.text), style=f"Heading {block.level}")
            else:
                paragraph = document.add_paragraph()
                add_runs(paragraph, block.text, bold=True)
            if block.level == 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "center":
            paragraph = document.add_paragraph()
            add_runs(paragraph, block.text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "para":
            paragraph = document.add_paragraph()
            add_runs(paragraph, block.text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1)
        elif block.kind == "page":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif block.kind == "cols":
            table = document.add_table(rows=len(block.rows), cols=2)  # no style: no borders
            for r, row in enumerate(block.rows):
                for c in range(2):
                    cell = table.cell(r, c)
                    texts = [pair[c] for pair in row if pair[c]]
                    _fill_cell(cell, texts, add_runs, WD_ALIGN_PARAGRAPH.CENTER)
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, lines in enumerate(row):
                    _fill_cell(table.cell(r, c), lines, add_runs, None, bold=(r == 0))
    document.save(str(path))
    return path


def _fill_cell(cell, texts: list[str], add_runs, alignment, bold: bool = False) -> None:
    first = cell.paragraphs[0]
    for index, text in enumerate(texts or [""]):
        paragraph = first if index == 0 else cell.add_paragraph()
        add_runs(paragraph, text, bold=bold)
        if alignment is not None:
            paragraph.alignment = alignment


# --- HTML for the PDF -----------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", "DejaVu Serif Condensed", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.3; }
p { margin: 0 0 5pt; text-align: justify; text-indent: 1cm; }
p.c, h1 { text-align: center; text-indent: 0; }
h1, h2, h3 { font-size: 13pt; margin: 5pt 0; }
h2, h3 { text-indent: 1cm; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
table.cols td { text-align: center; vertical-align: top; padding: 0 2pt; font-size: 12.5pt; }
table.cols td:first-child { width: 42%; }
table.grid td { border: 1px solid #000; vertical-align: top; padding: 2pt 3pt; font-size: 11pt; }
table.grid tr:first-child td { font-weight: bold; text-align: center; }
.pb { break-after: page; }
"""


def _inline_html(text: str) -> str:
    return "".join(
        (f"<b>{html.escape(t)}</b>" if b else html.escape(t)) if not i else
        (f"<i><b>{html.escape(t)}</b></i>" if b else f"<i>{html.escape(t)}</i>") for t, b, i in runs(text))


def to_html(master: Master) -> str:
    out = ['<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>', _CSS, "</style></head><body>"]
    for block in master.blocks:
        if block.kind == "heading":
            out.append(f"<h{block.level}>{_inline_html(block.text)}</h{block.level}>")
        elif block.kind == "center":
            out.append(f'<p class="c">{_inline_html(block.text)}</p>')
        elif block.kind == "para":
            out.append(f"<p>{_inline_html(block.text)}</p>")
        elif block.kind == "page":
            out.append('<div class="pb"></div>')
        elif block.kind == "cols":
            out.append('<table class="cols">')
            for row in block.rows:
                cells = ["<br>".join(_inline_html(p[c]) for p in row if p[c]) for c in range(2)]
                out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            out.append("</table>")
        elif block.kind == "table":
            out.append('<table class="grid">')
            for row in block.rows:
                out.append("<tr>" + "".join("<td>" + "<br>".join(_inline_html(l) for l in cell) + "</td>"
                                             for cell in row) + "</tr>")
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


# --- scan: PGM noise and PNG encoding without Pillow ------------------------------------

def _read_pgm(data: bytes) -> tuple[int, int, bytearray]:
    tokens, position = [], 0
    while len(tokens) < 4:
        while data[position:position + 1].isspace():
            position += 1
        if data[position:position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        tokens.append(data[position:end])
        position = end
    if tokens[0] != b"P5" or tokens[3] != b"255":
        raise FormatUnavailable("pdftoppm không trả về ảnh xám 8 bit (PGM)")
    width, height = int(tokens[1]), int(tokens[2])
    return width, height, bytearray(data[position + 1:position + 1 + width * height])


def _speckle(pixels: bytearray, width: int, height: int, rng: random.Random) -> None:
    for _ in range(width * height // 1500):  # dust: small dark dots
        x, y = rng.randrange(width - 2), rng.randrange(height - 2)
        shade = rng.randrange(40, 150)
        for dx, dy in ((0, 0), (1, 0), (0, 1)) if rng.random() < 0.3 else ((0, 0),):
            pixels[(y + dy) * width + x + dx] = shade
    for _ in range(width * height // 400):  # paper grain: slightly grey pixels
        index = rng.randrange(width * height)
        if pixels[index] > 200:
            pixels[index] = rng.randrange(205, 240)


def _png(width: int, height: int, pixels: bytearray) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(pixels[y * width:(y + 1) * width]) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


# --- the renderer ----------------------------------------------------------------------

def default_cache() -> Path:
    return Path(os.environ.get("CCHC_CORPUS_CACHE") or Path(tempfile.gettempdir()) / "cchc-import-corpus")


class Renderer:
    """Turns masters into files of each format, reusing one headless Chromium."""

    def __init__(self, cache: Path | None = None):
        self.cache = Path(cache) if cache else default_cache()
        self._playwright = None
        self._browser = None

    def __enter__(self) -> "Renderer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
            self._browser = self._playwright = None

    def _page(self):
        if self._browser is None:
            if not Path(CHROMIUM).exists():
                raise FormatUnavailable(f"không có Chromium ở {CHROMIUM}: không tạo được PDF")
            try:
                from playwright.sync_api import sync_playwright
            except ImportError:
                raise FormatUnavailable("thiếu playwright: không tạo được PDF") from None
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        return self._browser.new_page()

    def path_for(self, master_path: Path, fmt: str) -> Path:
        data = Path(master_path).read_bytes()
        key = hashlib.sha256(f"{GENERATOR_VERSION}\0{fmt}\0".encode() + data).hexdigest()[:20]
        name = Path(master_path).parent.name or "document"
        stem = f"{name}-scan" if fmt == "scan" else name
        return self.cache / fmt / key / f"{stem}{SUFFIX[fmt]}"

    def render(self, master_path: Path, fmt: str) -> Path:
        if fmt not in FORMATS:
            raise ValueError(f"định dạng không có: {fmt}")
        target = self.path_for(master_path, fmt)
        if target.exists():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        master = parse_master(master_text(master_path))
        temporary = target.with_name(f".{os.getpid()}.{target.name}")
        if fmt == "txt":
            temporary.write_text(to_txt(master), "utf-8")
        elif fmt == "md":
            temporary.write_text(to_md(master), "utf-8")
        elif fmt == "docx":
            write_docx(master, temporary)
        elif fmt == "pdf":
            self._print(to_html(master), temporary)
        elif fmt == "doc":
            self._word97(self.render(master_path, "docx"), temporary)
        elif fmt == "scan":
            self._scan(self.render(master_path, "pdf"), temporary, int(self.path_for(master_path, "pdf").parent.name, 16))
        os.replace(temporary, target)
        return target

    def _print(self, page_html: str, path: Path, margin: str | None = None) -> None:
        page = self._page()
        try:
            page.set_content(page_html)
            page.pdf(path=str(path), format="A4", prefer_css_page_size=True,
                     margin={"top": margin, "bottom": margin, "left": margin, "right": margin} if margin else None)
        finally:
            page.close()

    def _word97(self, docx_path: Path, path: Path) -> None:
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if not office:
            raise FormatUnavailable("không có LibreOffice (soffice): không tạo được .doc")
        profile = self.cache / "lo-profile"
        profile.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as out, open(self.cache / "lo.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one LibreOffice at a time per profile
            # Through ODF: LibreOffice 7.4 writing Word 97 straight from a python-docx file drops its
            # tables (the cells' text run together in one paragraph); a .doc saved by Word keeps them.
            step = [office, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
            subprocess.run([*step, "--convert-to", "odt", "--outdir", out, str(docx_path)],
                           capture_output=True, text=True, timeout=180)
            result = subprocess.run(
                [*step, "--convert-to", "doc:MS Word 97", "--outdir", out, str(Path(out) / (docx_path.stem + ".odt"))],
                capture_output=True, text=True, timeout=180)
            produced = Path(out) / (docx_path.stem + ".doc")
            if not produced.exists():
                raise FormatUnavailable(f"LibreOffice không chuyển được sang .doc: {result.stderr.strip()[:300]}")
            shutil.move(str(produced), path)

    def _scan(self, pdf_path: Path, path: Path, seed: int) -> None:
        if not shutil.which("pdftoppm"):
            raise FormatUnavailable("không có pdftoppm (poppler-utils): không tạo được bản quét")
        rng = random.Random(seed)
        with tempfile.TemporaryDirectory() as work:
            subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", str(pdf_path), f"{work}/p"],
                           check=True, capture_output=True, timeout=300)
            pages = sorted(Path(work).glob("p*.pgm"))
            images = []
            for number, page in enumerate(pages):
                width, height, pixels = _read_pgm(page.read_bytes())
                _speckle(pixels, width, height, rng)
                image = Path(work) / f"s{number:03d}.png"
                image.write_bytes(_png(width, height, pixels))
                images.append((image, rng.uniform(-0.6, 0.6), rng.uniform(-1.5, 1.5)))
            body = "".join(
                f'<div class="p"><img src="data:image/png;base64,{base64.b64encode(img.read_bytes()).decode()}" '
                f'style="transform: translate({shift:.2f}mm, {shift / 2:.2f}mm) rotate({angle:.3f}deg)"></div>'
                for img, angle, shift in images)
            page_html = ("<!doctype html><html><head><meta charset='utf-8'><style>@page{size:A4;margin:0}"
                         "body{margin:0}.p{width:210mm;height:297mm;overflow:hidden;break-after:page}"
                         "img{width:210mm;height:297mm;display:block}</style></head><body>" + body + "</body></html>")
            self._print(page_html, path, margin="0")


_SHARED: Renderer | None = None


def render(master_path: Path, fmt: str) -> Path:
    """Render with a renderer shared by the process (Chromium started once)."""
    global _SHARED
    if _SHARED is None:
        import atexit
        _SHARED = Renderer()
        atexit.register(_SHARED.close)
    return _SHARED.render(master_path, fmt)


def close_shared() -> None:
    """Stops the shared Chromium. Playwright's sync API runs one event loop per thread: while
    the shared renderer lives, no other test in the process can start Playwright."""
    global _SHARED
    if _SHARED is not None:
        _SHARED.close()
        _SHARED = None
