"""The same pages without the portal, for the benchmark (scripts/bench.py) to compare against:
bare mkdocs-material (the portal's generated pages written out as Markdown, same nav, Material's
own search plugin) and Hugo (Debian's package) on that Markdown with minimal templates."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def export_baseline(root: Path, target: Path) -> int:
    """The portal's pages as plain Markdown for bare mkdocs-material: generated pages keep their HTML."""
    sys.path.insert(0, str(REPO / "scripts"))  # the core, to compose the generated pages
    from cchc.pages.outputs import Settings
    from cchc.pages.builder import PageBuilder
    from cchc.model.load import load_portal
    from cchc.base import dates

    result = load_portal(str(root))
    settings = Settings(site_url="http://127.0.0.1:8000/", today=dates.as_of_date())
    builder = PageBuilder(result.portal, str(root), str(root / "theme/cchc"), settings)
    docs = target / "content"
    shutil.copytree(root / "content", docs)
    count = 0
    for page in builder.pages():
        path = docs / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {page.title}\n\n{page.html}\n", encoding="utf-8")
        count += 1
    for directory in (docs / "chuyen-muc/bai-viet", docs / "hoi-dap/cau-hoi"):
        for post in directory.glob("*.md"):  # their front matter is the portal's, not Material's
            text = post.read_text(encoding="utf-8")
            post.write_text(text.split("---", 2)[2], encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = config.index("plugins:"), config.index("# Trang sinh")
    config = config[:start] + "plugins:\n  - search\n\n" + config[end:]
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(root / "theme", target / "theme")
    (target / "theme/main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    for memoised in ("nav.html", "tabs.html", "language.html"):  # the portal's memo of Material's own (engine/fragments.py)
        (target / "theme/partials" / memoised).unlink()
    header = target / "theme/partials/header.html"  # the portal's header without its memo: rendered on every page
    header.write_text(re.sub(r"\{%-? (?:call cchc_fragment\(.*?\)|endcall) -?%\}", "", header.read_text(encoding="utf-8")),
                      encoding="utf-8")
    return count


def hugo_version() -> str | None:
    if not shutil.which("hugo"):
        return None
    return subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip() or None


HUGO_CONFIG = '''baseURL = "http://127.0.0.1:8000/"
languageCode = "vi"
title = {title}
disableKinds = ["taxonomy", "term", "RSS"]

[markup.goldmark.renderer]
unsafe = true  # the generated pages are HTML inside Markdown, as for mkdocs
'''
HUGO_LAYOUTS = {
    "baseof.html": '''<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ with .Title }}{{ . }} | {{ end }}{{ site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
''',
    "single.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "list.html": '''{{ define "main" }}{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
''',
}


def export_hugo(baseline: Path, target: Path) -> int:
    """The bare baseline's Markdown (export_baseline) as a Hugo site with minimal templates: each
    folder's index.md becomes Hugo's _index.md (same address), a page's first heading its title."""
    docs = target / "content"
    shutil.copytree(baseline / "content", docs)
    count = 0
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        title = None
        if text.startswith("---"):  # our own front matter: Hugo reads only its own keys, so keep the title
            end = text.find("\n---", 3)
            head = text[3:end] if end > 0 else ""
            found = re.search(r"^(?:title|tieu_de|cau_hoi):\s*(.+)$", head, re.M)
            title = found.group(1).strip().strip("'\"") if found else None
            text = text[end + 4:].lstrip("-\n") if end > 0 else text.lstrip("-")
        first = text.lstrip().split("\n", 1)[0]
        if title is None and first.startswith("# "):
            title = first[2:].strip()
        text = f"---\ntitle: {json.dumps(title or page.stem, ensure_ascii=False)}\n---\n\n{text}"
        if page.name == "index.md" and not (page.parent / "_index.md").exists():
            page.unlink()
            page = page.with_name("_index.md")
        page.write_text(text, encoding="utf-8")
        count += 1
    named = re.search(r"^site_name:\s*(.+?)\s*$", (baseline / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    title = named.group(1).strip("'\"") if named else "CCHC"
    (target / "hugo.toml").write_text(HUGO_CONFIG.format(title=json.dumps(title, ensure_ascii=False)), encoding="utf-8")
    layouts = target / "layouts/_default"
    layouts.mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    return count
