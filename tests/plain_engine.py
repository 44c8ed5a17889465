"""A second engine in forty lines: the core's BuildSession driven without mkdocs.

It proves the core is reusable: everything but the theme (navigation, the
page shell) comes from the core. Run as a script so that the test can check
that no mkdocs module was ever imported: `python plain_engine.py ROOT OUT`.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import sys

import markdown

from cchc.base import routes
from cchc.base.theme import ARTICLE_MARKUP
from cchc.engine.session import BuildSession, SiteOptions

SHELL = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>'
         '<body>' + ARTICLE_MARKUP + '{content}</article><footer>{footer}</footer></body></html>')


_RELATIVE = re.compile(r'(href|src)="(?![a-z][a-z0-9+.-]*:|/|#)([^"#]*)')


def _relink(html: str, src: str, dest: str) -> str:
    """Links in staff Markdown are relative to the source file; the page is served at another folder."""
    def fix(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src), match[2]))
        target = routes.url_of(target) if target.endswith(".md") else target
        return f'{match[1]}="{posixpath.relpath(target or ".", posixpath.dirname(dest) or ".")}'
    return _RELATIVE.sub(fix, html)


def build(root: str, out: str, docs_dir: str = "content") -> list[str]:
    session = BuildSession(root, SiteOptions(docs_dir=docs_dir, site_url="https://xa.example/"))
    result = session.load()
    assert result.ok, result.problems
    docs = os.path.join(root, docs_dir)
    pages: dict[str, str] = {page.src_uri: "" for page in session.generated_pages()}
    for folder, _dirs, names in os.walk(docs):
        for name in names:
            src = os.path.relpath(os.path.join(folder, name), docs).replace(os.sep, "/")
            if session.is_unpublished(src):
                continue
            if name.endswith(".md"):
                path = os.path.join(folder, name)
                text = session.markdown_for_engine(src, path, lambda: open(path, encoding="utf-8").read())
                pages[src] = markdown.markdown(text, extensions=["tables", "attr_list", "admonition", "toc"])
            else:
                os.makedirs(os.path.dirname(os.path.join(out, src)), exist_ok=True)
                shutil.copyfile(os.path.join(folder, name), os.path.join(out, src))
    written = []
    for src, engine_html in sorted(pages.items()):
        dest = routes.url_of(src) + "index.html" if src.endswith(".md") else src
        title = (session.title_of(src) or (src, ""))[0]
        content = session.content(src, _relink(engine_html, src, dest))
        html = SHELL.format(title=title, content=content, footer=session.footer(src))
        path = os.path.join(out, dest)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(session.written(dest, html, is_page=True))
        written.append(dest)
    for output in session.static_files():
        path = os.path.join(out, output.src_uri)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(output.data)
    session.finish(out)
    return written


if __name__ == "__main__":
    for page in build(sys.argv[1], sys.argv[2]):
        print(page)
    print("mkdocs imported:", any(name.split(".")[0] in ("mkdocs", "material") for name in sys.modules))
