"""`cchc report`: one unit's periodic report as a Word file, counted as the site counts it."""

from __future__ import annotations

import os
import sys

import yaml

from ..base import dates
from ..check import output as problem_output
from ..compute import pacing
from ..compute.periodic_report import PeriodError, build_report, parse_period
from ..model.load import load_portal
from ..publish import targets


def run(root: str, args) -> int:
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
    from ..base.routes import report_docx_name
    from ..formats.word_report import write_docx

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
