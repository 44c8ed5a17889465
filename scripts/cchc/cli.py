"""`cchc` command line: check the data, build the site, preview it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import date, datetime, timezone

import yaml

from . import argparse_vi, cms
from .engine import parallel
from .engine.session import BuildSession, SiteOptions
from .base import build_mode, dates
from .check import output as problem_output
from .check.schema import load_schema
from .compute import pacing
from .compute.periodic_report import PeriodError, build_report, parse_period
from .model import readiness
from .model.load import load_portal
from .publish import deploy_gate, targets
from .source import site_config
from .source.discovery import UNIT_ID, UNIT_ID_HINT


GUIDE = """cchc: cổng công khai kế hoạch tuyên truyền cải cách hành chính của xã, phường.

Các bước thường làm:
  1. cchc init ../cong-muong-lay --ten "Mường Lay" --loai phường --tinh "tỉnh Điện Biên"
                           tạo cổng mới cho đơn vị (hoặc --tu-van-ban ke-hoach.docx)
  2. cchc import ke-hoach.docx
                           nhập kế hoạch từ văn bản Word, PDF, Markdown hay văn bản thường
  3. cchc check            kiểm tra dữ liệu; thêm --san-sang: còn gì phải làm trước khi công bố
  4. cchc serve            xem trước tại http://127.0.0.1:8000, tự tải lại khi sửa tệp
  5. cchc build --cong-bo  dựng bản công bố vào site/ (không có --cong-bo: bản xem trước)
  6. cchc deploy /var/www/cchc
                           đưa bản công bố lên máy chủ của đơn vị

