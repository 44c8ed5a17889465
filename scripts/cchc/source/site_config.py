"""The few settings of mkdocs.yml the core needs outside the engine, with their positions.

`cchc check --san-sang` must know the site address the build will use without
starting mkdocs. The file is only composed (never constructed), so any tag
mkdocs accepts is harmless here; `!ENV` is resolved the way mkdocs resolves it:
the first variable that is set, else the last item as the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping as MappingType

import yaml

from ..base.problems import Mark

ENV_TAG = "!ENV"


@dataclass
class SiteConfig:
    path: str  # as shown to staff, e.g. mkdocs.yml
    site_url: str = ""
    site_url_mark: Mark | None = None
    plugin_options: dict[str, str] | None = None  # the cchc plugin's options, as written


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _resolve(node: yaml.Node, environ: MappingType[str, str]) -> str:
    if node.tag == ENV_TAG:
        names = [item.value for item in node.value] if isinstance(node, yaml.SequenceNode) else [node.value]
        for name in names:
            if isinstance(name, str) and environ.get(name) is not None:
                return environ[name]
        default = names[-1] if isinstance(node, yaml.SequenceNode) and names else ""
        return default if isinstance(default, str) else ""
    return node.value if isinstance(node, yaml.ScalarNode) else ""


def _plugin_options(plugins: yaml.Node) -> dict[str, str] | None:
    if not isinstance(plugins, yaml.SequenceNode):
        return None
    for item in plugins.value:
        if isinstance(item, yaml.ScalarNode) and item.value == "cchc":
            return {}
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if key.value == "cchc":
                    pairs = value.value if isinstance(value, yaml.MappingNode) else []
                    return {k.value: v.value for k, v in pairs if isinstance(v, yaml.ScalarNode)}
    return None


def read(root: str, config_file: str = "mkdocs.yml", environ: MappingType[str, str] = os.environ) -> SiteConfig:
    """What mkdocs.yml says; an unreadable file gives empty settings (the build reports it)."""
    shown = config_file.replace(os.sep, "/")
    config = SiteConfig(path=shown)
    try:
        with open(os.path.join(root, config_file), encoding="utf-8") as handle:
            document = yaml.compose(handle)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return config
    if not isinstance(document, yaml.MappingNode):
        return config
    for key, value in document.value:
        if key.value == "site_url":
            config.site_url = _resolve(value, environ).strip()
            config.site_url_mark = _mark(value)
        elif key.value == "plugins":
            config.plugin_options = _plugin_options(value)
    return config
