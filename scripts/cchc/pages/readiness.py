"""The staff guide's list of what stands between the portal and going public (preview builds)."""

from __future__ import annotations

from markupsafe import Markup

from ..base import routes
from ..base.problems import Problem
from ..model import readiness
from ..source import memo, site_config
from .builder import PageBuilder

GROUP_TEMPLATE = "readiness_group.html"


def _where(problem: Problem) -> str:
    return f"{problem.path}:{problem.mark.line}:{problem.mark.col}" if problem.mark else problem.path


def _group(builder: PageBuilder, heading: str, problems: list[Problem]) -> Markup:
    """One unit's list. The preview's engine makes the guide on every save, and a province portal's
    list runs to thousands of lines, most of them the same as on the last save: a unit's part is
    rendered again only when its problems or the template (a theme may override it) changed."""
    template = builder.env.get_template(GROUP_TEMPLATE)  # Jinja gives a new object once the file changed
    return memo.remembered(("readiness-group", heading), (template, heading, *problems), lambda _found: Markup(
        builder.render(GROUP_TEMPLATE, routes.STAFF_GUIDE, heading=heading, problems=problems, where=_where)))


def section(builder: PageBuilder, found: readiness.Readiness) -> str:
    blockers = len(found.blockers)
    groups = [_group(builder, heading, problems) for heading, problems in found.groups()]
    return builder.render("readiness.html", routes.STAFF_GUIDE, groups=groups, blockers=blockers,
                          advice=len(found.findings) - blockers)


def staff_section(builder: PageBuilder, config_file: str, plans_dir: str, docs_dir: str) -> str:
    """Assess the portal the builder holds and render the list for the staff guide page
    (`config_file` and the folders from the portal root)."""
    config = site_config.read(builder.root, config_file)
    found = readiness.assess(builder.root, builder.portal, config, builder.settings.today, plans_dir, docs_dir)
    return section(builder, found)
