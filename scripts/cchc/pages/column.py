"""The "Cải cách hành chính" column: paginated index, areas, archives, per-unit columns, feeds."""

from __future__ import annotations

import functools
from itertools import groupby
from typing import Any

from ..formats import feeds
from ..base import routes
from ..model.types import AREAS, Post
from ..source.discovery import POSTS, PROFILES
from .outputs import OutputFile, OutputPage

COLUMN_TITLE = "Chuyên mục Cải cách hành chính"
COLUMN_DESCRIPTION = "Tin, bài về cải cách hành chính của các xã, phường: thủ tục hành chính, chính quyền số, bộ máy, công vụ."
POST_AREAS = [name for name in AREAS if name != "Khác"]


def _chunks(posts: list[Post], size: int) -> list[list[Post]]:
    return [posts[i:i + size] for i in range(0, len(posts), size)] or [[]]


def _months(posts: list[Post]) -> list[tuple[int, list[tuple[int, list[Post]]]]]:
    """[(year, [(month, posts), ...]), ...], newest first."""
    by_year = groupby(posts, key=lambda p: p.published.year)
    return [(year, [(month, list(group)) for month, group in groupby(items, key=lambda p: p.published.month)])
            for year, items in ((y, list(g)) for y, g in by_year)]


# A listing shows posts and their units' names (and the footer its unit's contacts), no plan or progress.
LISTS_POSTS = frozenset({POSTS, PROFILES})


def pages(builder) -> list[OutputPage]:
    posts = builder.portal.posts
    archive = _months(posts)
    shared: dict[str, Any] = {"areas": [(name, AREAS[name], sum(name in p.categories for p in posts)) for name in POST_AREAS],
              "archive": archive}
    out = []
    chunks = _chunks(posts, builder.settings.posts_per_page)
    for number, chunk in enumerate(chunks, start=1):
        here = routes.column_page(number)
        title = COLUMN_TITLE if number == 1 else f"{COLUMN_TITLE} (trang {number})"
        body = builder.later("column.html", here, heading=title, posts=chunk, page_number=number,
                              page_count=len(chunks), feeds=(routes.COLUMN_RSS, routes.COLUMN_ATOM), **shared)
        out.append(OutputPage(here, title, body, COLUMN_DESCRIPTION, reads=LISTS_POSTS))
    for name, slug, _count in shared["areas"]:
        here = routes.category_page(slug)
        chosen = [p for p in posts if name in p.categories]
        body = builder.later("column.html", here, heading=name, posts=chosen, page_number=1, page_count=1,
                              feeds=None, **shared)
        out.append(OutputPage(here, f"{name} – {COLUMN_TITLE}", body, f"Các bài viết thuộc lĩnh vực {name}.",
                              reads=LISTS_POSTS))
    for year, months in archive:
        here = routes.archive_year(year)
        body = builder.later("archive.html", here, year=year, months=months, month=None)
        out.append(OutputPage(here, f"Lưu trữ năm {year} – {COLUMN_TITLE}", body, f"Các bài viết năm {year}.",
                              reads=LISTS_POSTS))
        for month, month_posts in months:
            here = routes.archive_month(year, month)
            body = builder.later("archive.html", here, year=year, months=[(month, month_posts)], month=month)
            out.append(OutputPage(here, f"Lưu trữ tháng {month:02d}/{year} – {COLUMN_TITLE}", body,
                                  f"Các bài viết tháng {month:02d}/{year}.", reads=LISTS_POSTS))
    by_unit = builder.posts_by_unit
    for unit in builder.portal.units:
        here = routes.unit_column(unit.id)
        chosen = by_unit.get(unit.id, [])
        heading = f"{COLUMN_TITLE} – {unit.title_name}"
        body = builder.later("column.html", here, heading=heading, posts=chosen, page_number=1, page_count=1,
                              feeds=(routes.unit_feed(unit.id, "rss"), routes.unit_feed(unit.id, "atom")), **shared)
        out.append(OutputPage(here, heading, body, f"Tin, bài cải cách hành chính của {unit.full_name}.",
                              unit_id=unit.id))
    return out


def _feeds(builder) -> list[tuple[feeds.Feed, str | None]]:
    """The column's feed (None: the whole site's) and each unit's."""
    posts = builder.portal.posts
    site_feed = feeds.Feed(COLUMN_TITLE, COLUMN_DESCRIPTION, routes.COLUMN_INDEX, routes.COLUMN_RSS,
                           routes.COLUMN_ATOM, posts)
    out: list[tuple[feeds.Feed, str | None]] = [(site_feed, None)]
    by_unit = builder.posts_by_unit
    for unit in builder.portal.units:
        out.append((feeds.Feed(f"{COLUMN_TITLE} – {unit.title_name}", f"Tin, bài cải cách hành chính của {unit.full_name}.",
                               routes.unit_column(unit.id), routes.unit_feed(unit.id, "rss"),
                               routes.unit_feed(unit.id, "atom"), by_unit.get(unit.id, [])), unit.id))
    return out


def feed_files(builder) -> list[OutputFile]:
    """RSS and Atom need absolute links: without a site URL there are no feeds (the adapter warns)."""
    site_url = builder.settings.site_url
    if not site_url:
        return []
    urls = builder.settings.directory_urls
    out = []
    for feed, unit_id in _feeds(builder):
        out.append(OutputFile(feed.rss_src, functools.partial(feeds.rss, feed, site_url, urls), unit_id, LISTS_POSTS))
        out.append(OutputFile(feed.atom_src, functools.partial(feeds.atom, feed, site_url, urls), unit_id, LISTS_POSTS))
    return out


def post_parts(builder, post: Post) -> tuple[str, str]:
    """The header placed before a post's own Markdown, and the footer after it."""
    unit = builder.portal.unit(post.unit_id)
    plan = next((p for p in unit.plans if p.year == post.published.year), None) if unit else None
    task = next((t for t in plan.tasks if t.id == post.task_id), None) if plan and post.task_id else None
    target = next((t for t in plan.targets if t.id == post.target_id), None) if plan and post.target_id else None
    context = {"post": post, "unit": unit, "plan": plan, "task": task, "target": target, "areas": AREAS}
    return (builder.render("post_header.html", post.src_uri, **context),
            builder.render("post_footer.html", post.src_uri, **context))
