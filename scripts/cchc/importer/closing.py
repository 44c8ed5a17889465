"""The end of a plan (or of the decision that issues it): closing words, recipients, signature."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import vocab
from .types import Para

CLOSING = re.compile(r"^Trên đây\b", re.I)
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(.*)$", re.I)
ON_BEHALF = re.compile(r"^(TM|T\.M)\.\s*(.+)$")
FOR = re.compile(r"^(KT|TL|TUQ|Q)\.\s*(.+)$")
_NAME = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s+){1,5}[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*$")
APPENDIX_TITLE = re.compile(r"^(PHỤ LỤC|PHU LUC|DANH MỤC|BIỂU|BẢNG)\b")


@dataclass
class Closing:
    words: list[str] = field(default_factory=list)
    recipients: list[str] | None = None
    signature: dict = field(default_factory=dict)


# "Điều 2. Quyết định này có hiệu lực ...": the decision that carried the plan goes on.
ARTICLE = re.compile(r"^Điều\s+\d+\s*[.:]")


def starts_closing(text: str) -> bool:
    return bool(CLOSING.match(text) or RECIPIENTS.match(text) or ON_BEHALF.match(text) or FOR.match(text)
                or APPENDIX_TITLE.match(text) or ARTICLE.match(text))


def read_closing(paras: list[Para]) -> Closing:
    closing = Closing()
    signature = closing.signature
    for para in paras:
        text = para.text
        if APPENDIX_TITLE.match(text) and (signature or closing.recipients is not None):
            break
        if ARTICLE.match(text):
            continue  # the decision's own articles are not the plan's closing words
        found = RECIPIENTS.match(text)
        if found:
            closing.recipients = []
            if found.group(1).strip():
                closing.recipients.append(found.group(1).strip().lstrip("-+ "))
            continue
        if ON_BEHALF.match(text):
            signature["thay_mat"] = text
            continue
        if FOR.match(text):
            signature["ky_thay"] = text
            continue
        marker = vocab.marker(text)
        if closing.recipients is not None and marker and marker[0] in ("-", "+", "•") and not signature:
            closing.recipients.append(marker[2])
            continue
        if vocab.is_upper_line(text) and (signature or closing.recipients is not None) and "chuc_vu" not in signature:
            signature["chuc_vu"] = text
            continue
        if "chuc_vu" in signature and "ho_ten" not in signature and _NAME.match(text):
            signature["ho_ten"] = text
            continue
        if not signature and closing.recipients is None:
            closing.words.append(text)
    return closing


def signature_of(closing: Closing) -> dict:
    return {k: closing.signature[k] for k in ("thay_mat", "ky_thay", "chuc_vu", "ho_ten") if k in closing.signature}
