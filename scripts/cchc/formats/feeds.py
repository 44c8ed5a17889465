"""RSS 2.0 and Atom 1.0 feeds of the column, with absolute links from the site URL.

Dates come from the posts themselves, so the same posts give byte-identical
feeds on every build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from email.utils import format_datetime
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from ..base import routes
from ..base.text import printable
from ..model.types import Post

VIETNAM = timezone(timedelta(hours=7))
_NOT_XML = re.compile(r"[\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text as XML 1.0 may carry it: escaped, without control characters or non-characters."""
    return escape(_NOT_XML.sub("", printable(text)))


@dataclass
class Feed:
    title: str
    description: str
    page_src: str  # the HTML page the feed mirrors
    rss_src: str
    atom_src: str
    posts: list[Post]


def _absolute(site_url: str, src: str, directory_urls: bool) -> str:
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", routes.url_of(src, directory_urls))


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(7, 0), VIETNAM)


def rss(feed: Feed, site_url: str, directory_urls: bool = True) -> bytes:
    link = _absolute(site_url, feed.page_src, directory_urls)
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>",
           f"<title>{_xml(feed.title)}</title>", f"<link>{_xml(link)}</link>",
           f"<description>{_xml(feed.description)}</description>", "<language>vi</language>",
           f'<atom:link href={quoteattr(_absolute(site_url, feed.rss_src, directory_urls))} rel="self" '
           'type="application/rss+xml"/>']
    if feed.posts:
        out.append(f"<lastBuildDate>{format_datetime(_moment(feed.posts[0].published))}</lastBuildDate>")
    for post in feed.posts:
        url = _absolute(site_url, post.src_uri, directory_urls)
        out += ["<item>", f"<title>{_xml(post.title)}</title>", f"<link>{_xml(url)}</link>",
                f'<guid isPermaLink="true">{_xml(url)}</guid>',
                f"<pubDate>{format_datetime(_moment(post.published))}</pubDate>"]
        out += [f"<category>{_xml(c)}</category>" for c in post.categories]
        if post.summary:
            out.append(f"<description>{_xml(post.summary)}</description>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode("utf-8")


def atom(feed: Feed, site_url: str, directory_urls: bool = True) -> bytes:
    link = _absolute(site_url, feed.page_src, directory_urls)
    self_link = _absolute(site_url, feed.atom_src, directory_urls)
    updated = _moment(feed.posts[0].published if feed.posts else date(2000, 1, 1)).isoformat()
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
           f"<title>{_xml(feed.title)}</title>", f"<subtitle>{_xml(feed.description)}</subtitle>",
           f"<id>{_xml(self_link)}</id>", f"<link href={quoteattr(link)}/>",
           f'<link rel="self" href={quoteattr(self_link)}/>', f"<updated>{updated}</updated>"]
    for post in feed.posts:
        url = _absolute(site_url, post.src_uri, directory_urls)
        moment = _moment(post.published).isoformat()
        out += ["<entry>", f"<title>{_xml(post.title)}</title>", f"<link href={quoteattr(url)}/>",
                f"<id>{_xml(url)}</id>", f"<published>{moment}</published>", f"<updated>{moment}</updated>",
                f"<author><name>{_xml(post.agency)}</name></author>"]
        out += [f"<category term={quoteattr(c)}/>" for c in post.categories]
        if post.summary:
            out.append(f"<summary>{_xml(post.summary)}</summary>")
        out.append("</entry>")
    out += ["</feed>", ""]
    return "\n".join(out).encode("utf-8")
