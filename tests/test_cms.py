"""The admin's forms from our schemas, the conventions a save keeps, and the save check (no browser)."""

from __future__ import annotations

import base64
import copy
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from cchc import cms
from cchc.check import content_files
from cchc.check.schema import load_schema
from cchc.cms import config as cms_config
from cchc.cms.backend import Backend
from cchc.cms.config import config_yaml
from cchc.cms.conventions import rewrite
from cchc.cms.edit import free_port
from cchc.cms.local_api import LocalApi, serve
from cchc.cms.media import upload_problems
from cchc.cms.save_check import problems_after
from cchc.model.load import load_portal
from conftest import MINIMAL_POST, REPO, run_cchc, tiny_site

LOCAL = Backend(local_api="http://127.0.0.1:8081/api/v1")


def _config(root: Path = REPO, backend: Backend = LOCAL) -> dict:
    text, _ = config_yaml(load_portal(str(root)).portal, backend)
    return yaml.safe_load(text)


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _field(fields: list[dict], *path: str) -> dict:
    found = next(f for f in fields if f["name"] == path[0])
    return _field(found["fields"], *path[1:]) if len(path) > 1 else found


def test_forms_take_labels_hints_widgets_and_required_from_the_schemas():
    config = _config()
    posts = _collection(config, "bai-viet")
    assert posts["folder"] == "content/chuyen-muc/bai-viet" and posts["format"] == "frontmatter"
    schema = load_schema("bai-viet")
    names = [f["name"] for f in posts["fields"]]
    assert names == list(schema["properties"]) + ["body"], "fields in the schema's key order"
    title = _field(posts["fields"], "tieu_de")
    assert (title["label"], title["required"], title["widget"]) == ("Tiêu đề bài viết", True, "string")
    date = _field(posts["fields"], "ngay")
    assert (date["widget"], date["format"], date["time_format"]) == ("datetime", "DD/MM/YYYY", False)
    areas = _field(posts["fields"], "chuyen_muc")
    assert areas["widget"] == "select" and areas["multiple"] is True and areas["min"] == 1
    assert areas["options"] == schema["$defs"]["linh_vuc"]["enum"]
    assert _field(posts["fields"], "tom_tat")["hint"] == schema["properties"]["tom_tat"]["description"]
    assert _field(posts["fields"], "tom_tat")["required"] is False
    cover = _field(posts["fields"], "anh_bia", "tep")
    assert cover["widget"] == "image" and cover["public_folder"] == "tep"
    units = _field(posts["fields"], "don_vi")
    assert [o["value"] for o in units["options"]] == ["binh-giang", "muong-lay", "phu-khuong"]

    progress = _collection(config, "tien-do")
    muong_lay = next(f for f in progress["files"] if f["file"] == "plans/muong-lay/tien-do-2026.yml")
    entry = _field(muong_lay["fields"], "cap_nhat")
    assert entry["widget"] == "list" and entry["required"] is True
    tasks = _field(entry["fields"], "nhiem_vu")["options"]
    assert [t["value"] for t in tasks] == [f"NV{n:02d}" for n in range(1, 11)]
    count = _field(entry["fields"], "so_luong")
    assert (count["widget"], count["value_type"], count["min"]) == ("number", "int", 0)
    status = _field(entry["fields"], "trang_thai")
    assert status["options"] == load_schema("tien-do")["$defs"]["cap_nhat"]["properties"]["trang_thai"]["enum"]

    plans = _collection(config, "ke-hoach")
    plan_fields = plans["files"][0]["fields"]
    issued = _field(plan_fields, "ngay")  # a partial date: typed, checked by pattern
    assert issued["widget"] == "string" and re.search(issued["pattern"][0], "01/2026")
    assert not re.search(issued["pattern"][0], "tháng 1")
    code = _field(plan_fields, "nhiem_vu", "ma")
    assert code["pattern"] == [load_schema("ke-hoach")["$defs"]["nhiem_vu"]["properties"]["ma"]["pattern"],
                               load_schema("ke-hoach")["$defs"]["nhiem_vu"]["properties"]["ma"]["x-message"]]
    assert _field(plan_fields, "nam")["min"] == 2000
    profiles = _collection(config, "don-vi")
    assert {f["file"] for f in profiles["files"]} == {f"plans/{u}/don-vi.yml" for u in ("binh-giang", "muong-lay", "phu-khuong")}
    hotline = _field(profiles["files"][0]["fields"], "duong_day_nong")
    assert _field(hotline["fields"], "dien_thoai")["required"] is True


