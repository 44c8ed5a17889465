"""Who the site belongs to, as the theme shows it on every page (the 404 page included).

A portal of one unit carries that unit's name and logo; a portal of several
carries its own name (mkdocs.yml `site_name`) and the logo set in the theme,
if any. No logo is invented: without one the header shows the name only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import routes
from ..model.types import Portal
from . import citizen as pages_citizen


@dataclass
class Identity:
    name: str  # the header's main line
    tagline: str  # a second, smaller line ("" for none)
    logo: str  # the logo's path from the site root, or ""
    logo_alt: str
    # Paths from the site root, for the theme's `url` filter (which makes them relative to each page).
    home: str
    hotlines: str
    ask: str
    search_anchor: str = routes.SEARCH_ANCHOR


def site_identity(portal: Portal, site_name: str, theme_logo: str | None, directory_urls: bool = True) -> Identity:
    single = portal.units[0] if len(portal.units) == 1 else None
    if single:
        name, tagline = single.title_name, site_name
        logo = single.logo or theme_logo or ""
        logo_alt = f"Biểu trưng của {single.issuing_body}"
    else:
        name, tagline = site_name, ""
        logo, logo_alt = theme_logo or "", "Biểu trưng của cổng thông tin"
    return Identity(name=name, tagline=tagline, logo=logo, logo_alt=logo_alt,
                    home=routes.url_of(routes.HOME, directory_urls),
                    hotlines=routes.url_of(routes.HOTLINES_INDEX, directory_urls),
                    ask=routes.url_of(pages_citizen.ask_src(portal, None), directory_urls))
