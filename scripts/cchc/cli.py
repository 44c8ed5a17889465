"""`cchc` command line: check the data, build the site, preview it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import datetime, timezone

import yaml

from .engine import parallel as build
from .engine.session import BuildSession, SiteOptions
from .base import dates
from .check import output as reporting
from .compute import pacing
from .compute.periodic_report import PeriodError, build_report, parse_period
from .model.load import load_portal
from .publish import targets
from .source.discovery import UNIT_ID, UNIT_ID_HINT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc",
        description="Kiểm tra dữ liệu kế hoạch tuyên truyền CCHC và dựng cổng thông tin tĩnh.",
    )
    parser.add_argument("--thu-muc", "--root", dest="root", default=".",
                        help="thư mục gốc của cổng (chứa mkdocs.yml và plans/); mặc định: thư mục hiện tại")
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    check = sub.add_parser("check", help="kiểm tra mọi tệp dữ liệu, báo tất cả lỗi cùng lúc")
    check.add_argument("--format", choices=sorted(reporting.FORMATS), default="text",
                       help="text (mặc định) hoặc github (chú thích trong GitHub Actions)")
    check.add_argument("--strict", action="store_true",
                       help="coi cảnh báo là lỗi (như cchc build): trả mã 1 khi có cảnh báo")

    site = sub.add_parser("build", help="kiểm tra dữ liệu rồi dựng trang vào site/ (chỉ thay khi thành công)")
    site.add_argument("--site-dir", default="site", help="thư mục đầu ra (mặc định: site)")
    site.add_argument("--config-file", default="mkdocs.yml")
    site.add_argument("--as-of", help="tính tiến độ đến ngày này (15/06/2026 hoặc 2026-06-15); mặc định: hôm nay")

    report = sub.add_parser("report", help="viết báo cáo định kỳ của một đơn vị ra tệp Word (.docx)")
    report.add_argument("--don-vi", required=True, help="mã đơn vị, ví dụ muong-lay")
    report.add_argument("--ky", required=True, help="kỳ báo cáo: 2026-Q1, 2026-H1, 2026-Q3, 2026 (cả năm)...")
    report.add_argument("--as-of", help="số liệu tính đến ngày này; mặc định: hôm nay (hoặc hết kỳ nếu kỳ đã qua)")
    report.add_argument("-o", "--output", help="tệp .docx đầu ra; mặc định: bao-cao-<đơn-vị>-<kỳ>.docx")
    report.add_argument("--site-url", default="", help="địa chỉ cổng, để liên kết kiểm chứng là địa chỉ đầy đủ")
    report.add_argument("--config-file", default="mkdocs.yml",
                        help="cấu hình của cổng, để dùng cùng số ngày 'Chưa cập nhật' (stale_days) như trang web")

    deploy = sub.add_parser("deploy", help="công bố site/ vào một thư mục (máy chủ của đơn vị) với chuyển đổi nguyên tử")
    deploy.add_argument("target", metavar="THU_MUC_DICH", help="thư mục trên máy chủ; máy chủ web phục vụ THU_MUC_DICH/current")
    deploy.add_argument("--site-dir", default="site", help="trang đã dựng (mặc định: site)")
    deploy.add_argument("--rollback", action="store_true", help="quay lại bản phát hành trước đó")

    imp = sub.add_parser("import", help="nhập văn bản kế hoạch có sẵn (.docx, .pdf, .md, .txt) thành tệp YAML")
    imp.add_argument("file", metavar="TEP", help="văn bản kế hoạch: .docx, .pdf (có lớp chữ), .md hoặc .txt")
    imp.add_argument("--don-vi", help="mã đơn vị, ví dụ muong-lay; mặc định: lấy từ tên xã/phường trong văn bản")
    imp.add_argument("-o", "--output", help="tệp YAML đầu ra; mặc định: plans/<đơn-vị>/ke-hoach-<năm>.yml")
    imp.add_argument("--ghi-de", action="store_true", help="cho phép thay tệp kế hoạch đã có")

    serve = sub.add_parser("serve", help="xem trước tại http://127.0.0.1:8000, tự tải lại khi sửa")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.add_argument("--config-file", default="mkdocs.yml")
    return parser


def _check(root: str, fmt: str, strict: bool = False) -> bool:
    print("Đang kiểm tra dữ liệu...", file=sys.stderr)
    # The build's own first step, so that check reports whatever the build would refuse.
    result = BuildSession(root, SiteOptions()).load()
    reporting.report(result.problems, sys.stdout, fmt)
    print(reporting.summary(result.problems, result.files_checked), file=sys.stderr)
    if strict and result.ok and result.problems:
        print("Chế độ nghiêm ngặt (--strict): cảnh báo cũng phải sửa, như khi dựng trang.", file=sys.stderr)
        return False
    return result.ok


def _report(root: str, args) -> int:
    try:
        period = parse_period(args.ky)
        as_of = dates.as_of_date(args.as_of)
    except (PeriodError, ValueError) as err:
        print(str(err), file=sys.stderr)
        return 1
    result = load_portal(root)
    if not result.ok:
        reporting.report(result.problems, sys.stdout)
        print("Dữ liệu còn lỗi: chưa viết báo cáo.", file=sys.stderr)
        return 1
    unit = result.portal.unit(args.don_vi)
    if unit is None:
        known = ", ".join(u.id for u in result.portal.units)
        print(f"Không có đơn vị '{args.don_vi}'. Các đơn vị: {known}.", file=sys.stderr)
        return 1
    plan = next((p for p in unit.plans if p.year == period.year), None)
    if plan is None:
        print(f"{unit.title_name} chưa có kế hoạch năm {period.year}.", file=sys.stderr)
        return 1
    from .base.routes import report_docx_name
    from .formats.word_report import write_docx

    stale_days = _plugin_option(os.path.join(root, args.config_file), "stale_days", pacing.DEFAULT_STALE_DAYS)
    output = args.output or report_docx_name(unit.id, period.key)
    try:
        targets.check_report_output(root, output)
    except targets.UnsafeTarget as err:
        print(f"Không viết báo cáo: {err}", file=sys.stderr)
        return 1
    report = build_report(result.portal, unit, plan, period, as_of, stale_days)
    try:
        with targets.atomic_output(output) as temporary:
            write_docx(report, temporary, args.site_url)
    except OSError as err:
        print(f"Không viết được báo cáo '{output}': {err.strerror or err}. Tệp cũ (nếu có) được giữ nguyên.",
              file=sys.stderr)
        return 1
    print(f"Đã viết báo cáo {period.label} của {unit.title_name} (số liệu đến {report.as_of:%d/%m/%Y}): {output}",
          file=sys.stderr)
    return 0


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold mkdocs' own tags (!ENV ...): read past them, only plain options are wanted here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _plugin_option(config_path: str, name: str, default):
    """An option of the `cchc` plugin in mkdocs.yml, so the report command counts like the site."""
    try:
        with open(config_path, encoding="utf-8") as handle:
            config = yaml.load(handle, Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        return default
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("cchc"), dict):
            value = plugin["cchc"].get(name, default)
            return value if isinstance(value, type(default)) and value > 0 else default
    return default


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = os.path.abspath(args.root)
    try:
        if args.command == "check":
            return 0 if _check(root, args.format, args.strict) else 1
        if args.command == "build":
            day = None
            if args.as_of:
                try:
                    day = dates.parse_as_of(args.as_of)
                except ValueError as err:
                    print(str(err), file=sys.stderr)
                    return 1
                # The same date for progress and for every date mkdocs writes: a reproducible build.
                if not os.environ.get("SOURCE_DATE_EPOCH"):
                    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime(day.year, day.month, day.day,
                                                                       tzinfo=timezone.utc).timestamp()))
            try:
                build.build_site(root, args.config_file, args.site_dir, log=lambda m: print(m, file=sys.stderr),
                                 as_of=day)
            except build.DataProblems as found:
                reporting.report(found.problems, sys.stdout)
                print(f"Dữ liệu còn {reporting.counts(found.problems)}: chưa dựng trang, "
                      "trang đang công khai được giữ nguyên.", file=sys.stderr)
                return 1
            return 0
        if args.command == "report":
            return _report(root, args)
        if args.command == "deploy":
            from .publish import deploy

            try:
                if args.rollback:
                    release = deploy.rollback(args.target)
                    print(f"Đã quay lại bản phát hành {release}.", file=sys.stderr)
                else:
                    release = deploy.deploy(os.path.join(root, args.site_dir), args.target, root=root)
                    print(f"Đã công bố bản phát hành {release}: {os.path.join(args.target, 'current')}", file=sys.stderr)
            except (deploy.DeployError, OSError) as err:
                print(f"Không công bố được: {err}", file=sys.stderr)
                return 1
            return 0
        if args.command == "import":
            from .importer import command as import_command

            if args.don_vi is not None and not UNIT_ID.match(args.don_vi):
                print(f"Mã đơn vị '{args.don_vi}' không hợp lệ: {UNIT_ID_HINT}.", file=sys.stderr)
                return 1
            source = args.file if os.path.isabs(args.file) else os.path.join(os.getcwd(), args.file)
            output = None if not args.output else (
                args.output if os.path.isabs(args.output) else os.path.join(os.getcwd(), args.output))
            return import_command.run(root, source, args.don_vi, output, args.ghi_de)
        if args.command == "serve":
            command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", args.config_file,
                       "--dev-addr", args.dev_addr, "--livereload"]
            return subprocess.call(command, cwd=root)
    except build.BuildFailed as err:
        print(str(err), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug of ours must still not show staff a traceback
        if os.environ.get("CCHC_DEBUG"):
            raise
        # The exception's own text is English and technical: it is shown only with CCHC_DEBUG.
        print(f"Lỗi không mong đợi trong cchc (mã lỗi: {type(err).__name__}). Hãy báo cho nhóm kỹ thuật; "
              "chạy lại với biến môi trường CCHC_DEBUG=1 để xem chi tiết kỹ thuật.", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
