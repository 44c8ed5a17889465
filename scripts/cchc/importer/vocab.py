"""Words and markers of the genre: how plans number their items and name things.

Matching is done on folded text (no tones, đ → d, lower case) so that a heading
typed without diacritics, or with a wrong one, is still recognised.
"""

from __future__ import annotations

import difflib
import re

from ..base.text import fold as fold_text


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: how headings and vocabulary are compared."""
    return fold_text(text, lower=True, squash_spaces=True)


def squash(text: str) -> str:
    """Collapse runs of white space; the wording itself is never changed."""
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


ROMAN = "I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII"
# Decree 30 numbers sections with Roman numerals; some units letter them A., B., ...
ROMAN_HEADING = re.compile(rf"^({ROMAN}|[A-H])\s*[.)/:-]\s*(\S.*)$")

# Item markers, in the order documents usually nest them. The value is the kind.
MARKERS: list[tuple[str, re.Pattern]] = [
    ("1.1.", re.compile(r"^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?)\s+(\S.*)$")),
    ("1.", re.compile(r"^(\d{1,2}\.)\s*(\S.*)$")),
    ("1)", re.compile(r"^(\d{1,2}\))\s*(\S.*)$")),
    ("a)", re.compile(r"^([a-zđ]\))\s*(\S.*)$")),
    ("-", re.compile(r"^([-–—])\s*(\S.*)$")),
    ("+", re.compile(r"^(\+)\s*(\S.*)$")),
    ("•", re.compile(r"^([•·▪●*])\s+(\S.*)$")),
]


def marker(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) when the paragraph starts with a list marker."""
    for kind, pattern in MARKERS:
        found = pattern.match(text)
        if found:
            label, rest = found.group(1), found.group(2)
            if kind == "1." and re.match(r"^\d", rest):
                continue  # "15.000 đồng", "2.1" are numbers, not items
            return kind, label, rest
    return None


def roman_heading(text: str) -> tuple[str, str] | None:
    found = ROMAN_HEADING.match(text)
    if not found:
        return None
    title = found.group(2)
    letters = [c for c in title if c.isalpha()]
    # Section headings are written in capitals; "V. ..." inside a sentence is not one.
    if letters and sum(c.isupper() for c in letters) / len(letters) < 0.6:
        return None
    return found.group(1), title


def is_upper_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def starts_lower(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0].isalpha() and stripped[0].islower()


def similar(a: str, b: str, cutoff: float = 0.8) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= cutoff


def has_phrase(folded: str, phrase: str, cutoff: float = 0.8) -> bool:
    """Whether the folded text contains the phrase, allowing a typo or two."""
    if phrase in folded:
        return True
    words, size = folded.split(), len(phrase.split())
    return any(similar(" ".join(words[i:i + size]), phrase, cutoff) for i in range(len(words) - size + 1))


# Section kinds by the phrases of their headings (folded). Order matters: the first
# kind whose phrases match wins.
SECTION_PHRASES: list[tuple[str, tuple[str, ...]]] = [
    ("che_do_bao_cao", ("che do bao cao", "thong tin bao cao")),
    ("to_chuc_thuc_hien", ("to chuc thuc hien", "trach nhiem thuc hien", "phan cong nhiem vu")),
    ("kinh_phi", ("kinh phi",)),
    ("nhiem_vu", ("nhiem vu cu the", "danh muc nhiem vu", "nhiem vu trong tam", "cac nhiem vu",
                  "nhiem vu va giai phap", "nhiem vu, giai phap", "giai phap thuc hien")),
    # before "doi tuong": "MỤC TIÊU, YÊU CẦU VÀ ĐỐI TƯỢNG" holds the audience as a sub-section
    ("muc_dich_yeu_cau", ("muc dich", "yeu cau", "muc tieu")),
    ("doi_tuong_pham_vi", ("doi tuong", "pham vi")),
    ("noi_dung_hinh_thuc", ("noi dung", "hinh thuc")),
    ("thoi_gian", ("thoi gian thuc hien",)),
]

