"""The task table of the appendix, in every shape it arrives.

A real table (Word, Markdown, tab-separated text) gives its cells directly. A
PDF table flattened into lines gives, per row, its number on a line of its own
and then every cell's lines one after another; the cells are found again by
choosing the split that best fits what each column holds (times, agencies).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from . import vocab
from .types import Table

ROLE_PHRASES: list[tuple[str, str]] = [
    ("thoi gian thuc hien/hoan thanh", "thoi_gian"), ("thoi gian thuc hien / hoan thanh", "thoi_gian"),
    ("thoi gian hoan thanh", "hoan_thanh"), ("thoi han hoan thanh", "hoan_thanh"),
    ("thoi gian thuc hien", "thoi_gian"), ("thoi gian trien khai", "thoi_gian"),
    ("co quan chu tri", "chu_tri"), ("don vi chu tri", "chu_tri"), ("chu tri", "chu_tri"),
    ("co quan phoi hop", "phoi_hop"), ("don vi phoi hop", "phoi_hop"), ("phoi hop", "phoi_hop"),
    ("noi dung nhiem vu", "noi_dung"), ("ten nhiem vu", "noi_dung"), ("nhiem vu", "noi_dung"),
    ("noi dung", "noi_dung"), ("hoat dong", "noi_dung"),
    ("du kien ket qua", "san_pham"), ("ket qua/san pham", "san_pham"), ("san pham", "san_pham"),
    ("ket qua", "san_pham"), ("hoan thanh", "hoan_thanh"), ("thoi han", "hoan_thanh"),
    ("thoi gian", "thoi_gian"), ("ghi chu", "ghi_chu"), ("so tt", "stt"), ("stt", "stt"), ("tt", "stt"),
]
_ROLE_RE = re.compile("|".join(r"\b" + re.escape(p) + r"\b" for p, _ in ROLE_PHRASES))
_ROLE_OF = dict(ROLE_PHRASES)


def _misread_role(cell: str) -> list[str]:
    """A header cell one letter away from a role's words ("Cơ quan chủ tnì", read from a scan)."""
    folded = " ".join(vocab.fold(cell).split())
    return [role for phrase, role in ROLE_PHRASES if len(phrase) >= 8 and _one_edit(folded, phrase)][:1]


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one letter replaced, added or removed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return a[i + (len(a) == len(b)):] == b[i + 1:]
    return True


def roles_in(text: str) -> list[str]:
    """Column roles named in header text, in order (a flattened header is one string)."""
    roles: list[str] = []
    for found in _ROLE_RE.finditer(vocab.fold(text)):
        role = _ROLE_OF[found.group(0)]
        if not roles or roles[-1] != role:
            roles.append(role)
    return roles


def header_roles(cells: list[str]) -> list[str] | None:
    roles = []
    for cell in cells:
        found = roles_in(cell) or _misread_role(cell)
        roles.append(found[0] if found else "")
    if "noi_dung" in roles and ("chu_tri" in roles or "stt" in roles):
        return roles
    return None


@dataclass
class Row:
    stt: str
    cells: dict[str, str]
    line: int = 0
    notes: list[str] = field(default_factory=list)


def _cell_text(text: str) -> str:
    lines = [vocab.squash(line) for line in text.split("\n") if line.strip()]
    return "\n".join(lines)


def rows_from_table(table: Table) -> tuple[list[Row], list[str]]:
    notes: list[str] = []
    header_index = next((i for i, row in enumerate(table.rows) if header_roles(row)), None)
    if header_index is None:
        return [], ["bảng không có dòng tiêu đề nhận ra được (STT, Nhiệm vụ, Chủ trì...)"]
    roles = header_roles(table.rows[header_index]) or []
    rows: list[Row] = []
    for raw in table.rows[header_index + 1:]:
        filled = [cell.strip() for cell in raw if cell.strip()]
        if len(filled) > 2 and all(re.fullmatch(r"\(?\d{1,2}\)?", cell) for cell in filled):
            continue  # the row "(1) (2) (3)..." that numbers the columns
        cells = {role: _cell_text(raw[i]) for i, role in enumerate(roles) if i < len(raw) and role}
        number = cells.pop("stt", "").rstrip(".-,:;")  # "3-": a speck beside the number of a scan
        if re.fullmatch(r"\d{1,3}", number):
            rows.append(Row(number, cells, table.line))
        elif not number and rows and any(cells.values()):
            for role, text in cells.items():  # a row broken across pages continues the last one
                if text:
                    previous = rows[-1].cells.get(role, "")
                    rows[-1].cells[role] = f"{previous}\n{text}" if previous else text
        elif any(cells.values()):
            notes.append(f"bỏ qua dòng nhóm “{number} {next(iter(v for v in cells.values() if v), '')[:60]}”")
    return rows, notes


