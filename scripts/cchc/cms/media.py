"""Images and attachments uploaded through the editor: what may go under content/.

What any file under content/ may be (its type, its size, an SVG without script) is the one policy of
check/content_files.py; an upload must also land under content/ and its first bytes must say what its
name says (a renamed .exe is not a .pdf). Images must be described: a cover has its required `mo_ta`,
and an image in a Markdown body needs its alt text (`![mô tả](…)`), which the site's link check requires too.
"""

from __future__ import annotations

import os
import posixpath
import re
import tempfile

from ..base.problems import Mark, ProblemList
from ..check.content_files import file_problems

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# The first bytes of the types the policy publishes, where a type has fixed ones.
SIGNATURES = {".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
              ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".pdf": (b"%PDF-",),
              ".docx": _ZIP, ".xlsx": _ZIP, ".pptx": _ZIP, ".odt": _ZIP, ".ods": _ZIP, ".odp": _ZIP, ".zip": _ZIP,
              ".doc": _OLE, ".xls": _OLE, ".ppt": _OLE}
CONTENT_DIR = "content"

_NO_ALT = re.compile(r"!\[\s*\]\(")


def upload_problems(path: str, data: bytes) -> list[str]:
    """Why an uploaded file may not be written at `path` (repository-relative), or nothing."""
    path = path.replace("\\", "/").lstrip("/")
    name = posixpath.basename(path)
    if not path.startswith(CONTENT_DIR + "/") or ".." in path.split("/"):
        return [f"Tệp '{name}' chỉ được tải lên thư mục {CONTENT_DIR}/."]
    with tempfile.TemporaryDirectory(prefix="cchc-tai-len-") as scratch:
        with open(os.path.join(scratch, name), "wb") as out:
            out.write(data)
        problems = [f"{path}: {p.message}" for p in file_problems(scratch, name, path)]
    extension = posixpath.splitext(name)[1].lower()
    wanted = SIGNATURES.get(extension)
    if not problems and wanted and (not data.startswith(wanted) or (extension == ".webp" and data[8:12] != b"WEBP")):
        problems.append(f"Tệp '{name}' không đúng là tệp {extension}: nội dung không khớp với đuôi tên tệp.")
    return problems


def alt_problems(body: str, first_line: int, problems: ProblemList) -> None:
    """An image in a Markdown body without a description: people who cannot see it get nothing."""
    for number, line in enumerate(body.split("\n"), start=first_line):
        for match in _NO_ALT.finditer(line):
            problems.error(Mark(number, match.start() + 1),
                           "Ảnh chưa có mô tả: viết mô tả giữa hai dấu ngoặc vuông, ví dụ ![Hội nghị triển khai kế hoạch](…).")
