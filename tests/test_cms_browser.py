"""`cchc edit` (what `make edit` runs) driven in real Chromium: forms in, files on disk out.

The servers are the real ones: decap-server from node_modules (npm ci of package-lock.json), the
save check in front of it, and `mkdocs serve` for the preview, on free ports of 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import signal
import struct
import subprocess
import sys
import time
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from cchc.cms.edit import free_port
from conftest import REPO, run_cchc, tiny_site

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

PROGRESS = """\
# yaml-language-server: $schema=../../scripts/cchc/schemas/tien-do.schema.json
# Ghi chú của cán bộ: dòng này phải còn sau khi lưu bằng biểu mẫu.
cap_nhat:
- ngay: 31/01/2026
  chi_tieu: CT01
  so_luong: 2
"""
# Written the way the editor writes (PyYAML block style), with what the forms cannot show: a list of
# items that may be text or objects (muc_dich), a value that may be text or a list (phoi_hop), a note.
PLAN = """\
# yaml-language-server: $schema=../../scripts/cchc/schemas/ke-hoach.schema.json
so: '12'
ky_hieu: KH-UBND
dia_danh: An Phú
ngay: 15/01/2026
nam: 2026
trich_yeu: Tuyên truyền cải cách hành chính năm 2026
muc_dich:
- Nâng cao nhận thức về cải cách hành chính.
- nhan: a)
  noi_dung: Người dân biết cách nộp hồ sơ trực tuyến.
chu_ky:
  thay_mat: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn Thử
# CẦN XEM: đối chiếu bảng nhiệm vụ với bản gốc.
nhiem_vu:
- ma: NV01
  stt: '1'
  noi_dung: Đăng tin về cải cách hành chính
  chu_tri: Phòng Văn hóa - Xã hội
  phoi_hop:
  - Công an xã
  - Đoàn Thanh niên xã
  thoi_gian: Thường xuyên
  han: 31/12/2026
  chi_tieu:
  - ma: CT01
    so_luong: 2
    don_vi_tinh: tin, bài
    ky: thang
    kenh: trang_thong_tin
