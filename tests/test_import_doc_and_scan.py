"""Word 97 .doc (through LibreOffice) and scanned PDFs (through Tesseract), real tools both,
and the Vietnamese message that says how to install each when it is missing."""

from __future__ import annotations

import base64
import html
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import import_patterns as docs
from cchc.importer import import_document
from conftest import run_cchc

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
needs_libreoffice = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                                       reason="LibreOffice missing: make test installs it")
needs_ocr = pytest.mark.skipif(not (shutil.which("tesseract") and shutil.which("pdftoppm")),
                               reason="Tesseract/poppler missing: make test installs them")


TASKS = [["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
         ["1", "Niêm yết thủ tục hành chính", "Trung tâm Phục vụ hành chính công xã", "Quý I/2025"],
         ["2", "Đối thoại với Nhân dân", "Văn phòng HĐND và UBND xã", "Tháng 9/2025"]]


def _word_97(tmp_path: Path, text: str) -> Path:
    """A .docx written by python-docx, saved as Word 97-2003 by LibreOffice (as staff's old files are)."""
    document = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("Danh mục nhiệm vụ")
    table = document.add_table(rows=len(TASKS), cols=len(TASKS[0]))
    table.style = "Table Grid"
    for r, row in enumerate(TASKS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    source = tmp_path / "nguon" / "ke-hoach.docx"
    source.parent.mkdir()
    document.save(str(source))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    step = [office, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless"]
    # through ODF, as tests/import_formats.py does: LibreOffice drops python-docx tables on the direct way
    subprocess.run([*step, "--convert-to", "odt", "--outdir", str(tmp_path / "nguon"), str(source)],
                   check=True, capture_output=True, timeout=180)
    subprocess.run([*step, "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path),
                    str(tmp_path / "nguon" / "ke-hoach.odt")], check=True, capture_output=True, timeout=180)
    return tmp_path / "ke-hoach.doc"


@needs_libreoffice
def test_a_word_97_doc_is_converted_and_imported(tmp_path):
    path = _word_97(tmp_path, docs.BY_DECISION)
    assert path.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE2 file, not a renamed .docx
    result = import_document(path)
    plan = result.plan
    assert (plan["so"], plan["ky_hieu"], plan["ngay"]) == ("25", "QĐ-UBND", "10/01/2025")
    assert plan["trich_yeu"] == "Tuyên truyền cải cách hành chính năm 2025"
    assert result.unit["ten"] == "An Bình" and len(plan["noi_dung"]) == 2
    assert [(t["stt"], t["chu_tri"], t["han"]) for t in plan["nhiem_vu"]] == [
        ("1", "Trung tâm Phục vụ hành chính công xã", "31/03/2025"), ("2", "Văn phòng HĐND và UBND xã", "30/09/2025")]
    assert not list(tmp_path.glob("*.docx"))  # the conversion happened in a private folder


def _without(program_names: tuple[str, ...], tmp_path: Path) -> dict:
    """A PATH on which the named programs are missing (everything else the command needs is kept)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            target = bin_dir / name
            if name not in program_names and not target.exists() and not name.startswith("python"):
                try:
                    target.symlink_to(os.path.join(folder, name))
                except OSError:
                    pass
    return {"PATH": str(bin_dir)}


def test_a_doc_without_libreoffice_says_how_to_install_it(tmp_path):
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    done = run_cchc("import", str(path), cwd=tmp_path, env=_without(("soffice", "libreoffice"), tmp_path))
    assert done.returncode == 1
    assert "libreoffice-writer-nogui" in done.stderr and "apt-get install" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout and not (tmp_path / "plans").exists()


def _scan(tmp_path: Path, text: str, table: list[list[str]] | None = None, angle: float = 0.0) -> Path:
    """A plan printed, rendered to pictures and printed again (turned by `angle` degrees, as a
    page lies in a scanner): a PDF with no text layer. `table` is printed ruled after the text."""
    from playwright.sync_api import sync_playwright
    ruled = ""
    if table:
        ruled = ("<table style='border-collapse:collapse'>" + "".join(
            "<tr>" + "".join(f"<td style='border:1px solid #000;padding:4px'>{html.escape(cell)}</td>"
                             for cell in row) + "</tr>" for row in table) + "</table>")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.set_content("<html><body style='font:14pt serif'>"
                         + "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line)
                         + ruled + "</body></html>")
        page.pdf(path=str(tmp_path / "in.pdf"), format="A4")
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(tmp_path / "in.pdf"), str(tmp_path / "p")],
                       check=True)
        pictures = "".join(f'<img style="width:100%;page-break-after:always;transform:rotate({angle}deg)" alt="" '
                           f'src="data:image/png;base64,{base64.b64encode(p.read_bytes()).decode()}">'
                           for p in sorted(tmp_path.glob("p-*.png")))
        page.set_content(f"<html><body style='margin:0'>{pictures}</body></html>")
        page.pdf(path=str(tmp_path / "ban-quet.pdf"), format="A4")
        browser.close()
    return tmp_path / "ban-quet.pdf"


@pytest.mark.browser
@needs_ocr
def test_a_scanned_plan_is_read_by_ocr_and_marked_as_such(tmp_path):
    scanned = _scan(tmp_path, docs.MIXED_CASE_TYPE)
    import pdfplumber
    with pdfplumber.open(str(scanned)) as pdf:
        assert len(pdf.pages) == 2 and not "".join(p.extract_text() or "" for p in pdf.pages).strip()
    site = tmp_path / "site"
    site.mkdir()
    (site / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    done = run_cchc("import", str(scanned), cwd=site)
    written = (site / "plans" / "hoa-binh" / "ke-hoach-2026.yml").read_text("utf-8")
    assert "nhận dạng chữ (OCR)" in written and "nhận dạng chữ (OCR)" in done.stdout
    result = import_document(scanned)
    plan = result.plan
    assert (plan["so"], plan["ky_hieu"], plan["ngay"], plan["nam"]) == ("07", "KH-UBND", "12/01/2026", 2026)
    assert result.unit["ten"] == "Hòa Bình"
    assert len(plan["muc_dich"]) == 1 and len(plan["to_chuc_thuc_hien"]) == 2
    assert plan["chi_tieu"][0]["so_luong"] == 4 and plan["chi_tieu"][0]["ky"] == "thang"


@pytest.mark.browser
@needs_ocr
def test_a_tilted_scan_with_a_ruled_task_table_keeps_its_rows_and_cells(tmp_path):
    tasks = [TASKS[0] + ["Sản phẩm"],
             TASKS[1] + ["Bảng niêm yết"],
             TASKS[2] + ["01 hội nghị"],
             ["3", "Phát thanh về cải cách hành chính trên hệ thống truyền thanh xã",
              "Trung tâm Dịch vụ tổng hợp xã", "Hằng tháng", "02 tin, bài/tháng"]]
    text = docs.MIXED_CASE_TYPE.replace("Nơi nhận:", "V. NHIỆM VỤ CỤ THỂ\nChi tiết tại Phụ lục.\nNơi nhận:")
    scanned = _scan(tmp_path, text + "PHỤ LỤC\nNHIỆM VỤ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2026",
                    table=tasks, angle=0.5)
    plan = import_document(scanned).plan
    read = [(t["stt"], t["noi_dung"], t["chu_tri"]) for t in plan["nhiem_vu"]]
    assert read == [(row[0], row[1], row[2]) for row in tasks[1:]]
    # (Tesseract's Vietnamese model reads the Roman "Quý I" of row 1 as "Quý 1": not asserted)
    assert [t["hoan_thanh"] for t in plan["nhiem_vu"][1:]] == ["Tháng 9/2025", "Hằng tháng"]


@pytest.mark.browser
def test_a_scan_without_tesseract_says_how_to_install_it(tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm missing: make test installs it")
    scanned = _scan(tmp_path, "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026")
    done = run_cchc("import", str(scanned), cwd=tmp_path, env=_without(("tesseract",), tmp_path))
    assert done.returncode == 1
    assert "tesseract-ocr-vie" in done.stderr and "OCR" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "plans").exists()


def test_the_install_script_names_the_packages_the_messages_name():
    from cchc.importer.tools import PACKAGES
    script = (Path(__file__).resolve().parent.parent / "scripts" / "install-import-tools.sh").read_text("utf-8")
    for packages in PACKAGES.values():
        for package in packages.split():
            assert package in script
