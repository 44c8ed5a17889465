"""Every published format stays valid for any text staff could store (property tests).

Hypothesis feeds arbitrary Unicode, control characters included, into the
text fields each writer prints; every output is parsed back with a real
reader (an XML parser, icalendar, the csv module, python-docx) and the text
must come back as written, minus only the control characters no format may carry.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ElementTree
from datetime import date

import docx
import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.base.text import printable
from cchc.compute import pacing
from cchc.compute.periodic_report import build_report, parse_period
from cchc.formats import feeds, ical, opendata
from cchc.formats.word_report import write_docx
from cchc.model.types import Plan, Portal, Post, ReportPeriod, Signature, Target, Task, Unit

TEXT = st.text(max_size=60)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _portal(text: str) -> tuple[Portal, Unit, Plan]:
    unit = Unit(id="an-phu", name="An Phú", kind="xã", province="tỉnh Thử", source_path="plans/an-phu/don-vi.yml")
    target = Target(id="CT01", count=2, unit_of_count=text or "tin", period="thang", source=text, task_id="NV01",
                    agency=text)
    task = Task(id="NV01", content=text or "x", lead=text, number="1", timing=text, output=text,
                deadline=date(2026, 12, 31), targets=[target])
    plan = Plan(unit_id=unit.id, year=2026, number="1", code="KH-UBND", title=text, source_path="p.yml",
                signature=Signature(position="CHỦ TỊCH", name=text), tasks=[task],
                report_periods=[ReportPeriod(period="2026-Q1", name=text, due=date(2026, 3, 15))])
    unit.plans.append(plan)
    return Portal(units=[unit]), unit, plan


def _in_xml(text: str) -> str:
    return re.sub(r"[\ufffe\uffff]", "", printable(text))


@SETTINGS
@given(title=TEXT, summary=TEXT, agency=TEXT)
def test_feeds_are_well_formed_xml_for_any_text(title, summary, agency):
    post = Post(src_uri="chuyen-muc/bai-viet/a.md", title=title, published=date(2026, 2, 1), unit_id="an-phu",
                categories=["Tin hoạt động"], agency=agency, source_path="a.md", summary=summary)
    feed = feeds.Feed(title, summary, "chuyen-muc/index.md", "chuyen-muc/rss.xml", "chuyen-muc/atom.xml", [post])
    rss = ElementTree.fromstring(feeds.rss(feed, "https://xa.example/"))
    assert (rss.find("channel/item/title").text or "") == _in_xml(title)
    assert (rss.find("channel/title").text or "") == _in_xml(title)
    atom = ElementTree.fromstring(feeds.atom(feed, "https://xa.example/"))
    names = {"a": "http://www.w3.org/2005/Atom"}
    assert (atom.find("a:entry/a:author/a:name", names).text or "") == _in_xml(agency)


_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


@SETTINGS
@given(text=TEXT)
def test_the_calendar_parses_back_with_every_line_break_kept(text):
    _portal_, unit, _plan = _portal(text)
    calendar = icalendar.Calendar.from_ical(ical.calendar(unit, date(2026, 1, 1)))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    report = next(e for e in events if str(e["UID"]).startswith("bao-cao"))
    expected = printable(_BREAKS.sub("\n", text)) if text else "Báo cáo 2026-Q1"
    assert str(report["SUMMARY"]) == f"Hạn nộp {expected} (Xã An Phú)"
    assert all(len(line) <= 75 for line in ical.calendar(unit, date(2026, 1, 1)).split(b"\r\n"))


def _neutral(text: str) -> str:
    text = printable(text)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


@SETTINGS
@given(text=TEXT)
def test_open_data_csv_cells_read_back_and_never_start_a_formula(text):
    _p, _unit, plan = _portal(text)
    progress = pacing.plan_progress(plan, date(2026, 6, 30))
    rows = list(csv.reader(io.StringIO(opendata.tasks_csv(plan, progress).decode("utf-8-sig"), newline="")))
    assert len(rows) == 2
    header, row = rows
    assert row[header.index("chu_tri")] == _neutral(text)
    targets = list(csv.reader(io.StringIO(opendata.targets_csv(plan, progress).decode("utf-8-sig"), newline="")))
    assert targets[1][targets[0].index("so_luong")] == "2"  # numbers stay numbers
    for cell in row + targets[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_the_word_report_opens_with_python_docx_for_any_text(tmp_path_factory, text):
    portal, unit, plan = _portal(text)
    report = build_report(portal, unit, plan, parse_period("2026-Q1"), date(2026, 3, 31))
    path = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    write_docx(report, str(path))
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert printable(text) in cells


def test_the_sitemap_and_every_feed_of_the_sample_site_parse_as_xml(sample_site):
    sitemap = ElementTree.parse(sample_site / "sitemap.xml").getroot()
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert len(sitemap.findall("s:url", names)) > 50
    feeds_found = list(sample_site.rglob("*.xml"))
    assert len(feeds_found) > 5
    for path in feeds_found:
        ElementTree.parse(path)
