"""The files written for each new portal: its mkdocs.yml, home page and unit profile.

mkdocs.yml is the repository's own with three lines changed (the site's name and
description, and the navigation entry for units), so the theme, plugins and
Markdown settings stay one file.
"""

from __future__ import annotations

import re

import yaml

from . import ScaffoldError
from ..base import routes
from .unit_spec import UnitSpec

UNITS_NAV = re.compile(r"^([ \t]*- )Đơn vị: " + re.escape(routes.UNITS_INDEX) + r"[ \t]*$", re.M)
SITE_NAME = re.compile(r"^site_name:.*$", re.M)
SITE_DESCRIPTION = re.compile(r"^site_description:.*$", re.M)
FIRST_COMMENT = re.compile(r"\A#[^\n]*\n")
PROFILE_SCHEMA = "# yaml-language-server: $schema=../../scripts/cchc/schemas/don-vi.schema.json"


class LayoutChanged(ScaffoldError):
    """The repository's mkdocs.yml no longer has a line this module rewrites."""


def _pair(key: str, value: str) -> str:
    """`key: value`, quoted only where YAML needs it."""
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10 ** 6).rstrip("\n")


def _replace_once(pattern: re.Pattern, replacement: str, text: str, what: str) -> str:
    new, count = pattern.subn(lambda _m: replacement, text)
    if count != 1:
        raise LayoutChanged(f"mkdocs.yml của kho cchc không còn đúng một dòng {what}; hãy sửa scaffold/portal_files.py.")
    return new


def site_name(spec: UnitSpec, multi_unit: bool) -> str:
    if multi_unit:
        return f"Kế hoạch tuyên truyền cải cách hành chính các xã, phường {spec.province}"
    return f"Kế hoạch tuyên truyền cải cách hành chính {spec.full_name}"


def site_config(tool_config: str, spec: UnitSpec, multi_unit: bool) -> str:
    """The new portal's mkdocs.yml from the repository's: a one-unit portal links its unit page
    where the samples link the list of units."""
    name = site_name(spec, multi_unit)
    whose = f"các xã, phường {spec.province}" if multi_unit else spec.full_name
    text = _replace_once(FIRST_COMMENT, f"# Cổng thông tin kế hoạch tuyên truyền cải cách hành chính của {whose} "
                                        "(tạo bằng cchc init).\n", tool_config, "ghi chú đầu tệp")
    text = _replace_once(SITE_NAME, _pair("site_name", name), text, "site_name")
    text = _replace_once(SITE_DESCRIPTION, _pair("site_description", f"Công khai kế hoạch tuyên truyền cải cách "
                                                 f"hành chính của {whose} và kết quả thực hiện."),
                         text, "site_description")
    if UNITS_NAV.search(text) is None:
        raise LayoutChanged("mkdocs.yml của kho cchc không còn dòng 'Đơn vị: don-vi/index.md' trong nav; "
                            "hãy sửa scaffold/portal_files.py.")
    if not multi_unit:
        text = UNITS_NAV.sub(lambda m: f"{m.group(1)}Kế hoạch: {routes.unit_page(spec.unit_id)}", text, count=1)
    return text


def home_page(spec: UnitSpec, multi_unit: bool) -> str:
    whose = f"các xã, phường {spec.province}" if multi_unit else f"{spec.full_name} ({spec.province})"
    return (
        "# Kế hoạch tuyên truyền cải cách hành chính\n\n"
        f"Trang này công khai kế hoạch tuyên truyền cải cách hành chính (CCHC) hằng năm của {whose}\n"
        "và tiến độ thực hiện, để người dân, doanh nghiệp biết chính quyền đã hứa làm gì, làm đến đâu\n"
        "và cần liên hệ ai.\n"
    )


def profile(spec: UnitSpec) -> str:
    """A profile with only what staff gave; what a public portal still needs is listed, not invented."""
    values = "\n".join(_pair(key, value) for key, value in spec.profile().items())
    return f"""{PROFILE_SCHEMA}
# Hồ sơ đơn vị do cchc init tạo. Hãy bổ sung thông tin liên hệ THẬT của đơn vị (đừng điền số mẫu);
# `cchc check --san-sang` cho biết còn thiếu gì trước khi công bố.
{values}
# dia_chi: địa chỉ trụ sở
# dien_thoai: "số điện thoại, trong dấu ngoặc kép"
# email: thư điện tử
# duong_day_nong:
#   - noi_dung: việc tiếp nhận, ví dụ Phản ánh, kiến nghị về thủ tục hành chính
#     dien_thoai: "số đường dây nóng"
# chiu_trach_nhiem:
#   ho_ten: họ và tên người chịu trách nhiệm nội dung của cổng
#   chuc_vu: chức vụ
"""
