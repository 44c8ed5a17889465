"""Decap CMS's config.yml, made at build time from our schemas and the portal's files.

Collections: posts and questions (folder collections of Markdown with front matter), and, for
every unit, its profile, each plan and each plan's progress file (file collections: the paths
come from the data, the fields from the schemas).
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field

import yaml

from ..check.schema_definition import load_schema
from ..model.content import POSTS_DIR, QUESTIONS_DIR
from ..source.discovery import PROGRESS_FILE
from ..model.types import Plan, Portal
from .backend import BRANCH, Backend
from .fields import FieldBuilder, Omitted

CONTENT_DIR = "content"
UPLOADS = "tep"  # images and attachments uploaded through the editor: content/tep/


def progress_path(plan: Plan) -> str:
    """plans/<unit>/tien-do-<year>.yml beside the plan: the name the loader looks for."""
    path = posixpath.join(posixpath.dirname(plan.source_path), f"tien-do-{plan.year}.yml")
    assert PROGRESS_FILE.match(posixpath.basename(path)), path
    return path


@dataclass
class ConfigBuilder:
    portal: Portal
    backend: Backend
    omitted: list[Omitted] = field(default_factory=list)

    def _fields(self, schema_name: str, options=None) -> list[dict]:
        builder = FieldBuilder(load_schema(schema_name), options or self._unit_options)
        made = builder.fields()
        self.omitted += [Omitted(f"{schema_name}: {o.path}", o.reason) for o in builder.omitted]
        return made

    def _unit_options(self, path: tuple) -> list[dict] | None:
        # A post's or a question's unit is one of the units in plans/.
        if path == ("don_vi",) and self.portal.units:
            return [{"label": f"{u.title_name} ({u.id})", "value": u.id} for u in self.portal.units]
        return None

    def config(self) -> dict:
        out: dict = {"locale": "vi"}
        if self.backend.github_repo:
            github = {"name": "github", "repo": self.backend.github_repo, "branch": self.backend.github_branch}
            if self.backend.oauth_url:
                github["base_url"] = self.backend.oauth_url
            out["backend"] = github
            out["publish_mode"] = "editorial_workflow"  # each change is a pull request, checked by CI
        else:
            out["backend"] = {"name": "proxy", "proxy_url": self.backend.local_api, "branch": BRANCH}
        if self.backend.local_api:
            out["local_backend"] = {"url": self.backend.local_api}
        out["media_folder"] = f"{CONTENT_DIR}/{UPLOADS}"
        out["public_folder"] = UPLOADS
        out["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
        out["collections"] = [self._markdown("bai-viet", "Bài viết", "bài viết", POSTS_DIR, "tieu_de",
                                             "Nội dung bài viết"),
                              self._markdown("hoi-dap", "Hỏi – đáp", "câu hỏi", QUESTIONS_DIR, "tieu_de",
                                             "Nội dung trả lời", identifier="cau_hoi")]
        out["collections"] += self._unit_collections()
        return out

    def _markdown(self, schema: str, label: str, singular: str, folder: str, summary: str, body: str,
                  identifier: str | None = None) -> dict:
        fields = self._fields(schema)
        fields.append({"name": "body", "label": body, "widget": "markdown", "required": False,
                       "modes": ["rich_text", "raw"]})
        to_content = "../" * len(folder.split("/"))
        collection = {
            "name": schema, "label": label, "label_singular": singular,
            "description": load_schema(schema).get("description", ""),
            "folder": f"{CONTENT_DIR}/{folder}", "extension": "md", "format": "frontmatter", "create": True,
            "slug": "{{year}}-{{month}}-{{day}}-{{fields.don_vi}}-{{slug}}",
            "summary": "{{%s}}" % summary if not identifier else "{{%s}}" % identifier,
            # Markdown links are relative to the page's file: the uploads folder seen from there.
            "media_folder": f"/{CONTENT_DIR}/{UPLOADS}", "public_folder": to_content + UPLOADS,
            "fields": fields,
        }
        if identifier:
            collection["identifier_field"] = identifier
        else:
            collection["identifier_field"] = summary
        _media_paths_from_content(fields)
        return collection

    def _unit_collections(self) -> list[dict]:
        units = sorted(self.portal.units, key=lambda u: u.id)
        profile_fields = self._fields("don-vi")
        profiles = [self._file(f"don-vi-{u.id}", u.title_name, u.source_path, profile_fields) for u in units]
        plan_fields = self._fields("ke-hoach")
        plans, progress = [], []
        for unit in units:
            for plan in sorted(unit.plans, key=lambda p: p.year):
                name = f"{unit.title_name} – năm {plan.year}"
                plans.append(self._file(f"ke-hoach-{unit.id}-{plan.year}", name, plan.source_path, plan_fields))
                progress.append(self._file(f"tien-do-{unit.id}-{plan.year}", name, progress_path(plan),
                                           self._fields("tien-do", _code_options(plan))))
        out = []
        for name, label, files, schema in (("tien-do", "Tiến độ", progress, "tien-do"),
                                           ("ke-hoach", "Kế hoạch", plans, "ke-hoach"),
                                           ("don-vi", "Hồ sơ đơn vị", profiles, "don-vi")):
            if files:
                out.append({"name": name, "label": label, "description": load_schema(schema).get("description", ""),
                            "format": "yml", "extension": "yml", "files": files})
        return out

    @staticmethod
    def _file(name: str, label: str, path: str, fields: list[dict]) -> dict:
        return {"name": name, "label": label, "file": path, "fields": fields}


def _code_options(plan: Plan):
    """In a progress file, a task or target code is one of its plan's codes."""
    tasks = [{"label": f"{t.id} – {_short(t.content)}", "value": t.id} for t in plan.tasks]
    targets = [{"label": f"{t.id} – {t.summary}", "value": t.id} for t in plan.targets]

    def options(path: tuple):
        if path == ("cap_nhat", "[]", "nhiem_vu") and tasks:
            return tasks
        if path == ("cap_nhat", "[]", "chi_tieu") and targets:
            return targets
        return None
    return options


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _media_paths_from_content(fields: list[dict]) -> None:
    """An image or file named in front matter (a cover) is a path from content/, not from the page."""
    for made in fields:
        if made.get("widget") in ("image", "file"):
            made["media_folder"] = f"/{CONTENT_DIR}/{UPLOADS}"
            made["public_folder"] = UPLOADS
        _media_paths_from_content(made.get("fields", []))


def config_yaml(portal: Portal, backend: Backend) -> tuple[str, list[Omitted]]:
    builder = ConfigBuilder(portal, backend)
    made = builder.config()
    text = "# Tạo tự động từ scripts/cchc/schemas/*.json mỗi lần dựng trang: đừng sửa tệp này.\n"
    text += yaml.safe_dump(made, allow_unicode=True, sort_keys=False, width=10 ** 6)
    return text, builder.omitted
