"""The post-build link check (publish/linkcheck.py) on a small site written here: the whole problem list."""

from __future__ import annotations

from cchc.publish import linkcheck

PAGES = {
    "index.html": (
        '<html><body id="dau">'
        '<a href="https://xa.example/">ngoài</a> <a href="mailto:a@xa.example">thư</a> <a href="tel:02153">gọi</a>'
        '<link rel="stylesheet" href="//cdn.example/x.css">'
        '<img src="https://xa.example/anh.png">'  # leaves the site, but still needs its alt text
        '<a href="#">đầu trang</a> <a href="#dau">về đầu</a> <a href="#khong-co">mục thiếu</a>'
        '<a href="don-vi/an-phu">thư mục, không có dấu /</a> <a href="don-vi/an-phu/#nv-NV01">nhiệm vụ</a>'
        '<a href="don-vi/an-phu/#nv-NV02">nhiệm vụ thiếu</a> <a href="khong-co/">trang thiếu</a>'
        '<a href="/cong/don-vi/an-phu/?a=1&amp;b=2#cu">theo địa chỉ gốc, name=</a>'
        '<a href="t%C3%A0i-li%E1%BB%87u.pdf">tệp</a> <img src="anh.png" alt="Ảnh"> <img src="anh.png" alt=" ">'
        '<script src="assets/app.js"></script></body></html>'),
    "don-vi/an-phu/index.html": '<h2\nid="nv-NV01">Nhiệm vụ</h2><a name="cu"></a><p xid="nv-NV02">không phải neo</p>'
                                '<a href="../../index.html#dau">về trang chủ</a>',
}
FILES = {"tài-liệu.pdf": b"%PDF", "anh.png": b"\x89PNG", "assets/app.js": b""}


def write_site(tmp_path):
    for path, text in PAGES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    for path, data in FILES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    return {str(tmp_path / path): linkcheck.scan(text) for path, text in PAGES.items()}


def test_every_broken_link_anchor_and_missing_alt_is_reported_and_nothing_else(tmp_path):
    scanned = write_site(tmp_path)
    assert linkcheck.check_scanned(str(tmp_path), scanned, base_path="/cong") == [
        "index.html: ảnh 'https://xa.example/anh.png' thiếu mô tả (alt).",
        "index.html: liên kết tới '#khong-co' trỏ tới mục '#khong-co' không có trên trang đó.",
        "index.html: liên kết tới 'don-vi/an-phu/#nv-NV02' trỏ tới mục '#nv-NV02' không có trên trang đó.",
        "index.html: liên kết tới 'khong-co/' không có trang hoặc tệp nào.",
        "index.html: ảnh 'anh.png' thiếu mô tả (alt).",
    ]


def test_a_scan_keeps_ids_after_white_space_and_only_the_links_the_check_resolves():
    ids, links = linkcheck.scan(PAGES["don-vi/an-phu/index.html"])
    assert ids == {"nv-NV01", "cu"}  # not xid=
    assert links == [("../../index.html#dau", None)]
    ids, links = linkcheck.scan(PAGES["index.html"])
    assert ids == {"dau"}
    assert [url for url, _ in links] == [
        "https://xa.example/anh.png", "#dau", "#khong-co", "don-vi/an-phu", "don-vi/an-phu/#nv-NV01",
        "don-vi/an-phu/#nv-NV02", "khong-co/", "/cong/don-vi/an-phu/?a=1&b=2#cu", "t%C3%A0i-li%E1%BB%87u.pdf",
        "anh.png", "anh.png", "assets/app.js"]
    assert [no_alt for _, no_alt in links if no_alt is not None] == ["https://xa.example/anh.png", "anh.png"]


def test_only_the_pages_asked_for_are_checked(tmp_path):
    scanned = write_site(tmp_path)
    assert linkcheck.check_scanned(str(tmp_path), scanned, base_path="/cong/",
                                   only={str(tmp_path / "don-vi/an-phu/index.html")}) == []


def test_the_same_link_on_pages_of_other_folders_is_resolved_from_each(tmp_path):
    pages = {"a/index.html": '<a href="x/">x</a><a href="/cong/a/x/">gốc</a><a href="/cong/thieu/">gốc thiếu</a>',
             "b/c/index.html": '<a href="x/">x</a><a href="/cong/a/x/">gốc</a><a href="/cong/thieu/">gốc thiếu</a>',
             "a/x/index.html": "<p>x</p>"}
    for path, text in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    scanned = {str(tmp_path / path): linkcheck.scan(text) for path, text in pages.items()}
    assert linkcheck.check_scanned(str(tmp_path), scanned, base_path="/cong") == [
        "a/index.html: liên kết tới '/cong/thieu/' không có trang hoặc tệp nào.",
        "b/c/index.html: liên kết tới 'x/' không có trang hoặc tệp nào.",
        "b/c/index.html: liên kết tới '/cong/thieu/' không có trang hoặc tệp nào.",
    ]
