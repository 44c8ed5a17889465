"""The unit's agencies, proposed from the plan for `cac_co_quan` in its profile.

Sources: the lead and cooperating agencies of the task table and the agencies
of "Tổ chức thực hiện". One agency is written many ways in one document
("Phòng Văn hoá - Xã hội", "Phòng Văn hóa – Xã hội xã", "phòng văn hóa - xã hội"):
names are the same agency when they agree after folding (tones, đ, case), one
kind of dash, and without the unit's kind ("xã", "phường") at the end, or
differ by a typo (95 % alike). The
spelling used most often becomes `ten`, the others `ten_khac`. Collective
phrases ("Các cơ quan, đơn vị liên quan") are not agencies and are left out.
"""

from __future__ import annotations

import re
from collections import Counter

from . import vocab

_DASHES = re.compile(r"\s*[-–—]\s*")
_UNIT_TAIL = re.compile(r"\s+(xa|phuong|dac khu|thi tran)(\s+[\w ]+)?$")
_COLLECTIVE = re.compile(r"^(cac|toan the|moi|tat ca)\b|\bcac\b|\bva cac\b")
_FOR_REQUEST = re.compile(r"^(De nghi|Đề nghị)\s+", re.I)


def key(name: str, unit_name: str = "") -> str:
    """What stays the same across the spellings of one agency's name."""
    folded = _DASHES.sub("-", vocab.fold(name)).strip(" .,;:")
    tail = _UNIT_TAIL.search(folded)
    if tail and (not tail.group(2) or vocab.fold(unit_name) == tail.group(2).strip()):
        folded = folded[:tail.start()]
    return folded


def _names_in(cell: str) -> list[str]:
    """A cell may list several agencies: "Phòng Văn hóa - Xã hội; Công an xã"."""
    names = []
    for line in re.split(r"[;\n]", cell or ""):
        line = _FOR_REQUEST.sub("", line.strip(" -+.•"))
        parts = [p.strip() for p in line.split(",")]
        # "Các cơ quan, đơn vị liên quan" is one phrase; "Phòng A, Công an xã" are two agencies.
        if len(parts) > 1 and all(p[:1].isupper() and vocab.is_agency_start(p) for p in parts):
            names += parts
        elif line:
            names.append(line)
    return names


def _is_agency(name: str) -> bool:
    folded = vocab.fold(name)
    return (vocab.is_agency_start(name) and not _COLLECTIVE.search(folded) and 3 <= len(name) <= 120
            and folded not in vocab.BARE_AGENCY_HEADS)


def _slug(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9 ]", " ", text.replace("-", " ")).split())


def propose(plan: dict, unit_name: str = "") -> list[dict]:
    spellings: dict[str, Counter] = {}
    order: list[str] = []
    sources = [task.get(k, "") for task in plan.get("nhiem_vu", []) for k in ("chu_tri", "phoi_hop")]
    sources += [agency.get("co_quan", "") for agency in plan.get("to_chuc_thuc_hien", [])]
    for cell in sources:
        for name in _names_in(cell):
            name = vocab.squash(name)
            if not _is_agency(name):
                continue
            found = key(name, unit_name)
            # a typo ("Trung tâm phụ vụ ...") is the same agency as the name it misspells
            found = next((k for k in order if k != found and vocab.similar(k, found, 0.95)), found)
            if found not in spellings:
                spellings[found] = Counter()
                order.append(found)
            spellings[found][name] += 1
    result, used = [], set()
    for found in order:
        names = spellings[found]
        best = max(names, key=lambda n: (names[n], -list(names).index(n)))
        ma = _slug(re.sub(r"^phong ", "", found)) or "co-quan"
        while ma in used:
            ma += "-2"
        used.add(ma)
        entry = {"ma": ma, "ten": best}
        others = [n for n in names if n != best]
        if others:
            entry["ten_khac"] = others
        result.append(entry)
    return result
