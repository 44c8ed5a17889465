"""Write a periodic report as a Word file laid out like an administrative document.

A4, Times New Roman 13 pt, the national header, number and date left blank for
the office to fill, and the signature block from the unit profile (or the plan).
"""

from __future__ import annotations

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..compute import pacing
from ..base.dates import viet_short
from ..base.text import printable
from ..compute.periodic_report import Report

FONT = "Times New Roman"
BLANK = "\u00a0" * 6


def _run(paragraph, text: str, bold=False, italic=False, size=13, color=None):
    run = paragraph.add_run(printable(text))  # python-docx refuses control characters
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    return run


def _para(container, text="", bold=False, italic=False, align=None, size=13, space_after=4):
    paragraph = container.add_paragraph()
    if align:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if text:
        _run(paragraph, text, bold, italic, size)
    return paragraph


def _cell_line(cell, text: str, **style):
    """Write into the cell's own first paragraph before adding more, so no blank line leads."""
    first = cell.paragraphs[0]
    paragraph = first if not first.text and not first.runs else cell.add_paragraph()
    paragraph.alignment = style.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(style.pop("space_after", 0))
    if text:
        _run(paragraph, text, **style)
    return paragraph


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _header(document, report: Report) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _cell_line(left, report.plan.issuer.upper(), bold=True, size=12, space_after=2)
    _cell_line(left, f"Số: {BLANK}/BC-UBND")
    _cell_line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    _cell_line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, space_after=6)
    place = report.plan.place or report.unit.name
    # Number and date stay blank: the office fills them in when the report is signed.
    _cell_line(right, f"{place}, ngày{BLANK}tháng{BLANK}năm {report.as_of.year}", italic=True)


def _table(document, headings: list[str], rows: list[list[str]], widths_cm: list[float]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, headings):
        _run(cell.paragraphs[0], text, bold=True, size=12)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            _run(cell.paragraphs[0], text, size=12)
    # Word reads the cells' widths, LibreOffice the column grid: set both.
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _short(text: str, limit: int = 220) -> str:
    first = text.split("\n")[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def write_docx(report: Report, path: str, site_url: str = "") -> None:
    document = Document()
    _setup(document)
    _header(document, report)
    if report.plan.progress.sample:
        _run(_para(document, align=WD_ALIGN_PARAGRAPH.CENTER), "DỮ LIỆU MẪU – KHÔNG DÙNG ĐỂ NỘP", bold=True,
             color="B3261E")
    _para(document, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, space_after=0)
    _para(document, f"Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính {report.period.label}",
          bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    plan = report.plan
    issued = f" ngày {viet_short(plan.issued)}" if plan.issued else ""
    _para(document, f"Thực hiện Kế hoạch số {plan.number_text}{issued} của {plan.issuer} về {plan.title}, "
                    f"{plan.issuer} báo cáo kết quả thực hiện {report.period.label} như sau:")
    note = "tạm tính, kỳ báo cáo chưa kết thúc" if report.provisional else "hết kỳ báo cáo"
    _para(document, f"(Số liệu tính đến ngày {viet_short(report.as_of)}, {note}.)", italic=True)

    _para(document, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _para(document, "1. Số lượng sản phẩm tuyên truyền theo hình thức", bold=True)
    _table(document, ["Hình thức", "Trong kỳ", "Lũy kế từ đầu năm", "Kế hoạch năm"],
           [[f.label, str(f.in_period), str(f.cumulative), str(f.planned)] for f in report.forms]
           or [["Chưa có chỉ tiêu có số lượng", "", "", ""]], [7.5, 2.5, 3.5, 3.0])
    if report.other_posts:
        _para(document, f"Ngoài ra, {report.other_posts} bài viết khác được đăng trên chuyên mục Cải cách hành chính.")
    _para(document, "2. So sánh với chỉ tiêu của kế hoạch", bold=True)
    _table(document, ["Chỉ tiêu", "Kế hoạch", "Theo tiến độ", "Đã thực hiện", "Đánh giá"],
           [[tp.target.summary, str(tp.total), str(tp.expected), str(tp.actual), pacing.LABELS[tp.status]]
            for tp in report.progress.targets] or [["Kế hoạch không có chỉ tiêu có số lượng", "", "", "", ""]],
           [5.0, 2.4, 2.8, 2.8, 3.5])
    _para(document, "3. Tiến độ các nhiệm vụ", bold=True)
    _table(document, ["TT", "Nhiệm vụ", "Chủ trì", "Hạn", "Tình trạng"],
           [[tp.task.number or tp.task.id, _short(tp.task.content), tp.task.lead,
             viet_short(tp.task.deadline) or tp.task.timing, pacing.LABELS[tp.status]] for tp in report.progress.tasks]
           or [["", "Kế hoạch không kèm bảng nhiệm vụ", "", "", ""]], [1.0, 6.9, 3.3, 2.8, 2.5])

    _para(document, "II. NHỮNG VIỆC CHẬM TIẾN ĐỘ VÀ NGUYÊN NHÂN", bold=True)
    for item in report.behind:
        _para(document, f"- {item.what} ({item.status}). Nguyên nhân: {item.reason or 'chưa có ghi chú.'}")
    if not report.behind:
        _para(document, "Không có nhiệm vụ, chỉ tiêu chậm tiến độ.")

    _para(document, "III. TÀI LIỆU KIỂM CHỨNG", bold=True)
    for line in report.evidence:
        href = line.href
        if not href.startswith("http") and site_url:
            href = site_url.rstrip("/") + "/" + (href[:-3] + "/" if line.is_page else href)
        _para(document, f"- {viet_short(line.day)} ({line.what}): {line.label} – {href}")
    if not report.evidence:
        _para(document, "Chưa có tài liệu kiểm chứng trong kỳ.")

    signer = report.unit.signer or plan.signature
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _cell_line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_line(left, "- Như kế hoạch;", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_line(left, "- Lưu: VT.", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in (signer.on_behalf, signer.signing_for, signer.position):
        if text:
            _cell_line(right, text, bold=True)
    _cell_line(right, "", space_after=48)
    _cell_line(right, signer.name, bold=True)
    document.save(path)
