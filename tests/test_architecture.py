"""The one-way data flow is enforced, not just described: import contracts and the type checker."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def _lint_imports(pythonpath: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"PYTHONPATH": pythonpath} if pythonpath else {})}
    return subprocess.run([str(BIN / "lint-imports"), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
                          cwd=REPO, capture_output=True, text=True, env=env)


def test_every_import_contract_is_kept():
    result = _lint_imports()
    assert result.returncode == 0, result.stdout[-3000:]
    assert "BROKEN" not in result.stdout and result.stdout.count("KEPT") == 3


def _copy_with(tmp_path: Path, **added: str) -> str:
    """A copy of the package with one line added to each named module ("base/dates.py" as base__dates)."""
    copy = tmp_path / "cchc"
    shutil.copytree(REPO / "scripts" / "cchc", copy, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    for module, line in added.items():
        path = copy / (module.replace("__", "/") + ".py")
        path.write_text(path.read_text("utf-8") + "\n" + line + "\n", encoding="utf-8")
    return str(tmp_path)


def test_a_wrong_way_import_breaks_the_layers_contract(tmp_path):
    result = _lint_imports(_copy_with(tmp_path, base__dates="from ..pages import builder  # noqa"))
    assert result.returncode != 0
    assert "Stages import only the stages below them BROKEN" in result.stdout
    assert "cchc.base.dates -> cchc.pages.builder" in result.stdout


def test_pages_and_search_do_not_import_each_other(tmp_path):
    result = _lint_imports(_copy_with(tmp_path, search__index="from ..pages import sanitize  # noqa"))
    assert result.returncode != 0 and "Stages import only the stages below them BROKEN" in result.stdout


def test_mkdocs_outside_the_adapter_breaks_its_contract(tmp_path):
    result = _lint_imports(_copy_with(tmp_path, publish__csp="import mkdocs  # noqa"))
    assert result.returncode != 0
    assert "Only the engine adapter imports mkdocs or its theme BROKEN" in result.stdout


def test_an_import_cycle_breaks_its_contract(tmp_path):
    result = _lint_imports(_copy_with(tmp_path, base__dates="from . import phones  # noqa",
                                      base__phones="from . import dates  # noqa"))
    assert result.returncode != 0 and "No import cycle inside any package BROKEN" in result.stdout


def test_the_type_checker_passes():
    result = subprocess.run([str(BIN / "mypy")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]