"""
POST_TITLE = "Xã tổ chức hội nghị đối thoại về thủ tục hành chính"
NOTE = "Đã đăng hai tin về dịch vụ công trực tuyến."


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait(what, seconds: float = 90, every: float = 0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        time.sleep(every)
    return None


def _complete(paths) -> list[Path]:
    """The files decap-server has finished: it creates a file, then writes it (Node, not atomic), so a
    file counts once it has bytes and the same size a moment later."""
    paths = list(paths)
    sizes = [path.stat().st_size for path in paths]
    time.sleep(0.1)
    if not paths or 0 in sizes or sizes != [path.stat().st_size for path in paths]:
        return []
    return paths


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    if not (REPO / "node_modules" / "decap-server").is_dir():
        pytest.fail("Chưa cài node_modules: chạy 'make test' (npm ci theo package-lock.json).")
    root = tiny_site(tmp_path_factory.mktemp("edit"), {"plans/an-phu/tien-do-2026.yml": PROGRESS,
                                                              "plans/an-phu/ke-hoach-2026.yml": PLAN,
                                                              # a new year's plan, with no progress file yet
                                                              "plans/an-phu/ke-hoach-2027.yml": PLAN.replace("2026", "2027")})
    (root / "node_modules").symlink_to(REPO / "node_modules")
    port, api_port = free_port(), free_port()
    log = open(root / "edit.log", "w+", encoding="utf-8")
    env = {**os.environ, "PYTHONUTF8": "1"}
    env.pop("CCHC_CMS_REPO", None)
    process = subprocess.Popen([sys.executable, "-m", "cchc", "edit", "--cong", str(port), "--cong-api", str(api_port)],
                               cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    def started() -> str | None:
        log.seek(0)
        found = re.search(r"Sửa nội dung: mở (\S+)quan-tri/ ", log.read())
        if found:
            return found[1]
        return "stopped" if process.poll() is not None else None
    try:
        base = _wait(started, 180)
        if base in (None, "stopped") or _get(base + "quan-tri/") is None:
            log.seek(0)
            pytest.fail("cchc edit did not start:\n" + log.read()[-3000:])
        assert urlsplit(base).port == port
        yield root, base
    finally:
        # The command stops its three parts on SIGTERM; the group kill is for a test that broke it.
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        try:
            os.killpg(process.pid, 0)
            os.killpg(process.pid, signal.SIGKILL)  # a child left behind
        except ProcessLookupError:
            pass
        log.close()


@pytest.fixture(scope="module")
def signed_in(editing):
    """One browser and one signed-in session for the module; every request any page makes is kept."""
    root, base = editing
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        # CI runs these beside other workers' builds: a slow machine, not a broken page.
        context.set_default_timeout(60000)
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.goto(base + "quan-tri/")
        page.get_by_role("button", name="Đăng nhập").click()
        page.close()
        yield root, base, context, requests
        context.close()
        browser.close()


@pytest.fixture
def admin(signed_in):
    """A new tab per test: a load or save still pending from the test before cannot move this one."""
    root, base, context, requests = signed_in
    page = context.new_page()
    # Leaving a form the server refused asks "leave with unsaved changes?": yes, as staff would.
    page.on("dialog", lambda dialog: dialog.accept())
    yield root, base, page, requests
    page.close(run_before_unload=False)


def _open(page, url: str) -> None:
    """A full load of one admin route: nothing left over from the entry edited before in this tab."""
    if page.url != "about:blank":
        page.goto("about:blank")  # a change of the hash alone would keep the last entry's form
    page.goto(url, wait_until="domcontentloaded")
    login = page.get_by_role("button", name="Đăng nhập")
    if login.count():
        login.click()


def _publish(page) -> None:
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()


def _choose(page, locator, text: str) -> None:
    locator.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_a_post_created_in_the_form_is_written_checked_and_published(admin):
    root, base, page, _ = admin
    _open(page, base + "quan-tri/#/collections/bai-viet/new")
    page.locator("input[id^=tieu_de-field]").fill(POST_TITLE)
    page.locator("input[id^=ngay-field]").fill("2026-03-12")  # the date picker
    _choose(page, page.locator("input[id^=don_vi-field]"), "An Phú")
    _choose(page, page.locator("input[id^=chuyen_muc-field]"), "thủ tục")
    page.locator("input[id^=co_quan-field]").fill("Phòng Văn hóa - Xã hội")
    page.locator("[data-slate-editor]").click()
    # One input event, as a paste: key by key, the new editor's caret races its first re-render.
    page.keyboard.insert_text("Sáng 12/3, xã tổ chức hội nghị đối thoại với người dân.")
    _publish(page)
    folder = root / "content" / "chuyen-muc" / "bai-viet"
    written = _wait(lambda: _complete(folder.glob("*.md")), 30)
    assert written and len(written) == 1, written
    post = written[0]
    assert post.name.endswith("-an-phu-xa-to-chuc-hoi-nghi-doi-thoai-ve-thu-tuc-hanh-chinh.md"), post.name
    assert post.read_text(encoding="utf-8") == (
        "---\n"
        f"tieu_de: {POST_TITLE}\n"
        "ngay: 12/03/2026\n"  # as staff write dates, not ISO
        "don_vi: an-phu\n"
        "chuyen_muc:\n- Cải cách thủ tục hành chính\n"
        "co_quan: Phòng Văn hóa - Xã hội\n"
        "---\n\n"
        "Sáng 12/3, xã tổ chức hội nghị đối thoại với người dân.\n"
    )
    checked = run_cchc("check", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    url = base + "chuyen-muc/bai-viet/" + post.stem + "/"
    shown = _wait(lambda: (_get(url) or "") if POST_TITLE in (_get(url) or "") else None, 90)
    assert shown and "hội nghị đối thoại với người dân" in shown


def _png(width: int = 8, height: int = 8) -> bytes:
    raw = b"".join(b"\x00" + b"\xcc\x33\x33" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _new_post_with_cover(page, base: str, title: str, image: Path) -> None:
    _open(page, base + "quan-tri/#/collections/bai-viet/new")
    page.locator("input[id^=tieu_de-field]").fill(title)
    page.locator("input[id^=ngay-field]").fill("2026-04-02")
    _choose(page, page.locator("input[id^=don_vi-field]"), "An Phú")
    _choose(page, page.locator("input[id^=chuyen_muc-field]"), "Tin hoạt")
    page.locator("input[id^=co_quan-field]").fill("Phòng Văn hóa - Xã hội")
    page.locator("[data-slate-editor]").click()
    page.keyboard.insert_text("Toàn cảnh hội nghị.")
    page.get_by_role("button", name="Chọn một hình").click()
    page.locator("input[type=file]").set_input_files(str(image))
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.locator("input[id^=mo_ta-field]").fill("Toàn cảnh hội nghị đối thoại")
    _publish(page)


def test_a_cover_uploaded_in_the_form_goes_under_content_and_is_shown(admin, tmp_path):
    root, base, page, _ = admin
    image = tmp_path / "hoi-nghi.png"
    image.write_bytes(_png())
    _new_post_with_cover(page, base, "Hội nghị có ảnh bìa", image)
    uploaded = root / "content" / "tep" / "hoi-nghi.png"
    # decap-server (Node) creates the file, then writes it: wait for its bytes, not its name.
    assert _wait(lambda: uploaded.exists() and uploaded.read_bytes() == image.read_bytes(), 30), \
        page.locator("[class*=toast]").all_inner_texts()
    assert uploaded.read_bytes() == image.read_bytes()
    post = _wait(lambda: _complete(p for p in (root / "content" / "chuyen-muc" / "bai-viet").glob("*.md") if "anh-bia" in p.name), 30)[0]
    assert "anh_bia:\n  tep: tep/hoi-nghi.png\n  mo_ta: Toàn cảnh hội nghị đối thoại\n" in post.read_text(encoding="utf-8")
    checked = run_cchc("check", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    url = base + "chuyen-muc/bai-viet/" + post.stem + "/"
    shown = _wait(lambda: (_get(url) or "") if "hoi-nghi.png" in (_get(url) or "") else None, 90)
    assert shown and 'alt="Toàn cảnh hội nghị đối thoại"' in shown

    fake = tmp_path / "gia.png"
    fake.write_bytes(b"MZ\x90\x00 not an image")
    _new_post_with_cover(page, base, "Bài có ảnh giả", fake)
    refused = page.get_by_text("nội dung không khớp với đuôi tên tệp")
    refused.first.wait_for(timeout=15000)
    assert not (root / "content" / "tep" / "gia.png").exists()
    assert not [p for p in (root / "content" / "chuyen-muc" / "bai-viet").glob("*.md") if "anh-gia" in p.name]


def test_a_progress_entry_added_in_the_form_keeps_the_file_conventions(admin):
    root, base, page, _ = admin
    _open(page, base + "quan-tri/#/collections/tien-do/entries/tien-do-an-phu-2026")
    page.get_by_role("button", name="Thêm Một lần cập nhật").click()
    page.locator("input[id^=ngay-field]").last.fill("2026-02-28")
    _choose(page, page.locator("input[id^=chi_tieu-field]").last, "CT01")
    page.locator("input[id^=so_luong-field]").last.fill("2")
    page.locator("input[id^=ghi_chu-field]").last.fill(NOTE)
    _publish(page)
    path = root / "plans" / "an-phu" / "tien-do-2026.yml"
    saved = _wait(lambda: NOTE in path.read_text(encoding="utf-8"), 30)
    assert saved, (page.url, page.locator("[class*=toast]").all_inner_texts(), page.inner_text("body")[:800])
    assert path.read_text(encoding="utf-8") == PROGRESS + (
        "- ngay: 28/02/2026\n"
        "  chi_tieu: CT01\n"
        "  so_luong: 2\n"
        f"  ghi_chu: {NOTE}\n"
    )
    checked = run_cchc("check", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    url = base + "don-vi/an-phu/tien-do-2026/"
    assert _wait(lambda: NOTE in (_get(url) or ""), 90), "the preview does not show the new entry"


def test_the_first_progress_entry_of_a_plan_creates_its_file_with_the_modeline(admin):
    root, base, page, _ = admin
    path = root / "plans" / "an-phu" / "tien-do-2027.yml"
    assert not path.exists()
    _open(page, base + "quan-tri/#/collections/tien-do/entries/tien-do-an-phu-2027")
    page.get_by_role("button", name="Thêm Một lần cập nhật").click()
    page.locator("input[id^=ngay-field]").last.fill("2027-01-20")
    _choose(page, page.locator("input[id^=nhiem_vu-field]").last, "NV01")
    _choose(page, page.locator("input[id^=trang_thai-field]").last, "đang thực hiện")
    _publish(page)
    # decap-server (Node) creates the file, then writes it: wait for its text, not its name.
    assert _wait(lambda: path.exists() and _complete([path]), 30), page.locator("[class*=toast]").all_inner_texts()
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../scripts/cchc/schemas/tien-do.schema.json\n"
        "cap_nhat:\n- ngay: 20/01/2027\n  nhiem_vu: NV01\n  trang_thai: đang thực hiện\n")
    checked = run_cchc("check", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_an_impossible_date_is_refused_with_the_checkers_message(admin):
    root, base, page, _ = admin
    plan = root / "plans" / "an-phu" / "ke-hoach-2026.yml"
    before = plan.read_bytes()
    _open(page, base + "quan-tri/#/collections/ke-hoach/entries/ke-hoach-an-phu-2026")
    page.locator("input[id^=ky_hieu-field]").first.wait_for()
    field = page.locator("input[id^=ngay-field]").first  # the plan's date: typed, the day may be left out
    field.fill("31/02/2026")
    _publish(page)
    toast = page.get_by_text("không tồn tại (tháng 2 năm 2026 không có ngày 31)")
    toast.first.wait_for(timeout=15000)
    message = toast.first.inner_text()
    assert message.startswith("Chưa lưu: dữ liệu có 1 lỗi (cchc check):\n"
                              "plans/an-phu/ke-hoach-2026.yml:5:7: [lỗi] 'ngay': Ngày '31/02/2026' không tồn tại"), message
    assert "API_ERROR" not in message
    assert plan.read_bytes() == before, "a refused save must write nothing"


def test_what_the_forms_cannot_show_survives_a_save_of_the_form(admin):
    root, base, page, _ = admin
    plan = root / "plans" / "an-phu" / "ke-hoach-2026.yml"
    _open(page, base + "quan-tri/#/collections/ke-hoach/entries/ke-hoach-an-phu-2026")
    page.locator("input[id^=dia_danh-field]").first.fill("xã An Phú")
    _publish(page)
    assert _wait(lambda: "dia_danh: xã An Phú" in plan.read_text(encoding="utf-8"), 30), \
        page.locator("[class*=toast]").all_inner_texts()
    assert plan.read_text(encoding="utf-8") == PLAN.replace("dia_danh: An Phú", "dia_danh: xã An Phú")


def test_the_admin_loads_nothing_from_a_third_party_host(admin):
    _, _, _, requests = admin
    assert requests, "no request recorded"
    hosts = {urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, hosts

