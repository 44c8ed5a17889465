"""Images and attachments uploaded through the editor: what may go under content/.

A file is accepted when its extension is one of ours and its first bytes say the same thing
(a renamed .exe is not a .pdf), it is not too large for citizens on slow connections, and it
lands under content/. Images must be described: a cover has its required `mo_ta`, and an image in
a Markdown body needs its alt text (`![mô tả](…)`), which the built site's link check also requires.
"""

from __future__ import annotations

import posixpath
import re

from ..base.problems import Mark, ProblemList

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
IMAGES = {".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
          ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",)}
ATTACHMENTS = {".pdf": (b"%PDF-",), ".docx": _ZIP, ".xlsx": _ZIP, ".pptx": _ZIP, ".odt": _ZIP, ".ods": _ZIP,
               ".doc": _OLE, ".xls": _OLE}
MAX_BYTES = 5 * 1024 * 1024
CONTENT_DIR = "content"

_NO_ALT = re.compile(r"!\[\s*\]\(")


def _size(number: int) -> str:
    return f"{number / (1024 * 1024):.1f} MB".replace(".", ",")


def upload_problems(path: str, data: bytes) -> list[str]:
    """Why an uploaded file may not be written at `path` (repository-relative), or nothing."""
    path = path.replace("\\", "/").lstrip("/")
    name = posixpath.basename(path)
    extension = posixpath.splitext(name)[1].lower()
    problems = []
    if not path.startswith(CONTENT_DIR + "/") or ".." in path.split("/"):
        problems.append(f"Tệp '{name}' chỉ được tải lên thư mục {CONTENT_DIR}/.")
    allowed = {**IMAGES, **ATTACHMENTS}
    if extension not in allowed:
        kinds = ", ".join(sorted(allowed))
        problems.append(f"Tệp '{name}': loại tệp không được nhận. Chỉ nhận ảnh và tài liệu: {kinds}.")
    elif not data.startswith(allowed[extension]) or (extension == ".webp" and data[8:12] != b"WEBP"):
        problems.append(f"Tệp '{name}' không đúng là tệp {extension}: nội dung không khớp với đuôi tên tệp.")
    if len(data) > MAX_BYTES:
        problems.append(f"Tệp '{name}' nặng {_size(len(data))}, quá giới hạn {_size(MAX_BYTES)}: "
                        "hãy thu nhỏ ảnh hoặc nén tài liệu trước khi tải lên.")
    return problems


def alt_problems(body: str, first_line: int, problems: ProblemList) -> None:
    """An image in a Markdown body without a description: people who cannot see it get nothing."""
    for number, line in enumerate(body.split("\n"), start=first_line):
        for match in _NO_ALT.finditer(line):
            problems.error(Mark(number, match.start() + 1),
                           "Ảnh chưa có mô tả: viết mô tả giữa hai dấu ngoặc vuông, ví dụ ![Hội nghị triển khai kế hoạch](…).")
