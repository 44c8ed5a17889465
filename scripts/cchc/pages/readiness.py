"""The staff guide's list of what stands between the portal and going public (preview builds)."""

from __future__ import annotations

from ..base import routes
from ..base.problems import Problem
from ..model import readiness
from ..source import site_config
from .builder import PageBuilder


def _where(problem: Problem) -> str:
    return f"{problem.path}:{problem.mark.line}:{problem.mark.col}" if problem.mark else problem.path


def section(builder: PageBuilder, found: readiness.Readiness) -> str:
    blockers = len(found.blockers)
    return builder.render("readiness.html", routes.STAFF_GUIDE, groups=found.groups(), blockers=blockers,
                          advice=len(found.findings) - blockers, where=_where)


def staff_section(builder: PageBuilder, config_file: str, plans_dir: str, docs_dir: str) -> str:
    """Assess the portal the builder holds and render the list for the staff guide page
    (`config_file` and the folders from the portal root)."""
    config = site_config.read(builder.root, config_file)
    found = readiness.assess(builder.root, builder.portal, config, builder.settings.today, plans_dir, docs_dir)
    return section(builder, found)
