"""The dev part's documents with a scan's typical damage to the genre's markers: which refusals remain?

    python scripts/stress_import.py

Each dev document (.txt) is imported with one or two kinds of damage an OCR
reading does to a heading: the year misread in the first lines ("2O26"), the
type line misread, a section heading with one wrong letter, the title line
or the date line lost, specks read as full stops. A plan should still import
(with notes); the refusals are printed, one per line, then their count. The
eval part is never damaged here: it stays the measure.
"""

from __future__ import annotations

import itertools
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

import eval_import  # noqa: E402
import import_formats  # noqa: E402
from cchc.importer import ImportFailure, import_document  # noqa: E402

HEAD_LINES = 25  # where the type, title, number and date stand


def _in_head(text: str, change) -> str:
    lines = text.split("\n")
    return "\n".join([change(line) if index < HEAD_LINES else line for index, line in enumerate(lines)])


def year_misread(text: str) -> str:
    return _in_head(text, lambda line: re.sub(r"\b20(\d\d)\b", r"2O\1", line))


def type_misread(text: str) -> str:
    return re.sub(r"K[ẾE]\s?HO[ẠA]CH", "KÉ HOẠCII", text, count=1)


def section_misread(text: str) -> str:
    rng = random.Random(1)

    def one_letter(match: re.Match) -> str:
        heading = match.group(0)
        at = rng.randrange(4, len(heading))
        return heading[:at] + "ĩ" + heading[at + 1:]
    return re.sub(r"(?m)^[IVX]+\.\s+[A-ZĐÀ-Ỹ ,]{6,}$", one_letter, text)


def title_lost(text: str) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines[:40]):
        if re.fullmatch(r"\s*K[ẾE]\s?HO[ẠA]CH\s*", line):
            return "\n".join(lines[:index + 1] + lines[index + 2:])
    return text


def date_lost(text: str) -> str:
    return re.sub(r"(?m)^.*ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}.*$", "", text, count=1)


def specks(text: str) -> str:
    return _in_head(text, lambda line: line.replace(" ", " . ", 1))


DAMAGE = {"nam": year_misread, "ten-loai": type_misread, "tieu-de-muc": section_misread,
          "trich-yeu": title_lost, "ngay": date_lost, "vet-ban": specks}


def main() -> int:
    kinds = [(kind,) for kind in DAMAGE] + list(itertools.combinations(DAMAGE, 2))
    refused = tried = 0
    with import_formats.Renderer() as renderer, tempfile.TemporaryDirectory() as work:
        for doc_id, master, _expected in eval_import.documents("dev", None):
            text = renderer.render(master, "txt").read_text("utf-8")
            for combination in kinds:
                damaged = text
                for kind in combination:
                    damaged = DAMAGE[kind](damaged)
                path = Path(work) / f"{doc_id}.txt"
                path.write_text(damaged, "utf-8")
                tried += 1
                try:
                    import_document(path)
                except ImportFailure as err:
                    refused += 1
                    print(f"{'+'.join(combination):22s} {doc_id}: {err}", flush=True)
    print(f"Từ chối {refused}/{tried} lần nhập văn bản bị hỏng.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
