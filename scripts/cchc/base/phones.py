"""Vietnamese phone numbers: validated, leading zeros kept, `tel:` ready."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEPARATORS = re.compile(r"[\s.\-()]")
_SUBSCRIBER = re.compile(r"^0(2\d{9}|[35789]\d{8})$")  # landline 02x.. (11 digits), mobile (10)
_SERVICE = re.compile(r"^(1[0-9]{2,3}|1[89]00\d{4,6})$")  # 1022, 111, 1800 xxxx, 1900 xxxx


@dataclass(frozen=True)
class Phone:
    text: str  # as staff wrote it, for display
    digits: str  # national form, leading zero kept

    @property
    def tel(self) -> str:
        if self.digits.startswith("0"):
            return "+84" + self.digits[1:]
        return self.digits

    def __str__(self) -> str:
        return self.text


def parse_phone(text: str) -> Phone:
    digits = _SEPARATORS.sub("", text.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if _SUBSCRIBER.match(digits) or _SERVICE.match(digits):
        return Phone(text.strip(), digits)
    raise ValueError(
        f"'{text.strip()}' không phải số điện thoại Việt Nam hợp lệ "
        "(di động 10 chữ số như 0912 345 678, cố định 11 chữ số như 0215 3xxx xxx, "
        "hoặc số tổng đài như 1022, 1900 xxxx)."
    )
