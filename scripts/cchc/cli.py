"""`cchc` command line: check the data, build the site, preview it."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone

from . import argparse_vi
from .engine import parallel
from .base import dates
from .check import output as problem_output
from .check.schema_definition import load_schema
from .source.discovery import UNIT_ID, UNIT_ID_HINT

# Each command imports what only it needs when it runs: `cchc build` starts this process and the
# engine's, and every module this one imports for nothing is paid for on each build.


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
    site.add_argument("--nen", action="store_true",
                      help="ghi thêm bản nén .gz và .br bên cạnh mỗi tệp chữ, cho máy chủ gửi tệp như đã lưu "
                           "(nginx gzip_static); cchc deploy tự ghi, GitHub Pages tự nén")
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


def main(argv: list[str] | None = None) -> int:
    with argparse_vi.vietnamese():
        args = _parser().parse_args(argv)
    root = os.path.abspath(args.root)
    if args.command is None:
        print(GUIDE)
        return 0
    try:
        if args.command == "init":
            from .commands import init

            return init.run(root, args)
        if args.command == "check":
            from .commands import check

            if args.san_sang:
                return check.ready(root, args.format)
            return 0 if check.data(root, args.format, args.strict) else 1
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
            from . import cms
            from .commands import check

            gate = check.publish_gate(root, args, day)
            if gate is None:
                return 1
            mode, unready = gate
            try:
                parallel.build_site(root, args.config_file, args.site_dir, log=lambda m: print(m, file=sys.stderr),
                                 as_of=day, mode=mode, unready=unready, full=args.day_du,
                                 compress=args.nen)
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
            from .commands import report

            return report.run(root, args)
        if args.command == "deploy":
            from .publish import deploy, deploy_gate

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
