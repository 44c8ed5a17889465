"""Programs outside Python that some formats need, and what to say when one is missing.

Word 97 `.doc` files are converted by LibreOffice; scanned PDFs are read by
Tesseract (Vietnamese model) from pages that poppler's pdftoppm renders. None of
them is a Python package, so each is looked up on PATH at run time and, when it
is missing, staff are told which Debian package brings it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .types import ReadError

# program -> the Debian packages that install it (and, for Tesseract, its Vietnamese model)
PACKAGES = {
    "soffice": "libreoffice-writer-nogui",
    "tesseract": "tesseract-ocr tesseract-ocr-vie",
    "pdftoppm": "poppler-utils",
}
# A program that runs past this is stuck (a dialog, a damaged file): give up rather than hang.
TIMEOUT = int(os.environ.get("CCHC_IMPORT_TIMEOUT", "600"))


def find(program: str) -> str | None:
    return shutil.which(program) or (shutil.which("libreoffice") if program == "soffice" else None)


def install_hint(programs: list[str]) -> str:
    packages = " ".join(PACKAGES[p] for p in programs)
    return f"sudo apt-get install --no-install-recommends {packages}"


def require(programs: list[str], what: str, name: str) -> dict[str, str]:
    """Paths of the programs, or a ReadError that says how to install the missing ones."""
    found = {p: find(p) for p in programs}
    missing = [p for p, where in found.items() if not where]
    if missing:
        raise ReadError(f"{name}: {what} cần chương trình {', '.join(missing)} nhưng máy chưa cài. "
                        f"Trên Debian/Ubuntu, cài bằng lệnh: {install_hint(missing)} — rồi nhập lại.")
    return found  # type: ignore[return-value]


def run(command: list[str], name: str, what: str, cwd: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a program; `env` adds to the environment."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, cwd=cwd, check=False,
                              stdin=subprocess.DEVNULL, env={**os.environ, **env} if env else None)
    except subprocess.TimeoutExpired:
        raise ReadError(f"{name}: {what} chạy quá {TIMEOUT} giây, đã dừng. Tệp có thể bị hỏng.") from None
    except OSError as err:
        raise ReadError(f"{name}: không chạy được {command[0]} ({err.strerror}).") from None
    if done.returncode != 0:
        raise ReadError(f"{name}: {what} không thành công (mã {done.returncode}). Tệp có thể bị hỏng.")
    return done


def scratch() -> tempfile.TemporaryDirectory:
    """A private folder for a conversion; nothing is written beside the staff's file."""
    return tempfile.TemporaryDirectory(prefix="cchc-import-")


def only_file(folder: str, suffix: str) -> Path | None:
    found = sorted(Path(folder).glob(f"*{suffix}"))
    return found[0] if found else None