Mọi lệnh: cchc --help. Chi tiết một lệnh: cchc <lệnh> --help, ví dụ cchc init --help."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc",
        description="Kiểm tra dữ liệu kế hoạch tuyên truyền CCHC và dựng cổng thông tin tĩnh.",
        epilog="Chưa biết bắt đầu từ đâu: chạy cchc (không kèm lệnh) để xem các bước thường làm.",
    )
    parser.add_argument("--thu-muc", "--root", dest="root", default=".", metavar="THƯ_MỤC",
                        help="thư mục gốc của cổng (chứa mkdocs.yml và plans/); mặc định: thư mục hiện tại")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", title="các lệnh")

    init = sub.add_parser("init", help="tạo cổng mới cho một đơn vị (hoặc thay dữ liệu mẫu của bản sao này)",
                          description="Tạo cổng mới trong một thư mục trống: công cụ, giao diện, Makefile, quy trình "
                                      "GitHub và một đơn vị của riêng cổng, không có dữ liệu mẫu.")
    init.add_argument("target", nargs="?", metavar="THƯ_MỤC_MỚI",
                      help="thư mục (mới hoặc trống) của cổng; bỏ trống khi dùng --thay-mau")
    init.add_argument("--don-vi", metavar="MÃ", help="mã đơn vị, ví dụ muong-lay; mặc định: tạo từ tên")
    init.add_argument("--ten", metavar="TÊN", help="tên đơn vị, ví dụ \"Mường Lay\"")
    init.add_argument("--loai", metavar="LOẠI", help="loại đơn vị: " + ", ".join(
        load_schema("don-vi")["properties"]["loai"]["enum"]))
    init.add_argument("--tinh", metavar="TỈNH", help="tỉnh/thành phố, ghi cả cấp: \"tỉnh Điện Biên\"")
    init.add_argument("--tu-van-ban", metavar="TỆP",
                      help="lấy đơn vị và kế hoạch từ văn bản kế hoạch (.docx, .pdf, .md, .txt), như cchc import")
    init.add_argument("--nhieu-don-vi", action="store_true",
                      help="cổng chung của nhiều đơn vị: có trang danh sách các đơn vị")
    init.add_argument("--thay-mau", action="store_true",
                      help="biến chính bản sao kho cchc này thành cổng: xóa đơn vị mẫu, nội dung mẫu (liệt kê và "
                           "hỏi trước)")
    init.add_argument("--dong-y", action="store_true", help="đồng ý trước, không hỏi lại (dùng với --thay-mau)")

    check = sub.add_parser("check", help="kiểm tra mọi tệp dữ liệu, báo tất cả lỗi cùng lúc",
                           description="Kiểm tra mọi tệp dữ liệu; mỗi lỗi một dòng tệp:dòng:cột.")
    check.add_argument("--format", choices=sorted(problem_output.FORMATS), default="text", metavar="KIỂU",
                       help="text (mặc định) hoặc github (chú thích trong GitHub Actions)")
    check.add_argument("--strict", action="store_true",
                       help="coi cảnh báo là lỗi (như cchc build): trả mã 1 khi có cảnh báo")
    check.add_argument("--san-sang", action="store_true",
                       help="liệt kê những gì còn phải làm trước khi công bố, theo từng đơn vị")

    site = sub.add_parser("build", help="kiểm tra dữ liệu rồi dựng trang vào site/ (chỉ thay khi thành công)",
                          description="Dựng bản xem trước (mặc định) hoặc bản công bố (--cong-bo) vào site/.")
    site.add_argument("--site-dir", default="site", metavar="THƯ_MỤC", help="thư mục đầu ra (mặc định: site)")
    site.add_argument("--config-file", default="mkdocs.yml", metavar="TỆP",
                      help="tệp cấu hình của trang (mặc định: mkdocs.yml)")
    site.add_argument("--as-of", metavar="NGÀY",
                      help="tính tiến độ đến ngày này (15/06/2026 hoặc 2026-06-15); mặc định: hôm nay")
    site.add_argument("--cong-bo", action="store_true",
                      help="bản công bố: từ chối khi còn dữ liệu mẫu, nội dung mẫu hay ghi chú CẦN XEM")
    site.add_argument("--cho-phep-mau", action="store_true",
                      help="vẫn công bố khi còn dữ liệu mẫu (trang thử nghiệm): mọi trang ghi “Bản thử nghiệm”")
    site.add_argument("--day-du", action="store_true",
                      help="dựng lại mọi trang, không dùng lại trang không đổi của lần dựng trước")

    report = sub.add_parser("report", help="viết báo cáo định kỳ của một đơn vị ra tệp Word (.docx)",
                            description="Viết báo cáo định kỳ của một đơn vị ra tệp Word (.docx).")
    report.add_argument("--don-vi", required=True, metavar="MÃ", help="mã đơn vị, ví dụ muong-lay")
    report.add_argument("--ky", required=True, metavar="KỲ",
                        help="kỳ báo cáo: 2026-Q1, 2026-H1, 2026-Q3, 2026 (cả năm)...")
    report.add_argument("--as-of", metavar="NGÀY",
                        help="số liệu tính đến ngày này; mặc định: hôm nay (hoặc hết kỳ nếu kỳ đã qua)")
    report.add_argument("-o", "--output", metavar="TỆP", help="tệp .docx đầu ra; mặc định: bao-cao-<đơn-vị>-<kỳ>.docx")
    report.add_argument("--site-url", default="", metavar="ĐỊA_CHỈ",
                        help="địa chỉ cổng, để liên kết kiểm chứng là địa chỉ đầy đủ")
    report.add_argument("--config-file", default="mkdocs.yml", metavar="TỆP",
                        help="cấu hình của cổng, để dùng cùng số ngày 'Chưa cập nhật' (stale_days) như trang web")

    deploy = sub.add_parser("deploy", help="công bố site/ vào một thư mục (máy chủ của đơn vị) với chuyển đổi nguyên tử",
                            description="Chép bản công bố trong site/ vào THƯ_MỤC_ĐÍCH/releases/ rồi chuyển "
                                        "THƯ_MỤC_ĐÍCH/current sang bản mới trong một bước.")
    deploy.add_argument("target", metavar="THƯ_MỤC_ĐÍCH",
                        help="thư mục trên máy chủ; máy chủ web phục vụ THƯ_MỤC_ĐÍCH/current")
    deploy.add_argument("--site-dir", default="site", metavar="THƯ_MỤC", help="trang đã dựng (mặc định: site)")
    deploy.add_argument("--rollback", action="store_true", help="quay lại bản phát hành trước đó")
    deploy.add_argument("--cho-phep-mau", action="store_true",
                        help="cho phép công bố bản thử nghiệm (dựng với --cho-phep-mau, còn dữ liệu mẫu)")

    imp = sub.add_parser("import", help="nhập văn bản kế hoạch có sẵn (.docx, .pdf, .md, .txt) thành tệp YAML",
                         description="Nhập văn bản kế hoạch có sẵn thành plans/<đơn-vị>/ke-hoach-<năm>.yml.")
    imp.add_argument("file", metavar="TỆP", help="văn bản kế hoạch: .docx, .pdf (có lớp chữ), .md hoặc .txt")
    imp.add_argument("--don-vi", metavar="MÃ",
                     help="mã đơn vị, ví dụ muong-lay; mặc định: lấy từ tên xã/phường trong văn bản")
    imp.add_argument("-o", "--output", metavar="TỆP",
                     help="tệp YAML đầu ra; mặc định: plans/<đơn-vị>/ke-hoach-<năm>.yml")
    imp.add_argument("--ghi-de", action="store_true", help="cho phép thay tệp kế hoạch đã có")

    edit = sub.add_parser("edit", help="sửa nội dung bằng biểu mẫu tại http://127.0.0.1:8000/quan-tri/ (cần Node.js)",
                          description="Sửa nội dung bằng biểu mẫu (Decap CMS) trên máy này, xem trước ngay.")
    edit.add_argument("--cong", type=int, default=8000, metavar="CỔNG",
                      help="cổng của bản xem trước và trang quản trị (mặc định 8000)")
    edit.add_argument("--cong-api", type=int, default=8081, metavar="CỔNG",
                      help="cổng của máy chủ lưu (mặc định 8081)")
    edit.add_argument("--config-file", default="mkdocs.yml", metavar="TỆP",
                      help="tệp cấu hình của trang (mặc định: mkdocs.yml)")

    serve = sub.add_parser("serve", help="xem trước tại http://127.0.0.1:8000, tự tải lại khi sửa",
                           description="Xem trước cổng tại máy này, tự dựng lại khi sửa tệp.")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG",
                       help="địa chỉ và cổng để xem (mặc định: 127.0.0.1:8000)")
    serve.add_argument("--config-file", default="mkdocs.yml", metavar="TỆP",
                       help="tệp cấu hình của trang (mặc định: mkdocs.yml)")
    return parser


