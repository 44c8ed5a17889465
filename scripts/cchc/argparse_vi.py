"""argparse speaking Vietnamese: its own words (usage line, group titles, errors) translated.

argparse asks gettext for every text of its own; there is no Vietnamese catalogue,
so while `cchc` builds its parser and reads the command line the module's
gettext functions are swapped for this table. A text missing here stays
English, and a test scans every help screen and error for English.
"""

from __future__ import annotations

import argparse
import contextlib

MESSAGES = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",  # Python before 3.10
    "subcommands": "lệnh",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "không có lựa chọn %(value)r, có phải ý bạn là %(closest)r? (chọn một trong: %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị: %r",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
PLURALS = {
    ("expected %s argument", "expected %s arguments"): "cần %s giá trị",
}


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return PLURALS.get((singular, plural), singular if count == 1 else plural)


@contextlib.contextmanager
def vietnamese():
    """argparse in Vietnamese inside the block (building the parser, parsing, printing help)."""
    names = ("_", "ngettext")  # argparse's own names for gettext's functions
    saved = [getattr(argparse, name) for name in names]
    for name, ours in zip(names, (_gettext, _ngettext)):
        setattr(argparse, name, ours)
    try:
        yield
    finally:
        for name, theirs in zip(names, saved):
            setattr(argparse, name, theirs)
