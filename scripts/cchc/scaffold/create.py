"""Make a portal: in an empty folder (`cchc init THƯ_MỤC`) or in place of the samples (`--thay-mau`).

Both end with the same files: the tool copied from the cchc checkout this command
runs from, the site settings and home page written for the unit, the unit's
profile (and its plan, when it comes from a document), an empty column and Q&A.
Nothing is written before every value is checked; a new portal is assembled in a
hidden folder beside the target and moved into place in one step.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import ScaffoldError, layout, portal_files
from .unit_spec import UnitSpec, resolve
from ..base.problems import Problem
from ..check import output as problem_output
from ..importer import ImportFailure, Imported, import_document
from ..importer.writer import plan_yaml, problems_in, profile_yaml
from ..model import readiness

YES = {"có", "co", "c", "đồng ý", "dong y"}


@dataclass
class Request:
    unit_id: str | None = None
    name: str | None = None
    kind: str | None = None
    province: str | None = None
    document: str | None = None  # a plan document to import (.docx, .pdf, .md, .txt)
    multi_unit: bool = False


@dataclass
class Prepared:
    spec: UnitSpec
    imported: Imported | None
    document_name: str = ""


def tool_checkout() -> Path:
    """The cchc checkout this command runs from: a new portal copies its files."""
    checkout = Path(__file__).resolve().parents[3]
    if all((checkout / sign).exists() for sign in layout.TOOL_SIGNS):
        return checkout
    raise ScaffoldError("Không tìm thấy bản sao kho cchc (Makefile, pyproject.toml, mkdocs.yml, scripts/cchc) "
                        "mà lệnh này chạy từ đó: cchc init chép công cụ từ bản sao ấy. Hãy chạy lệnh bằng "
                        ".venv/bin/cchc trong bản sao kho cchc (sau make site).")


def prepare(request: Request) -> Prepared:
    """Read the document (if any) and settle the unit; every problem is reported at once."""
    imported = None
    if request.document:
        try:
            imported = import_document(request.document)
        except ImportFailure as err:
            raise ScaffoldError(f"Không nhập được {request.document}: {err}") from None
    spec, errors = resolve(request.unit_id, request.name, request.kind, request.province,
                           imported.unit if imported else None)
    if spec is None:
        where = " (văn bản không ghi đủ)" if imported else ""
        raise ScaffoldError(f"Chưa tạo được cổng{where}:\n" + "\n".join(f"  - {e}" for e in errors))
    return Prepared(spec, imported, Path(request.document).name if request.document else "")


# -- writing ----------------------------------------------------------------------------------------

def _copy_tool(tool: Path, into: Path) -> None:
    def skipped(_folder, names):
        return [n for n in names if n in layout.NOT_COPIED or n.endswith(layout.NOT_COPIED_SUFFIXES)]

    for relative in layout.TOOL_FILES:
        source = tool / relative
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=skipped, symlinks=False)
        elif source.is_file():
            shutil.copy2(source, target)
        else:
            raise ScaffoldError(f"Kho cchc thiếu {relative}: không tạo được cổng mới từ bản sao này.")


def _unit_files(root: Path, tool: Path, prepared: Prepared, multi_unit: bool) -> dict[str, str]:
    """Path (from the portal root) -> text of every file written for the unit."""
    spec = prepared.spec
    unit_dir = root / "plans" / spec.unit_id
    files = {
        layout.SITE_CONFIG: portal_files.site_config((tool / layout.SITE_CONFIG).read_text(encoding="utf-8"),
                                                     spec, multi_unit),
        layout.HOME_PAGE: portal_files.home_page(spec, multi_unit),
    }
    profile_path = unit_dir / "don-vi.yml"
    if prepared.imported:
        files[f"plans/{spec.unit_id}/don-vi.yml"] = profile_yaml(spec.profile(), prepared.document_name,
                                                                 profile_path, root, prepared.imported.agencies)
        plan_path = unit_dir / f"ke-hoach-{prepared.imported.year}.yml"
        files[f"plans/{spec.unit_id}/{plan_path.name}"] = plan_yaml(prepared.imported, prepared.document_name,
                                                                    plan_path, root)
    else:
        files[f"plans/{spec.unit_id}/don-vi.yml"] = portal_files.profile(spec)
    return files


def _write(root: Path, files: dict[str, str]) -> list[Problem]:
    for folder in layout.EMPTY_FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    problems: list[Problem] = []
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if relative.startswith("plans/"):
            problems += problems_in(text, relative, "don-vi" if relative.endswith("don-vi.yml") else "ke-hoach")
    return problems


def _report(root: Path, shown_root: str, prepared: Prepared, problems: list, out: Callable[[str], None]) -> int:
    spec = prepared.spec
    out(f"Đã tạo cổng của {spec.full_name} ({spec.province}) trong {shown_root}:")
    out(f"  plans/{spec.unit_id}/don-vi.yml   hồ sơ đơn vị: bổ sung địa chỉ, điện thoại, đường dây nóng thật")
    if prepared.imported:
        notes = prepared.imported.all_notes()
        out(f"  plans/{spec.unit_id}/ke-hoach-{prepared.imported.year}.yml   kế hoạch nhập từ "
            f"“{prepared.document_name}”" + (f" ({len(notes)} chỗ ghi “CẦN XEM”)" if notes else ""))
    out("  content/chuyen-muc/bai-viet/, content/hoi-dap/cau-hoi/   chuyên mục và hỏi – đáp, chưa có bài")
    out("  mkdocs.yml, content/index.md, content/huong-dan.md   tên trang, trang chủ, hướng dẫn cán bộ")
    if problems:
        problem_output.report(problems, sys.stdout)
        out("Các tệp trên còn lỗi: sửa xong thì make site mới dựng được.")
        return 1
    out("Tiếp theo:")
    if root != Path.cwd().resolve():
        out(f"  cd {shown_root}")
    out("  make site                        dựng bản xem trước vào site/ (lần đầu cài các gói, vài phút)")
    out("  .venv/bin/cchc check --san-sang  những việc còn phải làm trước khi công bố")
    out("  make cong-bo                     dựng bản công bố khi đã sẵn sàng")
    return 0


# -- the two ways in ----------------------------------------------------------------------------------

def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def new_portal(target: str, request: Request, out: Callable[[str], None] = print) -> int:
    tool = tool_checkout()
    destination = Path(target).resolve()
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise ScaffoldError(f"'{target}' đã có và không phải thư mục trống: cchc init chỉ tạo cổng trong thư mục "
                            "mới hoặc trống. Muốn biến bản sao kho cchc này thành cổng, dùng cchc init --thay-mau.")
    if destination == tool or tool in destination.parents:
        raise ScaffoldError(f"'{target}' nằm trong kho cchc ({tool}): hãy tạo cổng mới ở thư mục bên ngoài, "
                            "ví dụ ../cong-cchc-ten-don-vi.")
    prepared = prepare(request)
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".cchc-init-", dir=destination.parent))
    try:
        _copy_tool(tool, staging)
        problems = _write(staging, _unit_files(staging, tool, prepared, request.multi_unit))
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; a portal folder is not
        if destination.exists():
            destination.rmdir()
        os.rename(staging, destination)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return _report(destination, target, prepared, problems, out)


@dataclass
class Replacement:
    removed: list[str]  # files, from the checkout's root
    rewritten: list[str]
    created: list[str]


def _files_under(root: Path, relative: str) -> list[str]:
    path = root / relative
    if path.is_file():
        return [relative]
    return sorted(p.relative_to(root).as_posix() for p in path.rglob("*") if p.is_file() or p.is_symlink()) \
        if path.is_dir() else []


def removals(root: Path) -> list[str]:
    """What `--thay-mau` removes: the sample units and content, and the tool's own development files."""
    kept = {f for entry in layout.TOOL_FILES for f in _files_under(root, entry)}
    removed = []
    for unit_id in layout.SAMPLE_UNITS:
        profile = f"plans/{unit_id}/don-vi.yml"
        if (root / profile).is_file() and readiness.is_sample_profile(str(root), profile):
            removed += _files_under(root, f"plans/{unit_id}")
    removed += [f for f in readiness.sample_content(str(root)) if f != layout.HOME_PAGE]
    for entry in layout.DEVELOPMENT:
        removed += [f for f in _files_under(root, entry) if f not in kept]
    return sorted(set(removed))


