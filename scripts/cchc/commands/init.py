"""`cchc init`: a new portal for a unit, or the samples of this checkout replaced by it."""

from __future__ import annotations

import os
import sys


def run(root: str, args) -> int:
    from ..scaffold import ScaffoldError, create  # only this command needs it

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
