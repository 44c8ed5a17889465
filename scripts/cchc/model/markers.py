"""What staff must clear in a content file before publishing: the importer's `# CẦN XEM` notes in its
front matter, and a `noi_dung_mau: true` marker.

model/readiness.py lists them for the whole portal; model/content.py finds them as it loads each post
and question, so that the list does not read and parse every file a second time.
"""

from __future__ import annotations

import re

from ..base.problems import Mark, Problem
from ..base.text import fold
from ..check.schema import Checked

SAMPLE_CONTENT = "noi_dung_mau"
NOTE = re.compile(r"(?:^|(?<=\s))#+\s*")  # where a comment may start: a line's start, or after a space
NOTE_START = "CAN XEM"  # "CẦN XEM", folded: staff may retype it without marks
CLEAR_MARK = "rồi xóa dòng '{key}: true'"
# The sample marker's label by the schema the file is checked with; None: a hand-written page.
LABELS = {"bai-viet": "Bài viết mẫu", "hoi-dap": "Câu hỏi – trả lời mẫu", None: "Trang này là nội dung mẫu"}


def notes(shown: str, lines: list[str]):
    """`# CẦN XEM: ...` comment lines (or line ends) the importer left for staff."""
    for number, line in enumerate(lines, start=1):
        for found in NOTE.finditer(line):
            said = line[found.end():].strip()
            if not fold(said).upper().startswith(NOTE_START):
                continue
            note = said.split(":", 1)[1].strip() if ":" in said else ""
            if len(note) > 160:
                note = note[:157] + "..."
            yield Problem(shown, Mark(number, found.start() + 1),
                          f"Còn ghi chú “CẦN XEM” của lệnh nhập{f' ({note})' if note else ''}: đối chiếu với "
                          "văn bản gốc, sửa giá trị nếu cần, rồi xóa dòng ghi chú.")
            break


def is_sample(checked: Checked) -> bool:
    return (checked.value or {}).get(SAMPLE_CONTENT) is True


def content_file(shown: str, schema: str | None, checked: Checked, head: list[str]) -> list[Problem]:
    """A post's, question's (`schema`) or hand-written page's (None) notes and sample marker;
    `head`: the lines of its front matter, fences included."""
    found = list(notes(shown, head))
    if is_sample(checked):
        what = "xóa tệp này, hoặc viết nội dung thật" if schema else "viết nội dung thật của đơn vị"
        found.append(Problem(shown, checked.mark((SAMPLE_CONTENT,)),
                             f"{LABELS[schema]}: {what} {CLEAR_MARK.format(key=SAMPLE_CONTENT)}."))
    return found
