"""What the preview's engine keeps between saves gives the same pages as making them afresh.

The engine (engine/mkdocs_live.py) turns on source.memo's remembering; these
tests turn it on for one test and compare with what a fresh process makes.
"""

from __future__ import annotations

import pytest

from cchc.base.problems import Level, Mark, Problem, ProblemList
from cchc.model.readiness import Finding, Readiness
from cchc.model.types import Portal
from cchc.pages import readiness as readiness_page, render
from cchc.pages.builder import PageBuilder
from cchc.source import frontmatter, memo

UNITS = {"an-phu": "Xã An Phú (plans/an-phu/)", "binh-an": "Xã Bình An (plans/binh-an/)"}


@pytest.fixture
def remembering(monkeypatch):
    monkeypatch.setattr(memo, "_REMEMBER", True)
    monkeypatch.setattr(memo, "_KEEP_BYTES", True)
    monkeypatch.setattr(memo, "_LAST_RESULT", {})
    monkeypatch.setattr(memo, "_LAST_BYTES", {})


def findings(binh_an_message: str) -> Readiness:
    return Readiness([
        Finding("an-phu", Problem("plans/an-phu/don-vi.yml", Mark(5, 14), "Còn là dữ liệu mẫu.")),
        Finding("binh-an", Problem("plans/binh-an/don-vi.yml", Mark(1, 1), binh_an_message, Level.WARNING)),
    ], dict(UNITS))


def fresh_section(tmp_path, found: Readiness, monkeypatch) -> str:
    with monkeypatch.context() as fresh:
        fresh.setattr(memo, "_REMEMBER", False)
        return readiness_page.section(PageBuilder(Portal(), str(tmp_path), str(tmp_path / "theme/cchc")), found)


def test_a_units_readiness_list_is_rendered_again_only_when_its_problems_change(tmp_path, remembering, monkeypatch):
    builder = PageBuilder(Portal(), str(tmp_path), str(tmp_path / "theme/cchc"))
    rendered: list[str] = []
    real_render = builder.render

    def counting(template, here, **context):
        rendered.append(context.get("heading", template))
        return real_render(template, here, **context)
    monkeypatch.setattr(builder, "render", counting)

    first = readiness_page.section(builder, findings("Chưa có địa chỉ trụ sở: thêm dia_chi."))
    assert first == fresh_section(tmp_path, findings("Chưa có địa chỉ trụ sở: thêm dia_chi."), monkeypatch)
    assert rendered == [UNITS["an-phu"], UNITS["binh-an"], "readiness.html"]

    rendered.clear()
    changed = readiness_page.section(builder, findings("Chưa có đường dây nóng."))
    assert rendered == [UNITS["binh-an"], "readiness.html"]  # An Phú's part is the last save's
    assert changed == fresh_section(tmp_path, findings("Chưa có đường dây nóng."), monkeypatch)
    assert "Chưa có đường dây nóng." in changed and "Chưa có địa chỉ trụ sở" not in changed


def test_an_override_of_the_readiness_list_added_while_the_engine_runs_is_used(tmp_path, remembering):
    overrides = tmp_path / "theme/cchc"
    overrides.mkdir(parents=True)
    before = readiness_page.section(PageBuilder(Portal(), str(tmp_path), str(overrides)), findings("Thiếu địa chỉ."))
    assert "Thiếu địa chỉ." in before
    (overrides / readiness_page.GROUP_TEMPLATE).write_text("<h3 class=\"rieng\">{{ heading }}</h3>\n", encoding="utf-8")
    after = readiness_page.section(PageBuilder(Portal(), str(tmp_path), str(overrides)), findings("Thiếu địa chỉ."))
    assert f'<h3 class="rieng">{UNITS["an-phu"]}</h3>' in after and "Thiếu địa chỉ." not in after


def test_a_template_override_added_later_replaces_the_packaged_one_in_the_same_process(tmp_path):
    overrides = tmp_path / "cchc"
    overrides.mkdir()
    packaged = render.environment(str(overrides)).get_template("units.html")
    (overrides / "units.html").write_text("<p>riêng</p>\n", encoding="utf-8")
    environment = render.environment(str(overrides))
    assert environment.get_template("units.html") is not packaged
    assert environment.get_template("units.html").render() == "<p>riêng</p>"
    assert render.environment(str(overrides)) is environment  # nothing added since: the same one
    (overrides / "units.html").unlink()
    assert render.environment(str(overrides)).get_template("units.html").filename == packaged.filename


def test_an_override_edited_in_the_same_process_is_read_again(tmp_path):
    overrides = tmp_path / "cchc"
    overrides.mkdir()
    (overrides / "units.html").write_text("<p>một</p>\n", encoding="utf-8")
    first = render.environment(str(overrides))
    assert first.get_template("units.html").render() == "<p>một</p>"
    assert first.auto_reload is False  # the folder is looked at once per environment() call, not per page
    (overrides / "units.html").write_text("<p>hai</p>\n", encoding="utf-8")
    assert render.environment(str(overrides)).get_template("units.html").render() == "<p>hai</p>"


def test_a_link_to_nothing_among_the_overrides_does_not_stop_the_templates(tmp_path):
    overrides = tmp_path / "cchc"
    overrides.mkdir()
    (overrides / ".units.html.swp").symlink_to(tmp_path / "gone")  # an editor's leftover
    packaged = render.environment(str(overrides)).get_template("units.html")
    assert packaged.filename.endswith("templates/units.html") and str(overrides) not in packaged.filename


def test_bytes_are_kept_only_where_a_build_asks(tmp_path, monkeypatch):
    """The admin's save check loads copies of the portal in new folders on every save: kept, they
    would fill the memory of the editing server."""
    monkeypatch.setattr(memo, "_KEEP_BYTES", False)  # restored after the test, as remember_bytes() sets it
    monkeypatch.setattr(memo, "_LAST_BYTES", {})
    path = tmp_path / "don-vi.yml"
    path.write_text("ten: An Phú\n", encoding="utf-8")
    assert memo.read_bytes(str(path)) == "ten: An Phú\n".encode() and memo._LAST_BYTES == {}
    memo.remember_bytes()
    kept = memo.read_bytes(str(path))
    assert memo.read_bytes(str(path)) is kept
    path.write_text("ten: Bình An\n", encoding="utf-8")
    assert memo.read_bytes(str(path)) == "ten: Bình An\n".encode()


def test_a_split_is_remembered_for_the_same_text_and_its_problems_are_told_each_time(remembering):
    text = "---\ntieu_de: Bài\n"  # no closing fence
    told: list[ProblemList] = [ProblemList("bai.md"), ProblemList("bai.md")]
    first = frontmatter.split("bai.md", text, told[0])
    again = frontmatter.split("bai.md", text, told[1])
    assert again is first
    assert [p.message for p in told[0]] == [p.message for p in told[1]] != []
    other = frontmatter.split("bai.md", "---\ntieu_de: Bài\n---\nThân bài\n", ProblemList("bai.md"))
    assert other is not first and other.body == "Thân bài\n" and other.body_line == 4