# Sub-headings ("1. Mục đích") inside the container sections above.
SUBSECTION_PHRASES: dict[str, list[tuple[str, str]]] = {
    "muc_dich_yeu_cau": [("muc_dich", "muc dich"), ("muc_dich", "muc tieu"), ("yeu_cau", "yeu cau"),
                         ("doi_tuong", "doi tuong")],
    "doi_tuong_pham_vi": [("doi_tuong", "doi tuong"), ("pham_vi", "pham vi"), ("thoi_gian", "thoi gian")],
    "noi_dung_hinh_thuc": [("hinh_thuc", "hinh thuc"), ("noi_dung", "noi dung")],
}


def is_objective_heading(head: str) -> bool:
    """'Mục tiêu chung', 'Mục tiêu cụ thể': parts of the objectives, not a sub-section of their own."""
    words = fold(head).split()
    return len(words) > 2 and similar(" ".join(words[:2]), "muc tieu", 0.85)


def section_kind(title: str) -> str | None:
    folded = fold(title)
    for kind, phrases in SECTION_PHRASES:
        if kind == "muc_dich_yeu_cau":
            hits = [p for p in phrases if has_phrase(folded, p)]
            if "yeu cau" in hits and len(hits) >= 2:
                return kind
            if hits:
                return "yeu_cau" if hits == ["yeu cau"] else "muc_dich"
            continue
        if any(has_phrase(folded, p) for p in phrases):
            if kind == "nhiem_vu" and has_phrase(folded, "noi dung"):
                return "noi_dung_hinh_thuc"  # "NỘI DUNG, NHIỆM VỤ CỤ THỂ" is the plan's content
            return kind
    return None


def subsection_kind(container: str, title: str) -> str | None:
    folded = fold(title)
    for kind, phrase in SUBSECTION_PHRASES.get(container, []):
        # A sub-heading starts with its phrase: "Nội dung tuyên truyền", "Hình thức ..."
        head = " ".join(folded.split()[: len(phrase.split())])
        if similar(head, phrase, 0.85):
            return kind
    return None


# Words that open the name of an agency or of a civil-servant post.
AGENCY_HEADS = (
    "phong", "trung tam", "van phong", "cac co quan", "cac phong", "cac don vi", "cac ban",
    "cac bo phan", "cac to chuc", "cac doan the", "cong chuc", "ban ", "uy ban", "ubnd",
    "ubmttq", "mttq", "mat tran", "doan ", "hoi ", "cong an", "quan su",
    "tram", "truong", "dai ", "bo phan", "co quan", "don vi", "lanh dao", "chu tich",
    "pho chu tich", "hop tac xa", "bi thu", "thu truong", "de nghi",
    "cac hoi", "chi cuc", "so ", "bao ", "vu ", "cuc ", "tap chi", "cac so", "cac bo", "thanh tra", "dai ", "kho bac", "buu dien", "thon", "to dan pho", "khu pho",
)


def is_agency_start(text: str) -> bool:
    folded = fold(text)
    return any(folded.startswith(head) for head in AGENCY_HEADS)

BARE_AGENCY_HEADS = {"trung tam", "phong", "van phong", "ban", "cong chuc", "uy ban", "uy ban nhan dan",
                     "doan", "hoi", "bo phan", "cac co quan", "co quan", "don vi", "tram"}


TIME_HEADS = (
    "thuong xuyen", "thang", "quy", "nam ", "truoc", "trong", "hang", "dinh ky", "tu ",
    "den ", "ban hanh", "hoan thanh", "theo", "it nhat", "toi thieu", "ca nam", "sau", "khi", "dip",
    "bao cao", "lien tuc", "t1", "t2", "t3", "t4", "t5", "t6",
    "t7", "t8", "t9", "dot", "cac dot", "nhan dip", "ngay", "tuan", "moi",
)


def is_time_start(text: str) -> bool:
    folded = fold(text).lstrip("-+ ")
    if re.match(r"^\d", folded):
        return True
    return any(folded.startswith(head) for head in TIME_HEADS)


# A line ending with one of these words cannot end a table cell: the phrase goes on.
DANGLING = {
    "cua", "va", "voi", "cac", "tren", "tai", "ve", "cho", "trong", "theo", "den", "tu", "thuoc",
    "truoc", "nhung", "la", "de", "o", "bang", "hoac",
}
# These end a phrase unless a number follows: "Tháng" + "01/2026", but "... cuối quý" ends.
WANTS_NUMBER = {"ngay", "thang", "nam", "quy", "so"}
