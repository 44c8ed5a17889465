"""Render page content with Jinja, autoescaped.

Templates a commune may override live in the site's ``theme/cchc/`` folder;
the defaults ship in the package.  Nothing here knows about mkdocs.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..base import dates
from ..base.text import CONTROLS, printable
from ..model.types import Plan
from . import template_cache


_ENVIRONMENTS: dict[str, tuple[tuple, Environment]] = {}
_PACKAGED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def environment(override_dir: str | None = None) -> Environment:
    """One environment per override folder, kept for the process while its templates stay the same:
    `serve` rebuilds reuse the compiled templates. Jinja's own auto-reload is off: it would look at a
    template's file each time a page asks for it (a province portal's posts ask tens of thousands of
    times), and it misses an override added since. The templates are looked at here once per build."""
    templates = (_statuses(override_dir), _statuses(_PACKAGED))
    kept = _ENVIRONMENTS.get(override_dir or "")
    if kept is None or kept[0] != templates:
        kept = _ENVIRONMENTS[override_dir or ""] = (templates, _new_environment(override_dir))
    return kept[1]


def _statuses(folder: str | None) -> tuple | None:
    """Each template file under `folder` and its status (None: no folder)."""
    if not folder or not os.path.isdir(folder):
        return None
    found: list[tuple[str, tuple[int, ...] | None]] = []
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(current, name)
            try:
                info = os.stat(path)
                status: tuple[int, ...] | None = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
            except OSError:  # an editor's temporary file gone already, a link leading nowhere
                status = None
            found.append((os.path.relpath(path, folder), status))
    return tuple(found)


def _new_environment(override_dir: str | None) -> Environment:
    loaders: list[BaseLoader] = []
    if override_dir and os.path.isdir(override_dir):
        loaders.append(FileSystemLoader(override_dir))
    loaders.append(PackageLoader("cchc.pages", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_printable,
    )
    env.filters["ngay_dai"] = dates.viet_long
    env.filters["ngay"] = dates.viet_short
    env.filters["dong"] = line_breaks
    env.filters["mailto_text"] = mailto_text
    template_cache.attach(env)
    return env


def _printable(value):
    """Every value a template prints, without control characters (HTML parsers reject them). A macro's
    output is printed again by each template around it: kept as it is when it has none."""
    if not isinstance(value, str) or not CONTROLS.search(value):
        return value
    if isinstance(value, Markup):
        return Markup(printable(str(value)))
    return printable(value)


def highlight_targets(text: str, plan: Plan) -> Markup:
    """Escape `text` and mark the sentences that a structured target came from."""
    out = str(escape(text))
    for target in plan.targets:
        if not target.source:
            continue
        needle = str(escape(target.source))
        if needle in out:
            out = out.replace(
                needle,
                f'<mark class="cchc-target" id="ct-{escape(target.id)}" '
                f'title="Chỉ tiêu {escape(target.id)}: {escape(target.summary)}">{needle}</mark>',
                1,
            )
    return Markup(out)


def line_breaks(text: str) -> Markup:
    """Keep the line breaks staff typed inside a table cell, escaped."""
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


def mailto_text(text: str) -> str:
    """A subject or body for a mailto: link (RFC 6068): UTF-8 percent-encoded, lines ending in CRLF."""
    lines = [line.rstrip() for line in str(text).strip("\n").split("\n")]
    return quote("\r\n".join(lines), safe="")


_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def roman(number: int) -> str:
    return _ROMAN[number - 1] if 0 < number <= len(_ROMAN) else str(number)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
