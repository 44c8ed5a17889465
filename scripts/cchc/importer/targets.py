"""Numeric targets stated in prose or in table cells.

"tối thiểu 02 tin, bài/tháng", "12 tin/bài trong năm", "Băng rôn, khẩu hiệu: 30
băng", "Ít nhất 02 cuộc/năm": a count, a unit, a period and whether it is a
minimum. Minutes, percentages and dates are not targets.
"""

from __future__ import annotations

import re

from . import vocab

UNITS = ("tin, bài", "tin/bài", "tin bài", "tin, ảnh", "bài viết", "bài", "tin", "phóng sự", "chuyên mục",
         "chuyên đề", "cụm pano", "cụm pa nô", "pano", "băng rôn", "băng", "khẩu hiệu", "pa nô", "pa-nô", "áp phích", "tờ rơi", "buổi",
         "cuộc", "lớp", "kỳ", "hội nghị", "hội thi", "cuộc thi", "video", "clip", "lượt", "chương trình", "số")
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_TARGET = re.compile(
    rf"(?P<min>tối thiểu|ít nhất|không ít hơn)?\s*(?P<n>\d{{1,4}})\s+(?P<unit>{_UNIT})(?![\wÀ-ỹ])"
    rf"(?P<tail>[^;.]{{0,60}})", re.I)
_PERIOD_AFTER = [(re.compile(r"^\s*(?:/|mỗi|trên|một)\s*tháng|/\s*tháng|\bmỗi tháng\b", re.I), "thang"),
                 (re.compile(r"^\s*(?:/|mỗi|một)\s*quý|/\s*quý", re.I), "quy"),
                 (re.compile(r"^\s*(?:/|mỗi|một|trong)\s*năm|/\s*năm|\btrong năm\b", re.I), "nam")]
_PERIOD_BEFORE = [(re.compile(r"(hàng|hằng|mỗi)\s+tháng", re.I), "thang"),
                  (re.compile(r"(hàng|hằng|mỗi)\s+quý", re.I), "quy"),
                  (re.compile(r"(hàng|hằng|mỗi)\s+năm", re.I), "nam")]

CHANNELS = [("doi_thoai", ("doi thoai",)), ("truyen_thanh", ("truyen thanh", "loa", "phat thanh", "phat song")),
            ("trang_thong_tin", ("trang thong tin", "cong thong tin", "trang ttdt", "cong ttdt", "website")),
            ("bang_ron", ("bang ron", "khau hieu", "pa no", "ap phich")),
            ("luu_dong", ("luu dong", "xe chuyen dung", "mat duong", "xe tuyen truyen")),
            ("mang_xa_hoi", ("zalo", "facebook", "fanpage", "mang xa hoi", "tiktok")),
            ("tap_huan", ("tap huan", "boi duong", "lop")),
            ("hoi_nghi", ("hoi nghi", "toa dam", "hoi thi", "cuoc thi")),
            ("niem_yet", ("niem yet",))]


def channel(text: str) -> str:
    folded = vocab.fold(text)
    for name, words in CHANNELS:
        if any(re.search(r"\b" + re.escape(w) + r"\b", folded) for w in words):
            return name
    return "khac"


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(";", 0, start), text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(";", end), text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1:right].strip().rstrip(".;,").lstrip("-+ ").strip()


def find_targets(text: str, context: str = "") -> list[dict]:
    """Targets in one text; `context` (a task's own words) helps name the channel."""
    found_targets = []
    for found in _TARGET.finditer(text):
        unit = found.group("unit")
        if unit.lower() == "số" or re.match(r"\s*(phút|giờ|%|ngày)", found.group("tail")):
            continue
        clause = _clause(text, found.start(), found.end())
        before = text[max(0, found.start() - 120):found.start()]
        before = before[max(before.rfind(";"), before.rfind(". ")) + 1:]
        period = "ca_ke_hoach"
        for pattern, name in _PERIOD_AFTER:
            if pattern.search(found.group("tail")):
                period = name
                break
        else:
            for pattern, name in _PERIOD_BEFORE:
                if pattern.search(before):
                    period = name
                    break
        target = {"so_luong": int(found.group("n")), "toi_thieu": bool(found.group("min")),
                  "don_vi_tinh": unit, "ky": period, "kenh": channel(clause + " " + context),
                  "nguon": clause}
        found_targets.append(target)
    return found_targets
