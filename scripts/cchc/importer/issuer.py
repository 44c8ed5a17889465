"""Who issued the plan: a commune-level unit (the portal's units) or a higher body.

Where documents say it, most reliable first: the issuing body at the top left
("ỦY BAN NHÂN DÂN" over "XÃ TÂN PHÚ", or both on one line, or merged with the
motto's column), the authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH"),
the lead-in ("Ủy ban nhân dân phường X xây dựng ..."), the title ("... trên địa
bàn xã X năm 2026"), and last the kind alone ("UBND xã ban hành ...") with the
place name of the date line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import vocab
from .references import UPPER

COMMUNE_KINDS = ("xã", "phường", "thị trấn", "đặc khu")
HIGHER_KINDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã")
_KIND = "|".join(sorted(COMMUNE_KINDS + HIGHER_KINDS, key=len, reverse=True))
_NAME = rf"(?P<ten>[{UPPER}][\w'’-]*(?:\s+[{UPPER}0-9][\w'’-]*){{0,4}})"
_COMMITTEE = r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)"
_BY_COMMITTEE = re.compile(rf"{_COMMITTEE}\s+(?P<loai>{_KIND})\s+{_NAME}", re.I)
_KIND_LINE = re.compile(rf"^(?P<loai>{_KIND})\s+(?P<ten>.{{2,40}})$", re.I)
_MINISTRY = re.compile(r"^(?P<kind>BỘ|SỞ|BAN)\s+(?P<ten>[^,;:]{2,60})$")
_IN_TITLE = re.compile(rf"\b(?P<loai>xã|phường|thị trấn|đặc khu)\s+{_NAME}")
_KIND_ONLY = re.compile(rf"{_COMMITTEE}\s+(?P<loai>xã|phường|thị trấn|đặc khu)\b(?-i:(?!\s+[{UPPER}]))", re.I)
_PROVINCE = re.compile(rf"\b(?P<kind>tỉnh|thành phố)\s+(?P<name>[{UPPER}]\w*(?:\s+[{UPPER}]\w*){{0,2}})")
_STOP_WORDS = {"năm", "về", "trên", "giai", "đến", "và", "của", "ban", "xây", "triển", "thực", "như"}


@dataclass
class Issuer:
    unit: dict = field(default_factory=dict)  # a commune-level unit: loai, ten
    body: str | None = None  # a higher body's name, for co_quan_ban_hanh


def title_case(name: str) -> str:
    return " ".join(word[:1].upper() + word[1:].lower() for word in name.split())


def _sentence_case(name: str) -> str:
    name = name.strip()
    return name[:1].upper() + name[1:].lower()


def _name_words(name: str) -> str:
    """A name as the text writes it, up to the first word that is no longer part of it."""
    words = []
    for word in name.split():
        if not word[:1].isupper() and not word[:1].isdigit():
            break
        if vocab.fold(word) in {vocab.fold(w) for w in _STOP_WORDS} and not word.isupper():
            break
        words.append(word.strip(",.;:"))
    return " ".join(words)


def _from_kind(kind: str, name: str) -> Issuer:
    kind = kind.lower()
    name = title_case(name) if name.isupper() else _name_words(name)
    if not name:
        return Issuer()
    if kind in COMMUNE_KINDS:
        return Issuer({"loai": kind, "ten": name})
    return Issuer(body=f"Ủy ban nhân dân {kind} {name}")


def _top_block(texts: list[str]) -> list[str]:
    block = []
    for text in texts:
        if vocab.is_upper_line(text) and len(text) <= 80:
            block.append(vocab.squash(text))
        elif block:
            break
    return block[:3]


def find_issuer(header_texts: list[str], title: str, lead_texts: list[str], place: str | None) -> Issuer:
    block = _top_block(header_texts)
    for line in block:
        ministry = _MINISTRY.match(line)
        if ministry and not re.match(_COMMITTEE, line, re.I):
            return Issuer(body=f"{ministry.group('kind').capitalize()} {_sentence_case(ministry.group('ten'))}")
    # The issuer is the lowest level the block names: "UBND HUYỆN X" over "UBND XÃ Y" is xã Y.
    joined = " ".join(block)
    for text in [*reversed(block), joined, *header_texts]:
        found = _BY_COMMITTEE.search(text) if vocab.is_upper_line(text) else None
        if found:
            return _from_kind(found.group("loai"), found.group("ten"))
    if block and re.fullmatch(_COMMITTEE, block[0], re.I):
        for text in header_texts:
            kind = _KIND_LINE.match(vocab.squash(text))
            if kind and vocab.is_upper_line(text):
                return _from_kind(kind.group("loai"), kind.group("ten"))
    # In running text a committee named may be one cited, not the issuer: only a commune counts here.
    for text in [*lead_texts, *header_texts, title]:
        for found in _BY_COMMITTEE.finditer(text):
            issuer = _from_kind(found.group("loai"), found.group("ten"))
            if issuer.unit:
                return issuer
    found = _IN_TITLE.search(title or "")
    if found:
        issuer = _from_kind(found.group("loai"), found.group("ten"))
        if issuer.unit:
            return issuer
    for text in [*lead_texts, *header_texts]:
        kind = _KIND_ONLY.search(text)
        if kind and place:
            return Issuer({"loai": kind.group("loai").lower(), "ten": place})
    return Issuer()


def find_province(texts: list[str], unit_name: str | None) -> str | None:
    counts: Counter[str] = Counter()
    for text in texts:
        for found in _PROVINCE.finditer(text):
            name = found.group("name").strip()
            if name and name != unit_name and not name.startswith(("Nhà", "Trung")):
                counts[f"{found.group('kind')} {name}"] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]
