"""The unit's agencies, proposed from the plan for `cac_co_quan` in its profile.

Sources: the lead and cooperating agencies of the task table and the agencies
of "Tổ chức thực hiện". One agency is written many ways in one document
("Phòng Văn hoá - Xã hội", "Phòng Văn hóa – Xã hội xã", "phòng văn hóa - xã hội"):
names are the same agency when the portal would resolve them to one
(model/agencies.py `name_key`: case, dash, tone placement, the unit's kind at
the end), or when they differ by a typo (95 % alike). The
spelling used most often becomes `ten`, the others `ten_khac`. Groups
("Các cơ quan, đơn vị liên quan", `is_group`) are not agencies and are left out.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model.agencies import is_group, name_key
from . import vocab

_FOR_REQUEST = re.compile(r"^(De nghi|Đề nghị)\s+", re.I)


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
    return (vocab.is_agency_start(name) and not is_group(name) and 3 <= len(name) <= 120
            and vocab.fold(name) not in vocab.BARE_AGENCY_HEADS)


def _slug(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9 ]", " ", text.replace("-", " ")).split())


def propose(plan: dict, unit_kind: str = "", unit_name: str = "") -> list[dict]:
    spellings: dict[str, Counter] = {}
    order: list[str] = []
    sources = [task.get(k, "") for task in plan.get("nhiem_vu", []) for k in ("chu_tri", "phoi_hop")]
    sources += [agency.get("co_quan", "") for agency in plan.get("to_chuc_thuc_hien", [])]
    for cell in sources:
        for name in _names_in(cell):
            name = vocab.squash(name)
            if not _is_agency(name):
                continue
            found = name_key(name, unit_kind, unit_name)
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
        ma = _slug(re.sub(r"^phong ", "", vocab.fold(found))) or "co-quan"
        while ma in used:
            ma += "-2"
        used.add(ma)
        entry = {"ma": ma, "ten": best}
        others = [n for n in names if n != best]
        if others:
            entry["ten_khac"] = others
        result.append(entry)
    return result
