"""`cchc` command line: check the data, build the site, preview it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from . import build, reporting
from .project import load_portal


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

    site = sub.add_parser("build", help="kiểm tra dữ liệu rồi dựng trang vào site/ (chỉ thay khi thành công)")
    site.add_argument("--site-dir", default="site", help="thư mục đầu ra (mặc định: site)")
    site.add_argument("--config-file", default="mkdocs.yml")

    serve = sub.add_parser("serve", help="xem trước tại http://127.0.0.1:8000, tự tải lại khi sửa")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.add_argument("--config-file", default="mkdocs.yml")
    return parser


def _check(root: str, fmt: str) -> bool:
    print("Đang kiểm tra dữ liệu...", file=sys.stderr)
    result = load_portal(root)
    reporting.report(result.problems, sys.stdout, fmt)
    print(reporting.summary(result.problems, result.files_checked), file=sys.stderr)
    return result.ok


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = os.path.abspath(args.root)
    try:
        if args.command == "check":
            return 0 if _check(root, args.format) else 1
        if args.command == "build":
            if not _check(root, "text"):
                print("Dữ liệu còn lỗi: chưa dựng trang, trang đang công khai được giữ nguyên.", file=sys.stderr)
                return 1
            build.build_site(root, args.config_file, args.site_dir, log=lambda m: print(m, file=sys.stderr))
            return 0
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
        print(f"Lỗi không mong đợi trong cchc ({type(err).__name__}: {err}). "
              "Hãy báo cho nhóm kỹ thuật; đặt CCHC_DEBUG=1 để xem chi tiết.", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
