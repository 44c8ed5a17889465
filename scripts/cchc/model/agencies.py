"""A unit's agencies, listed once in its profile, and every mention of one resolved to it.

Plans, progress and posts keep the document's wording ("Phòng Văn hoá - Xã hội",
"Phòng Văn hóa – Xã hội phường"); pages that count or group by agency use the
agency each wording resolves to. Two wordings name the same agency when they
have the same `name_key`:

- case, spacing, Unicode composition (NFC/NFD) and the dash used (- – — ...)
  do not count;
- the old and new placement of a tone mark ("hoá"/"hóa", "Uỷ"/"Ủy", "khoẻ"/"khỏe")
  does not count;
- a trailing "xã"/"phường"/"đặc khu" (with or without the unit's name) does not
  count: in a ward's own plan, "Trung tâm Dịch vụ tổng hợp phường" is its
  "Trung tâm Dịch vụ tổng hợp";
- a leading "Đề nghị" does not count: plans address bodies outside the
  committee (the Fatherland Front, the Youth Union) as a request.

Other spellings (abbreviations, typos) resolve through the agency's
``ten_ngan`` and ``ten_khac``. A mention that names a group ("Các cơ quan, đơn
vị liên quan") is not one agency and is left as written.

A unit without ``cac_co_quan`` is not checked: its mentions still merge by
`name_key`, each group shown under its first spelling and without an id.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from ..base.problems import Mark, ProblemList
from ..base.text import fold

_DASHES = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]+\s*")
_SPACES = re.compile(r"\s+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below (decomposed)
# Old-style placement puts the tone on the first vowel of oa, oe, uy: move it to the second one.
_OLD_TONE = re.compile(f"([oOuU])([{_TONES}])([aAeEyY])")
_REQUEST = re.compile(r"^đề nghị\s+")
_GROUP = re.compile(r"^(lãnh đạo\s+)?(các|toàn thể)\s")
_TRAILING_PUNCTUATION = " .,;:"


def _new_tone_placement(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_TONE.sub(lambda m: m[1] + m[3] + m[2], decomposed)
    return unicodedata.normalize("NFC", moved)


def _plain(text: str) -> str:
    text = _new_tone_placement(text).casefold()
    text = _DASHES.sub(" - ", text)
    return _SPACES.sub(" ", text).strip(_TRAILING_PUNCTUATION)


def name_key(text: str, unit_kind: str = "", unit_name: str = "") -> str:
    """The form two wordings of one agency share (see the module's docstring)."""
    key = _REQUEST.sub("", _plain(text))
    if unit_kind:
        kind = _plain(unit_kind)
        for suffix in (f" {kind} {_plain(unit_name)}" if unit_name else None, f" {kind}"):
            if suffix and key.endswith(suffix) and len(key) > len(suffix):
                key = key[: -len(suffix)].rstrip(_TRAILING_PUNCTUATION)
                break
    return key


def is_group(text: str) -> bool:
    """'Các cơ quan, đơn vị liên quan', 'Lãnh đạo các phòng ...': a group, not one agency."""
    return bool(_GROUP.match(_REQUEST.sub("", _plain(text))))


@dataclass
class Agency:
    id: str  # `ma` in the profile; "" for a wording no list names
    name: str
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    sample: bool = False  # the entry is the data enterer's reading of the documents
    listed: bool = True  # False: made from a wording, because the unit lists no agencies or none matched

    @property
    def shown_name(self) -> str:
        return self.short_name or self.name


class AgencyDirectory:
    """The agencies of one unit, and what each wording resolves to."""

    def __init__(self, unit_kind: str = "", unit_name: str = "", agencies: list[Agency] | None = None):
        self.unit_kind, self.unit_name = unit_kind, unit_name
        self.agencies: list[Agency] = list(agencies or [])
        self._by_key: dict[str, Agency] = {}
        self._unlisted: dict[str, Agency] = {}
        for agency in self.agencies:
            for wording in self.wordings(agency):
                self._by_key.setdefault(self.key(wording), agency)

    @property
    def has_list(self) -> bool:
        return bool(self.agencies)

    @staticmethod
    def wordings(agency: Agency) -> list[str]:
        return [agency.name] + ([agency.short_name] if agency.short_name else []) + agency.aliases

    def key(self, wording: str) -> str:
        return name_key(wording, self.unit_kind, self.unit_name)

    def find(self, wording: str) -> Agency | None:
        """The listed agency a wording names, or None."""
        return self._by_key.get(self.key(wording))

    def resolve(self, wording: str) -> Agency:
        """Always an agency: the listed one, or one made from the wording (the same for every variant)."""
        found = self.find(wording)
        if found is not None:
            return found
        key = self.key(wording)
        if key not in self._unlisted:
            self._unlisted[key] = Agency("", wording.strip(), listed=False)
        return self._unlisted[key]

    def closest(self, wording: str) -> Agency | None:
        """The listed agency whose wording is nearest, for a 'did you mean' hint."""
        folded = {fold(self.key(w), lower=True): agency for agency in self.agencies for w in self.wordings(agency)}
        guess = difflib.get_close_matches(fold(self.key(wording), lower=True), list(folded), n=1, cutoff=0.5)
        return folded[guess[0]] if guess else None

    def check(self, wording: str, mark: Mark | None, problems: ProblemList, profile_path: str) -> None:
        """Warn when a list exists and this wording names none of its agencies (nor a group)."""
        if not self.has_list or not wording.strip() or is_group(wording) or self.find(wording) is not None:
            return
        message = f"Cơ quan '{wording.strip()}' không có trong danh sách cac_co_quan của {profile_path}."
        near = self.closest(wording)
        if near is not None:
            message += (f" Có phải ý bạn là '{near.name}' (ma: {near.id})? Nếu đúng, thêm cách viết này vào "
                        f"ten_khac của cơ quan đó; nếu là cơ quan khác, thêm một mục vào cac_co_quan.")
        else:
            message += " Hãy thêm cơ quan này vào cac_co_quan, hoặc thêm cách viết này vào ten_khac của cơ quan đúng."
        problems.warning(mark, message)


def build_directory(unit_kind: str, unit_name: str, entries: list[dict], checked, problems: ProblemList,
                    ) -> AgencyDirectory:
    """The profile's `cac_co_quan`; two agencies sharing an id or a wording are errors at the second one."""
    agencies: list[Agency] = []
    first_line: dict[str, int] = {}
    owners: dict[str, Agency] = {}
    probe = AgencyDirectory(unit_kind, unit_name)
    for i, entry in enumerate(entries):
        agency = Agency(entry["ma"], entry["ten"], entry.get("ten_ngan", ""), list(entry.get("ten_khac", [])),
                        entry.get("du_lieu_mau", False))
        id_mark = checked.mark(("cac_co_quan", i, "ma"))
        if agency.id in first_line:
            problems.error(id_mark, f"Mã cơ quan '{agency.id}' bị trùng (đã dùng ở dòng {first_line[agency.id]}).")
            continue
        first_line[agency.id] = id_mark.line if id_mark else 0
        wordings: list[tuple[tuple, str]] = [(("ten",), agency.name)]
        wordings += [(("ten_ngan",), agency.short_name)] if agency.short_name else []
        wordings += [(("ten_khac", k), alias) for k, alias in enumerate(agency.aliases)]
        clashes = 0
        for path, wording in wordings:
            owner = owners.setdefault(probe.key(wording), agency)
            if owner is not agency:
                problems.error(checked.mark(("cac_co_quan", i) + path),
                               f"Cách viết '{wording}' trùng với cơ quan '{owner.name}' (ma: {owner.id}): "
                               "mỗi cách viết chỉ được chỉ một cơ quan.")
                clashes += 1
        if not clashes:
            agencies.append(agency)
    return AgencyDirectory(unit_kind, unit_name, agencies)
