"""What the search index is fed: a reduced copy of each page's content."""

from __future__ import annotations

import sys

from cchc.search_index import reduce_html

from conftest import REPO, run_cchc

sys.path.insert(0, str(REPO / "scripts"))


def words(html: str) -> list[str]:
    import re
    return re.sub(r"<[^>]+>", " ", html).split()


def test_headings_are_whole_and_running_text_is_capped():
    html = ("<h1 id='t'>Kế hoạch tuyên truyền cải cách hành chính</h1>"
            "<p>" + " ".join(f"a{i}" for i in range(100)) + "</p><p>" + " ".join(f"b{i}" for i in range(10)) + "</p>")
    out = reduce_html(html, page_words=45, block_words=40)
    assert '<h1 id="t">' in out and "Kế hoạch tuyên truyền cải cách hành chính" in out
    body = [w for w in words(out) if w[0] in "ab"]
    assert body == [f"a{i}" for i in range(40)] + [f"b{i}" for i in range(5)]


def test_ignored_parts_are_dropped_and_always_parts_kept_in_full():
    html = ('<p data-pagefind-ignore="all">ngày 25 tháng 6 năm 2026 · khoảng 1 phút đọc</p>'
            '<p>mở đầu</p>'
            '<table><tr data-cchc-index="always"><td><h3 id="nv-NV08">Nhiệm vụ 8</h3></td>'
            '<td>' + " ".join(f"t{i}" for i in range(20)) + '</td></tr></table>'
            '<span hidden data-pagefind-filter="loai:Kế hoạch" class="x"></span>')
    out = reduce_html(html, page_words=1, block_words=30)
    assert "phút đọc" not in out and "mở" in out and "đầu" not in out
    assert '<h3 id="nv-NV08">' in out and "t19" in out  # the task row ignores the page budget
    assert '<span data-pagefind-filter="loai:Kế hoạch"></span>' in out and "class=" not in out


def test_malformed_fragments_do_not_break_the_reducer():
    out = reduce_html('<p>một <b>hai</p> ba <br/> <img src="x" alt="a>b"> <!-- <p>ẩn</p> --> bốn</div>', 10, 10)
    assert words(out) == ["một", "hai", "ba", "bốn"]


def test_bench_generator_makes_valid_data(tmp_path):
    import bench_data

    bench_data.generate(tmp_path / "portal", REPO, units=2, posts_per_unit=3, questions_per_unit=2)
    result = run_cchc("check", cwd=tmp_path / "portal")
    assert result.returncode == 0, result.stdout
    assert len(list((tmp_path / "portal/content/chuyen-muc/bai-viet").glob("*.md"))) == 6
    assert len(list((tmp_path / "portal/plans").glob("*/tien-do-2026.yml"))) == 2