def _print_readiness(found, fmt: str) -> None:
    """Grouped by unit, each as path:line:col; the headings only for people, not for CI annotations."""
    for heading, problems in found.groups():
        if fmt == "text":
            print(f"\n== {heading}")
        problem_output.report(problems, sys.stdout, fmt)


def _readiness(root: str, result, config_file: str = "mkdocs.yml", as_of: date | None = None):
    return readiness.assess(root, result.portal, site_config.read(root, config_file), as_of or dates.as_of_date())


def _check_ready(root: str, fmt: str) -> int:
    """`cchc check --san-sang`: the data check, then what stands between the portal and going public."""
    print("Đang kiểm tra dữ liệu và mức sẵn sàng công bố...", file=sys.stderr)
    result = _load(root)
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


def _publish_gate(root: str, args, as_of: date | None) -> tuple[str, list] | None:
    """The build's mode and what a demo still holds; None (after saying why) when publishing is refused."""
    if not (args.cong_bo or args.cho_phep_mau):
        return build_mode.PREVIEW, []
    result = _load(root)
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


def _init(root: str, args) -> int:
    from .scaffold import ScaffoldError, create  # only this command needs it

    request = create.Request(unit_id=args.don_vi, name=args.ten, kind=args.loai, province=args.tinh,
                             document=args.tu_van_ban and os.path.abspath(args.tu_van_ban),
                             multi_unit=args.nhieu_don_vi)
    try:
        if args.thay_mau:
            checkout = args.target or root
            return create.replace_samples(checkout, request, args.dong_y, ask=_ask)
        if not args.target:
            print("Thiếu thư mục cho cổng mới: cchc init THƯ_MỤC_MỚI --ten ... --loai ... --tinh ... "
                  "(hoặc --thay-mau để dùng chính bản sao này).", file=sys.stderr)
            return 2
        return create.new_portal(args.target, request)
    except ScaffoldError as err:
        print(str(err), file=sys.stderr)
        return 1
    except OSError as err:
        print(f"Không tạo được cổng: {err.strerror or err} ({err.filename or ''}).", file=sys.stderr)
        return 1


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        return ""


def _load(root: str):
    # The build's own first step, so that check reports whatever the build would refuse.
    return BuildSession(root, SiteOptions()).load()


def _check(root: str, fmt: str, strict: bool = False) -> bool:
    print("Đang kiểm tra dữ liệu...", file=sys.stderr)
    result = _load(root)
    problem_output.report(result.problems, sys.stdout, fmt)
    print(problem_output.summary(result.problems, result.files_checked), file=sys.stderr)
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
        problem_output.report(result.problems, sys.stdout)
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
    with argparse_vi.vietnamese():
        args = _parser().parse_args(argv)
    root = os.path.abspath(args.root)
    if args.command is None:
        print(GUIDE)
        return 0
    try:
        if args.command == "init":
            return _init(root, args)
        if args.command == "check":
            if args.san_sang:
                return _check_ready(root, args.format)
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
            gate = _publish_gate(root, args, day)
            if gate is None:
                return 1
            mode, unready = gate
            try:
                parallel.build_site(root, args.config_file, args.site_dir, log=lambda m: print(m, file=sys.stderr),
                                 as_of=day, mode=mode, unready=unready, full=args.day_du)
            except parallel.DataProblems as found:
                problem_output.report(found.problems, sys.stdout)
                print(f"Dữ liệu còn {problem_output.counts(found.problems)}: chưa dựng trang, "
                      "trang đang công khai được giữ nguyên.", file=sys.stderr)
                return 1
            if note := cms.notice(root):
                print(note, file=sys.stderr)
            return 0
        if args.command == "edit":
            from .cms import edit

            try:
                return edit.run(root, args.cong, args.cong_api, args.config_file,
                                log=lambda m: print(m, file=sys.stderr))
            except edit.EditError as err:
                print(str(err), file=sys.stderr)
                return 1
        if args.command == "report":
            return _report(root, args)
        if args.command == "deploy":
            from .publish import deploy

            try:
                if args.rollback:
                    release = deploy.rollback(args.target)
                    print(f"Đã quay lại bản phát hành {release}.", file=sys.stderr)
                else:
                    built = os.path.join(root, args.site_dir)
                    refusal = deploy_gate.refusal(built, args.cho_phep_mau)
                    if refusal:
                        print(f"Không công bố: {refusal}", file=sys.stderr)
                        return 1
                    release = deploy.deploy(built, args.target, root=root)
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
            from .engine import preview

            return preview.run(root, args.config_file, args.dev_addr, log=lambda m: print(m, file=sys.stderr))
    except parallel.BuildFailed as err:
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
