"""The admin page /quan-tri/: a static file beside the engine's pages, with its own policy.

The engine's pages get their Content-Security-Policy from publish/csp.py; this page is written
as a static file (no theme, no search, no link check), so it carries its own. Decap builds its
styles at run time (inline <style>) and shows uploaded images as blob: URLs; it talks only to the
hosts its backend names.
"""

from __future__ import annotations

from html import escape

from .backend import Backend

# Decap's bundle compiles some code at run time (ajv validates config.yml with generated functions).
SCRIPT_SRC = "'self' 'unsafe-eval'"


def policy(backend: Backend) -> str:
    # blob: an uploaded image is read back from its in-browser copy when the entry is saved.
    connect = " ".join(["'self'", "blob:", *backend.connect_sources()])
    return ("default-src 'self'; " f"script-src {SCRIPT_SRC}; " "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; "
            f"connect-src {connect}; frame-src 'self' blob:; worker-src 'self' blob:; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def index_html(site_name: str, backend: Backend) -> str:
    kind = "github" if backend.github_repo else "local"
    token_form = ""
    if backend.github_repo:
        token_form = (
            '<form id="cchc-token" hidden style="max-width:36rem;margin:1rem auto;font:16px/1.5 sans-serif">'
            '<p>Đăng nhập bằng mã truy cập GitHub (xem README, mục “Sửa trên mạng”):</p>'
            '<label>Mã truy cập (personal access token) '
            '<input type="password" autocomplete="off" style="width:100%"></label> '
            '<button type="submit">Đăng nhập bằng mã</button></form>'
        )
    return (
        "<!doctype html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy(backend)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>Quản trị nội dung – {escape(site_name)}</title>\n"
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        '<link href="cchc-admin.css" rel="stylesheet">\n'
        "</head>\n"
        f'<body data-cchc-backend="{kind}">\n{token_form}\n'
        '<script src="cchc-admin-truoc.js"></script>\n'
        '<script src="decap-cms.js"></script>\n'
        '<script src="cchc-admin.js"></script>\n'
        "</body>\n</html>\n"
    )
