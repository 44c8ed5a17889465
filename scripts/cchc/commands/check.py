"""`cchc check` and the check `cchc build --cong-bo` makes first: the data, then what stands
between the portal and going public (sample data, sample content, CẦN XEM notes)."""

from __future__ import annotations

import sys
from datetime import date

from ..base import build_mode, dates
from ..check import output as problem_output


def load(root: str):
    # The build's own first step, so that check reports whatever the build would refuse. Imported
    # here: `cchc build` without --cong-bo checks nothing in its own process (the engine's does).
    from ..engine.session import BuildSession, SiteOptions

    return BuildSession(root, SiteOptions()).load()


def data(root: str, fmt: str, strict: bool = False) -> bool:
    print("Đang kiểm tra dữ liệu...", file=sys.stderr)
    result = load(root)
    problem_output.report(result.problems, sys.stdout, fmt)
    print(problem_output.summary(result.problems, result.files_checked), file=sys.stderr)
    if strict and result.ok and result.problems:
        print("Chế độ nghiêm ngặt (--strict): cảnh báo cũng phải sửa, như khi dựng trang.", file=sys.stderr)
        return False
    return result.ok


def _print_readiness(found, fmt: str) -> None:
    """Grouped by unit, each as path:line:col; the headings only for people, not for CI annotations."""
    for heading, problems in found.groups():
        if fmt == "text":
            print(f"\n== {heading}")
        problem_output.report(problems, sys.stdout, fmt)


def _readiness(root: str, result, config_file: str = "mkdocs.yml", as_of: date | None = None):
    from ..model import readiness
    from ..source import site_config

    return readiness.assess(root, result.portal, site_config.read(root, config_file), as_of or dates.as_of_date())


def ready(root: str, fmt: str) -> int:
    """`cchc check --san-sang`: the data check, then what stands between the portal and going public."""
    print("Đang kiểm tra dữ liệu và mức sẵn sàng công bố...", file=sys.stderr)
    result = load(root)
    problem_output.report(result.problems, sys.stdout, fmt)
    print(problem_output.summary(result.problems, result.files_checked), file=sys.stderr)
    found = _readiness(root, result)
    _print_readiness(found, fmt)
    blockers = len(found.blockers)
    advice = len(found.findings) - blockers
    if not found.findings:
        print("Sẵn sàng công bố: không còn dữ liệu mẫu, nội dung mẫu, ghi chú CẦN XEM, và không thiếu gì.",
              file=sys.stderr)
    elif blockers:
        print(f"Chưa công bố được: còn {blockers} việc phải xong (lỗi) và {advice} việc nên làm (cảnh báo).",
              file=sys.stderr)
    else:
        print(f"Có thể công bố; còn {advice} việc nên làm (cảnh báo).", file=sys.stderr)
    return 0 if result.ok and not blockers else 1


def publish_gate(root: str, args, as_of: date | None) -> tuple[str, list] | None:
    """The build's mode and what a demo still holds; None (after saying why) when publishing is refused."""
    if not (args.cong_bo or args.cho_phep_mau):
        return build_mode.PREVIEW, []
    result = load(root)
    if not result.ok:
        problem_output.report(result.problems, sys.stdout)
        print(f"Dữ liệu còn {problem_output.counts(result.problems)}: chưa dựng trang, "
              "trang đang công khai được giữ nguyên.", file=sys.stderr)
        return None
    found = _readiness(root, result, args.config_file, as_of)
    blockers = found.blockers
    if blockers and not args.cho_phep_mau:
        _print_readiness(found.blocking(), "text")
        print(f"Chưa công bố: còn {len(blockers)} chỗ là dữ liệu mẫu, nội dung mẫu hoặc ghi chú CẦN XEM (liệt kê ở "
              "trên). Sửa xong rồi dựng lại; trang đang công khai được giữ nguyên. Bản xem trước vẫn dựng được: "
              "cchc build (không kèm --cong-bo).", file=sys.stderr)
        return None
    if blockers:
        print(f"Dựng bản thử nghiệm (--cho-phep-mau): còn {len(blockers)} chỗ là dữ liệu mẫu, nội dung mẫu hoặc "
              "ghi chú CẦN XEM; mọi trang ghi “Bản thử nghiệm”.", file=sys.stderr)
        return build_mode.DEMO, blockers
    if args.cho_phep_mau:
        print("Không còn dữ liệu mẫu: dựng bản công bố, không cần --cho-phep-mau.", file=sys.stderr)
    return build_mode.PUBLISH, []