def test_adding_a_property_to_a_schema_adds_a_field(monkeypatch):
    original = cms_config.load_schema

    def with_new_property(name: str) -> dict:
        schema = copy.deepcopy(original(name))
        if name == "tien-do":
            schema["$defs"]["cap_nhat"]["properties"]["nguoi_cap_nhat"] = {
                "type": "string", "title": "Người cập nhật", "description": "Họ tên cán bộ ghi lần này."}
        if name == "don-vi":
            schema["properties"]["gio_tiep_dan"] = {"type": "string", "title": "Giờ tiếp dân"}
            schema["properties"]["so_can_bo"] = {"type": ["integer", "string"], "title": "Số cán bộ", "default": 3}
            schema["properties"]["cac_co_quan"] = {
                "type": "array", "title": "Các cơ quan", "maxItems": 40,
                "items": {"type": "object", "title": "Một cơ quan", "required": ["ma", "ten"], "properties": {
                    "ma": {"type": "string", "pattern": "^[a-z0-9-]+$", "x-message": "phải là mã không dấu"},
                    "ten": {"type": "string", "title": "Tên cơ quan"},
                    "ten_khac": {"type": "array", "items": {"type": "string"}}}}}
            schema["required"] = [*schema["required"], "gio_tiep_dan"]
        return schema

    before = _config()
    monkeypatch.setattr(cms_config, "load_schema", with_new_property)
    after = _config()
    entry = _field(_collection(after, "tien-do")["files"][0]["fields"], "cap_nhat")
    added = _field(entry["fields"], "nguoi_cap_nhat")
    assert added == {"name": "nguoi_cap_nhat", "label": "Người cập nhật", "required": False,
                     "hint": "Họ tên cán bộ ghi lần này.", "widget": "string"}
    profile_fields = _collection(after, "don-vi")["files"][0]["fields"]
    profile = _field(profile_fields, "gio_tiep_dan")
    assert profile["required"] is True and profile["label"] == "Giờ tiếp dân"
    staff = _field(profile_fields, "so_can_bo")
    assert (staff["widget"], staff["default"]) == ("number", 3)
    agencies = _field(profile_fields, "cac_co_quan")
    assert (agencies["widget"], agencies["max"], agencies["label_singular"]) == ("list", 40, "Một cơ quan")
    assert _field(agencies["fields"], "ma")["pattern"] == ["^[a-z0-9-]+$", "phải là mã không dấu"]
    assert _field(agencies["fields"], "ten_khac")["field"]["widget"] == "string"
    with pytest.raises(StopIteration):
        _field(_field(_collection(before, "tien-do")["files"][0]["fields"], "cap_nhat")["fields"], "nguoi_cap_nhat")


def test_readme_names_every_kind_of_value_the_forms_leave_out():
    _, omitted = config_yaml(load_portal(str(REPO)).portal, LOCAL)
    assert omitted, "the plan schema has anyOf items"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### Những gì biểu mẫu không làm được", 1)[1].split("\n#", 1)[0]
    for item in omitted:
        key = item.path.split(": ", 1)[1].replace(".[]", "").split(".")[-1]
        assert f"`{key}`" in section, f"README does not say the forms leave out {item.path}"