# --- flattened tables -------------------------------------------------------

def rows_from_lines(lines: list[str]) -> tuple[list[Row], list[str]]:
    """Rebuild rows from the lines of a table that lost its grid."""
    stripped = [line.strip() for line in lines]
    try:
        first = stripped.index("1")
    except ValueError:
        return [], []
    roles = [r for r in roles_in(" ".join(stripped[:first])) if r != "stt"]
    if "noi_dung" not in roles:
        return [], ["có phần giống bảng nhiệm vụ nhưng không nhận ra tiêu đề các cột"]
    chunks: list[tuple[str, list[str]]] = []
    expected = 1
    for raw, text in zip(lines[first:], stripped[first:]):
        if text == str(expected):
            chunks.append((text, []))
            expected += 1
        elif text and chunks:
            chunks[-1][1].append(raw)
    rows: list = []
    notes: list[str] = []
    for number, raw_lines in chunks:
        cells, note = _split_cells(raw_lines, roles)
        row = Row(number, cells)
        if note:
            row.notes.append(note)
        rows.append(row)
    return rows, notes


def _boundary_ok(previous: str, line: str) -> bool:
    """Whether a new cell may start at `line`, judging by the words around the break."""
    text = line.strip()
    if not text or vocab.starts_lower(text):
        return False
    before = previous.rstrip()
    if before.endswith((",", "/", "–", "-", "(")):
        return False
    last = vocab.fold(before).split()[-1:] if before else []
    if last and last[0] in vocab.WANTS_NUMBER and text[:1].isdigit():
        return False
    return not (last and last[0] in vocab.DANGLING)


def _score(role: str, lines: list[str]) -> float:
    text = " ".join(line.strip() for line in lines)
    if role in ("thoi_gian", "hoan_thanh"):
        return 2.0 if vocab.is_time_start(text) and len(text) < 120 else -2.0
    if role in ("chu_tri", "phoi_hop"):
        if vocab.fold(text).strip(" ,") in vocab.BARE_AGENCY_HEADS:
            return 0.0  # "Trung tâm" alone: the name goes on in the next line of the column
        return 2.0 if vocab.is_agency_start(text) else -2.0
    if role == "san_pham":
        return -1.0 if vocab.is_time_start(text) and len(text) < 20 else 0.5
    return 0.0


def _split_cells(raw_lines: list[str], roles: list[str]) -> tuple[dict[str, str], str | None]:
    lines = [line for line in raw_lines if line.strip()]
    need = len(roles) - 1
    candidates = [i for i in range(1, len(lines)) if _boundary_ok(lines[i - 1], lines[i])]
    if len(candidates) < need:
        cuts = candidates
        note = "không tách đủ các cột của dòng này; hãy so với bản gốc"
    else:
        best, cuts = None, []
        for combo in itertools.combinations(candidates, need):
            bounds = [0, *combo, len(lines)]
            score = sum(_score(role, lines[bounds[k]:bounds[k + 1]]) for k, role in enumerate(roles))
            if best is None or score > best:
                best, cuts = score, list(combo)
        note = None
    bounds = [0, *cuts, len(lines)]
    parts = [lines[bounds[k]:bounds[k + 1]] for k in range(len(bounds) - 1)]
    parts += [[] for _ in range(len(roles) - len(parts))]
    _return_overflow(parts, roles)
    return {role: _join_lines(part) for role, part in zip(roles, parts) if part}, note


def _return_overflow(parts: list[list[str]], roles: list[str]) -> None:
    """A dashed list that ran past the last column goes back to the column it began in."""
    last = parts[-1]
    start = next((i for i, line in enumerate(last) if i > 0 and line.strip().startswith("- ")), None)
    if start is None or last[0].strip().startswith("- "):
        return
    for index in range(1, len(parts) - 1):
        if parts[index] and parts[index][0].strip().startswith("- ") and roles[index] != "noi_dung":
            parts[index].extend(last[start:])
            del last[start:]
            return


def _join_lines(lines: list[str]) -> str:
    text = ""
    for raw in lines:
        line = vocab.squash(raw)
        if not text:
            text = line
        elif line.startswith("- ") or (raw[:1].isspace() and re.search(r"[.;:…]$", text)):
            text += "\n" + line
        elif text.endswith("/"):
            text += line
        else:
            text += " " + line
    return text
