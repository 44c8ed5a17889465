"""Where a command may write or delete, checked before it does.

A build replaces its output folder, so the folder must be a previous build
(it carries the marker file every build writes) or empty, and never the
repository, the data or the theme, nor a folder holding any of them. The
same goes for the folders a deploy and a report write to.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile

from .. import __version__

MARKER = ".cchc-build"  # written into every finished build; its presence lets the next build replace it
PROTECTED = ("plans", "content", "theme", ".git", "mkdocs.yml")  # relative to the portal's root


class UnsafeTarget(Exception):
    """The message says, in Vietnamese, why nothing was written."""


def _inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies below it (both real paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def protected_paths(root: str) -> list[str]:
    root = os.path.realpath(root)
    return [root] + [os.path.realpath(os.path.join(root, name)) for name in PROTECTED
                     if os.path.lexists(os.path.join(root, name))]


def check_not_protected(root: str, target: str, what: str) -> None:
    """`target` must not be, hold, or lie inside the repository's data, theme or history."""
    real = os.path.realpath(target)
    root_real = os.path.realpath(root)
    for protected in protected_paths(root):
        shown = os.path.relpath(protected, root_real) if protected != root_real else "thư mục gốc của cổng"
        if _inside(protected, real):
            raise UnsafeTarget(f"Không dùng '{target}' làm {what}: thư mục này chứa {shown}, sẽ bị xóa khi ghi.")
        if protected != root_real and _inside(real, protected):
            raise UnsafeTarget(f"Không dùng '{target}' làm {what}: nó nằm trong {shown} (dữ liệu của cổng).")


def check_site_dir(root: str, site_dir: str) -> None:
    """A build may replace `site_dir` only when it is missing, empty, or a previous build."""
    check_not_protected(root, site_dir, "thư mục trang dựng")
    if os.path.lexists(site_dir) and (os.path.islink(site_dir) or not os.path.isdir(site_dir)):
        raise UnsafeTarget(f"Không dựng vào '{site_dir}': đó là một tệp hoặc liên kết, không phải thư mục.")
    if os.path.isdir(site_dir) and os.listdir(site_dir) and not os.path.isfile(os.path.join(site_dir, MARKER)):
        raise UnsafeTarget(f"Không dựng vào '{site_dir}': thư mục đã có nội dung nhưng không phải một bản dựng "
                           "trước của cchc (thiếu tệp đánh dấu .cchc-build), nên sẽ không bị thay. "
                           "Hãy chọn --site-dir khác hoặc tự xóa thư mục đó nếu chắc chắn.")


def write_marker(site_dir: str, **facts) -> None:
    """Mark a finished build; deterministic content (no clock), so two builds stay byte-identical."""
    with open(os.path.join(site_dir, MARKER), "w", encoding="utf-8") as out:
        json.dump({"cchc": __version__, **facts}, out, ensure_ascii=False, sort_keys=True)
        out.write("\n")


def read_marker(site_dir: str) -> dict | None:
    try:
        with open(os.path.join(site_dir, MARKER), encoding="utf-8") as data:
            value = json.load(data)
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def check_report_output(root: str, output: str) -> None:
    """A report goes to a .docx that is not one of the portal's own files."""
    if not output.lower().endswith(".docx"):
        raise UnsafeTarget(f"Tệp báo cáo phải có đuôi .docx ('{output}').")
    if os.path.lexists(output) and (os.path.islink(output) or not os.path.isfile(output)):
        raise UnsafeTarget(f"Không ghi báo cáo vào '{output}': đó không phải một tệp thường.")
    check_not_protected(root, output, "tệp báo cáo")


@contextlib.contextmanager
def atomic_output(path: str):
    """Yield a temporary path beside `path`; it replaces `path` only if the block succeeds, so a
    full disk or a crash never leaves an empty or half-written file in place of the old one."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".cchc-", suffix=os.path.splitext(path)[1], dir=folder)
    os.close(handle)
    try:
        yield temporary
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