def test_github_backend_uses_pull_requests_and_a_policy_for_github_only():
    backend = Backend(github_repo="xa-an-phu/cong-cchc", github_branch="main")
    config = _config(backend=backend)
    assert config["backend"] == {"name": "github", "repo": "xa-an-phu/cong-cchc", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config
    from cchc.cms.admin_page import index_html, policy
    assert "connect-src 'self' blob: https://api.github.com;" in policy(backend)
    page = index_html("Cổng thử", backend)
    assert page.count('http-equiv="Content-Security-Policy"') == 1 and 'id="cchc-token"' in page
    assert "connect-src 'self' blob: http://127.0.0.1:8081;" in policy(LOCAL)


DECAP_STYLE_PROFILE = """\
tinh_thanh: tỉnh Thử Nghiệm
ten: An Phú
loai: xã
dien_thoai: 0912345678
email: null
website: ''
duong_day_nong:
  - dien_thoai: 0215 3000 001
    noi_dung: Phản ánh về thủ tục hành chính
"""


def test_a_save_is_rewritten_into_our_conventions(tmp_path):
    original = ("# yaml-language-server: $schema=../../scripts/cchc/schemas/don-vi.schema.json\n"
                "# Liên hệ thật, đã đối chiếu.\nten: An Phú\nloai: xã\ntinh_thanh: tỉnh Thử Nghiệm\n"
                "# CẦN XEM: số đường dây nóng\nduong_day_nong:\n- noi_dung: Cũ\n  dien_thoai: \"0215 3000 001\"\n")
    written = rewrite("plans/an-phu/don-vi.yml", DECAP_STYLE_PROFILE, original)
    assert written == (
        "# yaml-language-server: $schema=../../scripts/cchc/schemas/don-vi.schema.json\n"
        "# Liên hệ thật, đã đối chiếu.\n"
        "ten: An Phú\nloai: xã\ntinh_thanh: tỉnh Thử Nghiệm\n"
        'dien_thoai: "0912345678"\n'  # a YAML 1.2 reader (Decap's) would take it for a number
        "# CẦN XEM: số đường dây nóng\n"
        "duong_day_nong:\n"
        '- noi_dung: Phản ánh về thủ tục hành chính\n  dien_thoai: "0215 3000 001"\n'
    )
    plan = rewrite("plans/an-phu/ke-hoach-2026.yml",
                   "nam: 2026\nky_hieu: KH-UBND\nso: '12'\nngay: 2026-01\ntrich_yeu: Tuyên truyền\n"
                   "chu_ky:\n  ho_ten: Nguyễn Văn Thử\n  chuc_vu: CHỦ TỊCH\nnhiem_vu:\n  - ma: NV01\n    noi_dung: Đăng tin\n"
                   "    chu_tri: Phòng VH\n    han: 2026-12-31T00:00:00.000Z\n    stt: '1'\n    so_luong: null\n", None)
    assert plan.splitlines()[:7] == [
        "# yaml-language-server: $schema=../../scripts/cchc/schemas/ke-hoach.schema.json",
        "so: '12'", "ky_hieu: KH-UBND", "ngay: 01/2026", "nam: 2026", "trich_yeu: Tuyên truyền", "chu_ky:"]
    assert "  han: 31/12/2026" in plan and "so_luong" not in plan
    nfd = "---\ntieu_de: Ba\u0300i thu\u031b\u0309\nngay: 2026-02-05\ndon_vi: an-phu\nchuyen_muc:\n  - Tin hoạt động\n" \
          "co_quan: Phòng VH\n---\nNội dung.\r\n"
    post = rewrite("content/chuyen-muc/bai-viet/bai-thu.md", nfd, None)
    assert post == ("---\ntieu_de: Bài thử\nngay: 05/02/2026\ndon_vi: an-phu\nchuyen_muc:\n- Tin hoạt động\n"
                    "co_quan: Phòng VH\n---\n\nNội dung.\n")
    root = tiny_site(tmp_path, {"plans/an-phu/don-vi.yml": written, "content/chuyen-muc/bai-viet/bai-thu.md": post,
                                "plans/an-phu/ke-hoach-2026.yml": plan})
    checked = run_cchc("check", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_save_that_breaks_another_file_is_refused(tmp_path):
    post = MINIMAL_POST.replace("co_quan: Phòng Văn hóa - Xã hội\n", "co_quan: Phòng Văn hóa - Xã hội\nnhiem_vu: NV01\n")
    root = tiny_site(tmp_path, {"content/chuyen-muc/bai-viet/bai-thu.md": post})
    plan = (root / "plans/an-phu/ke-hoach-2026.yml").read_text(encoding="utf-8")
    renamed = plan.replace("ma: NV01", "ma: NV09")
    problems = problems_after(str(root), {"plans/an-phu/ke-hoach-2026.yml": renamed})
    assert [(p.path, p.message) for p in problems] == [
        ("content/chuyen-muc/bai-viet/bai-thu.md", "Kế hoạch năm 2026 của 'an-phu' không có nhiệm vụ 'NV01'.")]
    assert problems_after(str(root), {"plans/an-phu/ke-hoach-2026.yml": plan}) == []
    no_alt = post.replace("Nội dung bài thử.", "Nội dung.\n\n![](../../tep/anh.jpg)")
    found = problems_after(str(root), {"content/chuyen-muc/bai-viet/bai-thu.md": no_alt}, ["content/tep/anh.jpg"])
    assert [(p.path, p.mark.line) for p in found] == [("content/chuyen-muc/bai-viet/bai-thu.md", 12)]
    assert "Ảnh chưa có mô tả" in found[0].message


def test_uploads_are_checked_by_type_content_size_and_place():
    jpeg = b"\xff\xd8\xff\xe0" + b"0" * 100
    assert upload_problems("content/tep/hoi-nghi.jpg", jpeg) == []
    assert upload_problems("content/tep/bao-cao.pdf", b"%PDF-1.7 ...") == []
    assert "không đúng là tệp .pdf" in upload_problems("content/tep/bao-cao.pdf", b"MZ\x90\x00")[0]
    assert "Không công bố loại tệp '.exe'" in upload_problems("content/tep/chay.exe", b"MZ")[0]
    assert "Không công bố tệp .html" in upload_problems("content/tep/trang.html", b"<script>")[0]
    assert "có mã lệnh" in upload_problems("content/tep/logo.svg", b"<svg><script>alert(1)</script></svg>")[0]
    assert "chỉ được tải lên thư mục content/" in upload_problems("plans/an-phu/anh.jpg", jpeg)[0]
    big = b"\x89PNG\r\n\x1a\n" + b"0" * content_files.MAX_BYTES
    assert "Tệp quá lớn" in upload_problems("content/tep/to.png", big)[0]


def _post(url: str, body: dict, origin: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Origin": origin})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"{}")


def test_the_local_api_refuses_other_origins_bad_uploads_and_broken_saves(tmp_path):
    root = tiny_site(tmp_path)
    api = LocalApi(str(root), "http://127.0.0.1:9/api/v1", {"http://127.0.0.1:8000"})  # nothing behind it
    server = serve(api, "127.0.0.1", free_port())
    url = f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    try:
        status, answer = _post(url, {"action": "info"}, "https://trang-la.example")
        assert status == 403 and "Chỉ trang quản trị" in answer["error"]
        exe = base64.b64encode(b"MZ\x90\x00").decode()
        status, answer = _post(url, {"action": "persistMedia", "params": {
            "asset": {"path": "content/tep/anh.jpg", "content": exe, "encoding": "base64"}}}, "http://127.0.0.1:8000")
        assert status == 422 and "không đúng là tệp .jpg" in answer["error"]
        broken = (root / "plans/an-phu/ke-hoach-2026.yml").read_text(encoding="utf-8").replace("nam: 2026", "nam: 1900")
        status, answer = _post(url, {"action": "persistEntry", "params": {
            "entry": {"path": "plans/an-phu/ke-hoach-2026.yml", "raw": broken}, "assets": []}}, "http://127.0.0.1:8000")
        assert status == 422
        assert "plans/an-phu/ke-hoach-2026.yml:6:6: [lỗi] 'nam' phải lớn hơn hoặc bằng 2000 (đang là 1900)." in answer["error"]
        status, answer = _post(url, {"action": "persistEntry", "params": {
            "entry": {"path": "mkdocs.yml", "raw": "site_name: x\n"}, "assets": []}}, "http://127.0.0.1:8000")
        assert status == 422 and "không ghi tệp 'mkdocs.yml'" in answer["error"]
    finally:
        server.shutdown()


def test_admin_is_a_static_file_with_its_own_policy_and_public_pages_never_load_it(tmp_path):
    if not (REPO / "node_modules" / "decap-cms").is_dir():
        pytest.fail("Chưa cài node_modules: chạy 'make test' (npm ci theo package-lock.json).")
    root = tiny_site(tmp_path / "site")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    out = tmp_path / "out"
    built = run_cchc("build", "--site-dir", str(out), cwd=root, env={"CCHC_CMS_REPO": "xa-an-phu/cong-cchc"})
    assert built.returncode == 0, built.stderr
    admin = (out / "quan-tri" / "index.html").read_text(encoding="utf-8")
    # Written as a static file: the engine's policy step did not add a second one.
    assert admin.count("Content-Security-Policy") == 1 and "https://api.github.com" in admin
    config = yaml.safe_load((out / "quan-tri" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "xa-an-phu/cong-cchc"
    assert (out / "quan-tri" / "decap-cms.js").stat().st_size > 1_000_000
    assert not list((out / "quan-tri").glob("*.map"))
    for page in out.rglob("*.html"):
        if "quan-tri" not in page.parts:
            assert "quan-tri" not in page.read_text(encoding="utf-8"), f"{page} refers to the admin"
    assert "Không có trang quản trị" not in built.stderr


def test_without_npm_the_public_site_still_builds_with_a_one_line_notice(tmp_path):
    root = tiny_site(tmp_path / "site")  # no node_modules here: as on an office PC without Node.js
    out = tmp_path / "out"
    built = run_cchc("build", "--site-dir", str(out), cwd=root, env={"CCHC_CMS_REPO": "xa-an-phu/cong-cchc"})
    assert built.returncode == 0, built.stderr
    assert (out / "index.html").is_file() and not (out / "quan-tri").exists()
    notices = [line for line in built.stderr.splitlines() if "trang quản trị" in line]
    assert notices == [cms.notice(str(root))] and "npm" in notices[0]
