"""Write a periodic report as a Word file laid out like an administrative document.

A4, Times New Roman 13 pt, the national header, number and date left blank for
the office to fill, and the signature block from the unit profile (or the plan).

The site carries one file per report (hundreds at 100 units), so the writer is
built for cost: python-docx makes the package once per process (styles, page
size, margins, fonts), and each report adds only its own document body, written
as WordprocessingML text, to a copy of that package. Entries get a fixed date,
so the same report gives the same bytes: the site build and `cchc report`
write identical files, and two builds at one date are byte-identical.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from xml.sax.saxutils import escape

from ..base.dates import viet_short
from ..base.text import printable
from ..compute import pacing
from ..compute.periodic_report import Report

FONT = "Times New Roman"
BLANK = "\u00a0" * 6
RED = "B3261E"
_BODY = "word/document.xml"
_CORE = "docProps/core.xml"
_ENTRY_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can store: no build time leaks into the file
_TWIPS_PER_CM = 1440 / 2.54
_PAGE = {"width": 21.0, "height": 29.7, "top": 2.0, "bottom": 2.0, "left": 3.0, "right": 1.5}  # cm
_CENTER, _LEFT, _BOTH = "center", "left", "both"


@lru_cache(maxsize=1)
def _package() -> tuple[bytes, str, str, str]:
    """The empty document once per process: (zip without body and core properties, the body's
    opening tag with its namespaces, its section properties, the id of the 'Table Grid' style)."""
    from docx import Document  # loaded only when a report is written
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(_PAGE["width"]), Cm(_PAGE["height"])
    section.top_margin, section.bottom_margin = Cm(_PAGE["top"]), Cm(_PAGE["bottom"])
    section.left_margin, section.right_margin = Cm(_PAGE["left"]), Cm(_PAGE["right"])
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    grid_style = document.styles["Table Grid"].style_id
    saved = io.BytesIO()
    document.save(saved)
    packed = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == _BODY:
                xml = source.read(info).decode("utf-8")
            elif info.filename != _CORE:
                target.writestr(zipfile.ZipInfo(info.filename, _ENTRY_DATE), source.read(info),
                                compress_type=zipfile.ZIP_DEFLATED)
    opening = xml[: xml.index("<w:body>")]
    found = re.search(r"<w:sectPr.*</w:sectPr>", xml, re.S)
    assert found is not None, "python-docx's empty document has its section properties"
    section_xml = found[0]
    return packed.getvalue(), opening, section_xml, grid_style


def _text(value: str) -> str:
    value = escape(printable(value))  # control characters are not allowed in XML 1.0
    return value.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">').replace(
        "\n", '</w:t><w:br/><w:t xml:space="preserve">')


def _run(text: str, bold=False, italic=False, size=13, color="") -> str:
    props = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    props += ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    props += f'<w:color w:val="{color}"/>' if color else ""
    props += f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


def _para(text: str = "", bold=False, italic=False, align="", size=13, space_after=4, color="") -> str:
    props = f'<w:spacing w:after="{space_after * 20}"/>' + (f'<w:jc w:val="{align}"/>' if align else "")
    return f"<w:p><w:pPr>{props}</w:pPr>{_run(text, bold, italic, size, color) if text else ''}</w:p>"


def _twips(cm: float) -> int:
    return round(cm * _TWIPS_PER_CM)


def _table(rows: list[list[str]], widths_cm: list[float], style: str = "", heading: bool = False,
           cell_lines=None) -> str:
    """A table; `cell_lines(row, column)` may give a cell its own paragraphs (the header's two columns)."""
    props = (f'<w:tblStyle w:val="{style}"/>' if style else "") + '<w:tblW w:w="0" w:type="auto"/>'
    props += '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
    grid = "".join(f'<w:gridCol w:w="{_twips(w)}"/>' for w in widths_cm)
    out = [f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"]
    for r, row in enumerate(rows):
        out.append("<w:tr>")
        for c, (value, width) in enumerate(zip(row, widths_cm)):
            body = cell_lines(r, c) if cell_lines else _para(value, bold=heading and r == 0, size=12, space_after=0) \
                if value else "<w:p/>"
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{_twips(width)}" w:type="dxa"/></w:tcPr>{body}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _grid(headings: list[str], rows: list[list[str]], widths_cm: list[float], empty: list[str]) -> str:
    return _table([headings] + (rows or [empty]), widths_cm, _package()[3], heading=True)


def _short(text: str, limit: int = 220) -> str:
    first = text.split("\n")[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def _two_columns(left: list[str], right: list[str], widths_cm=(8.25, 8.25)) -> str:
    """A borderless two-column table, as the header and the signature block are laid out."""
    return _table([["", ""]], list(widths_cm), cell_lines=lambda r, c: "".join(left if c == 0 else right))


def _core(report: Report) -> str:
    stamp = f"{report.as_of.isoformat()}T00:00:00Z"
    title = escape(f"Báo cáo kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính {report.period.label}")
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{title}</dc:title><dc:creator>{escape(report.plan.issuer)}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


def _body(report: Report, site_url: str) -> list[str]:
    plan = report.plan
    place = plan.place or report.unit.name
    # Number and date stay blank: the office fills them in when the report is signed.
    parts = [_two_columns(
        [_para(plan.issuer.upper(), bold=True, align=_CENTER, size=12, space_after=2),
         _para(f"Số: {BLANK}/BC-UBND", align=_CENTER, space_after=0)],
        [_para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=_CENTER, size=12, space_after=0),
         _para("Độc lập - Tự do - Hạnh phúc", bold=True, align=_CENTER, space_after=6),
         _para(f"{place}, ngày{BLANK}tháng{BLANK}năm {report.as_of.year}", italic=True, align=_CENTER, space_after=0)])]
    if plan.progress.sample:
        parts.append(_para("DỮ LIỆU MẪU – KHÔNG DÙNG ĐỂ NỘP", bold=True, align=_CENTER, color=RED))
    parts.append(_para("BÁO CÁO", bold=True, align=_CENTER, size=14, space_after=0))
    parts.append(_para(f"Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính {report.period.label}",
                       bold=True, align=_CENTER, size=14))
    issued = f" ngày {viet_short(plan.issued)}" if plan.issued else ""
    parts.append(_para(f"Thực hiện Kế hoạch số {plan.number_text}{issued} của {plan.issuer} về {plan.title}, "
                       f"{plan.issuer} báo cáo kết quả thực hiện {report.period.label} như sau:", align=_BOTH))
    note = "tạm tính, kỳ báo cáo chưa kết thúc" if report.provisional else "hết kỳ báo cáo"
    parts.append(_para(f"(Số liệu tính đến ngày {viet_short(report.as_of)}, {note}.)", italic=True))

    parts.append(_para("I. KẾT QUẢ THỰC HIỆN", bold=True))
    parts.append(_para("1. Số lượng sản phẩm tuyên truyền theo hình thức", bold=True))
    parts.append(_grid(["Hình thức", "Trong kỳ", "Lũy kế từ đầu năm", "Kế hoạch năm"],
                       [[f.label, str(f.in_period), str(f.cumulative), str(f.planned)] for f in report.forms],
                       [7.5, 2.5, 3.5, 3.0], ["Chưa có chỉ tiêu có số lượng", "", "", ""]))
    if report.other_posts:
        parts.append(_para(f"Ngoài ra, {report.other_posts} bài viết khác được đăng trên chuyên mục Cải cách hành chính."))
    parts.append(_para("2. So sánh với chỉ tiêu của kế hoạch", bold=True))
    parts.append(_grid(["Chỉ tiêu", "Kế hoạch", "Theo tiến độ", "Đã thực hiện", "Đánh giá"],
                       [[tp.target.summary, str(tp.total), str(tp.expected), str(tp.actual),
                         pacing.status_text(tp.status, tp.last_update)] for tp in report.progress.targets],
                       [5.0, 2.4, 2.8, 2.8, 3.5], ["Kế hoạch không có chỉ tiêu có số lượng", "", "", "", ""]))
    parts.append(_para("3. Tiến độ các nhiệm vụ", bold=True))
    agencies = plan.agencies
    parts.append(_grid(["TT", "Nhiệm vụ", "Chủ trì", "Hạn", "Tình trạng"],
                       [[tp.task.number or tp.task.id, _short(tp.task.content), agencies.resolve(tp.task.lead).shown_name,
                         viet_short(tp.task.deadline) or tp.task.timing, pacing.status_text(tp.status, tp.last_update)]
                        for tp in report.progress.tasks],
                       [1.0, 6.9, 3.3, 2.8, 2.5], ["", "Kế hoạch không kèm bảng nhiệm vụ", "", "", ""]))
    parts.append(_para("4. Kết quả theo cơ quan chủ trì", bold=True))
    parts.append(_grid(["Cơ quan", "Nhiệm vụ hoàn thành", "Chỉ tiêu đạt tiến độ", "Chậm, quá hạn", "Chưa cập nhật"],
                       [[row.agency.name, f"{row.done}/{len(row.tasks)}" if row.tasks else "—",
                         f"{sum(1 for t in row.targets if t.status in (pacing.DONE, pacing.ON_TRACK))}/{len(row.targets)}"
                         if row.targets else "—", str(row.late), str(row.not_updated)] for row in report.agencies],
                       [6.0, 2.8, 2.8, 2.4, 2.5], ["Chưa có nhiệm vụ, chỉ tiêu", "", "", "", ""]))

    parts.append(_para("II. NHỮNG VIỆC CHẬM TIẾN ĐỘ, CHƯA CẬP NHẬT VÀ NGUYÊN NHÂN", bold=True))
    parts += [_para(f"- {item.what} ({item.status}). Nguyên nhân: {item.reason or 'chưa có ghi chú.'}", align=_BOTH)
              for item in report.behind] or [_para("Không có nhiệm vụ, chỉ tiêu chậm tiến độ hay chưa cập nhật.")]

    parts.append(_para("III. TÀI LIỆU KIỂM CHỨNG", bold=True))
    for line in report.evidence:
        href = line.href
        if not href.startswith("http") and site_url:
            href = site_url.rstrip("/") + "/" + (href[:-3] + "/" if line.is_page else href)
        parts.append(_para(f"- {viet_short(line.day)} ({line.what}): {line.label} – {href}"))
    if not report.evidence:
        parts.append(_para("Chưa có tài liệu kiểm chứng trong kỳ."))

    signer = report.unit.signer or plan.signature
    left = [_para("Nơi nhận:", bold=True, italic=True, size=12, align=_LEFT, space_after=0),
            _para("- Như kế hoạch;", size=11, align=_LEFT, space_after=0),
            _para("- Lưu: VT.", size=11, align=_LEFT, space_after=0)]
    right = [_para(text, bold=True, align=_CENTER, space_after=0)
             for text in (signer.on_behalf, signer.signing_for, signer.position) if text]
    right += [_para(space_after=48), _para(signer.name, bold=True, align=_CENTER, space_after=0)]
    parts.append(_two_columns(left, right))
    return parts


def docx_bytes(report: Report, site_url: str = "") -> bytes:
    """The report as a .docx file's bytes: the same bytes for the same report."""
    template, opening, section, _style = _package()
    document = f"{opening}<w:body>{''.join(_body(report, site_url))}{section}</w:body></w:document>"
    out = io.BytesIO(template)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo(_BODY, _ENTRY_DATE), document.encode("utf-8"), zipfile.ZIP_DEFLATED)
        package.writestr(zipfile.ZipInfo(_CORE, _ENTRY_DATE), _core(report).encode("utf-8"), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_docx(report: Report, path, site_url: str = "") -> None:
    """Write the report to a path or a binary file object."""
    data = docx_bytes(report, site_url)
    if hasattr(path, "write"):
        path.write(data)
        return
    with open(path, "wb") as out:
        out.write(data)