def plan_replacement(root: Path, removed: list[str], files: dict[str, str]) -> Replacement:
    """What `--thay-mau` removes and writes; the home page is replaced only while it is the sample one."""
    home_is_sample = layout.HOME_PAGE in readiness.sample_content(str(root))
    writes = [f for f in files if f != layout.HOME_PAGE or home_is_sample or not (root / f).exists()]
    rewritten = sorted(f for f in writes if (root / f).exists() and f not in removed)
    created = sorted(f for f in writes if f not in rewritten)
    return Replacement(removed, rewritten, created)


def replace_samples(root: str, request: Request, agreed: bool, ask: Callable[[str], str],
                    out: Callable[[str], None] = print) -> int:
    checkout = Path(root).resolve()
    missing = [sign for sign in layout.TOOL_SIGNS if not (checkout / sign).exists()]
    if missing:
        raise ScaffoldError(f"'{root}' không phải bản sao kho cchc (thiếu {', '.join(missing)}): "
                            "--thay-mau chỉ dùng trong bản sao kho cchc.")
    removed = removals(checkout)
    if not any(f.startswith(("plans/", "content/")) for f in removed):
        raise ScaffoldError("Bản sao này không còn đơn vị mẫu hay nội dung mẫu nào (có lẽ đã chạy --thay-mau): "
                            "không thay gì.")
    prepared = prepare(request)
    unit_dir = f"plans/{prepared.spec.unit_id}"
    clash = [f for f in _files_under(checkout, unit_dir) if f not in removed]
    if clash:
        raise ScaffoldError(f"Đã có thư mục {unit_dir}/ (không phải dữ liệu mẫu): không ghi đè. "
                            "Chọn mã khác bằng --don-vi.")
    files = _unit_files(checkout, checkout, prepared, request.multi_unit)
    change = plan_replacement(checkout, removed, files)
    out(f"cchc init --thay-mau sẽ biến bản sao này thành cổng của {prepared.spec.full_name} "
        f"({prepared.spec.province}).")
    out(f"Xóa {len(change.removed)} tệp: đơn vị mẫu, bài viết và câu hỏi mẫu, bộ kiểm thử và đo hiệu năng "
        "của kho cchc (chúng cần dữ liệu mẫu; cổng có kiểm thử riêng tests/test_portal.py):")
    out("\n".join(f"  {f}" for f in change.removed))
    out("Ghi lại: " + ", ".join(change.rewritten))
    out("Tạo mới: " + ", ".join(change.created))
    if not agreed:
        answer = ask("Đồng ý? Gõ “có” để tiếp tục: ")
        if answer.strip().lower() not in YES:
            out("Không thay đổi gì.")
            return 1
    for relative in change.removed:
        (checkout / relative).unlink()
    for relative in change.removed:
        _remove_empty_parents(checkout, (checkout / relative).parent)
    problems = _write(checkout, {f: files[f] for f in change.rewritten + change.created})
    return _report(checkout, root, prepared, problems, out)


def _remove_empty_parents(root: Path, folder: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
