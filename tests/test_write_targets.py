"""No command writes or deletes where it does not belong (hostile and careless targets)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from cchc.publish import promote as promotion
from cchc.publish.targets import MARKER

from conftest import REPO, run_cchc, tiny_site


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    root = tiny_site(tmp_path_factory.mktemp("portal") / "p")
    (root / "theme").mkdir()
    (root / "theme" / "note.txt").write_text("giữ nguyên\n", encoding="utf-8")
    os.system(f"git -C {root} init -q")
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("site_dir", ["plans", "content", "theme", ".git", ".", "..", "plans/an-phu", "content/x",
                                      "mkdocs.yml"])
def test_a_build_never_replaces_the_repository_or_its_data(portal, site_dir):
    before = _tree(portal)
    result = run_cchc("build", "--site-dir", site_dir, cwd=portal)
    assert result.returncode == 1, result.stderr
    assert "Không dùng" in result.stderr or "Không dựng" in result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(portal) == before


def test_a_folder_that_is_not_a_previous_build_is_not_replaced(portal, tmp_path):
    other = tmp_path / "tai-lieu"
    other.mkdir()
    (other / "bao-cao.docx").write_bytes(b"quan trong")
    result = run_cchc("build", "--site-dir", str(other), cwd=portal)
    assert result.returncode == 1 and ".cchc-build" in result.stderr
    assert (other / "bao-cao.docx").read_bytes() == b"quan trong"


def test_a_previous_build_is_replaced_and_marked(portal, tmp_path):
    out = tmp_path / "site"
    assert run_cchc("build", "--site-dir", str(out), cwd=portal).returncode == 0
    assert (out / MARKER).is_file()
    (out / "cu.html").write_text("cũ", encoding="utf-8")
    assert run_cchc("build", "--site-dir", str(out), cwd=portal).returncode == 0
    assert not (out / "cu.html").exists() and (out / "index.html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".site-build-", ".site-old-"))]


def test_staging_folders_of_killed_builds_are_removed_by_the_next_build(portal, tmp_path):
    out = tmp_path / "site"
    dead = tmp_path / ".site-build-dead"
    (dead / "out-0").mkdir(parents=True)
    (dead / ".owner").write_text("999999999", encoding="ascii")  # no such process
    unowned = tmp_path / ".site-old-x1"
    unowned.mkdir()
    alive = tmp_path / ".site-build-alive"
    alive.mkdir()
    (alive / ".owner").write_text(str(os.getppid()), encoding="ascii")  # a running build's folder
    assert run_cchc("build", "--site-dir", str(out), cwd=portal).returncode == 0
    assert not dead.exists() and not unowned.exists() and alive.exists()


def test_promotion_is_one_atomic_step_the_live_site_never_disappears(tmp_path):
    live = tmp_path / "site"
    live.mkdir()
    (live / "index.html").write_text("0", encoding="utf-8")
    missing = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if not (live / "index.html").exists():
                missing.append(time.monotonic())
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for number in range(1, 60):
            new = tmp_path / f"new-{number}"
            new.mkdir()
            (new / "index.html").write_text(str(number), encoding="utf-8")
            promotion.promote(str(new), str(live))
    finally:
        stop.set()
        watcher.join()
    assert missing == []
    assert (live / "index.html").read_text("utf-8") == "59" and not list(tmp_path.glob("new-*"))


@pytest.mark.parametrize("output", ["plans/an-phu/don-vi.yml", "mkdocs.yml", "plans/an-phu/bao-cao.docx",
                                    "content/tep.docx", "theme/bao-cao.docx", "bao-cao.txt"])
def test_a_report_never_overwrites_or_lands_in_the_portal_data(portal, output):
    (portal / "content" / "tep.docx").write_bytes(b"dinh kem")
    before = _tree(portal)
    result = run_cchc("report", "--don-vi", "an-phu", "--ky", "2026-Q1", "-o", output, cwd=portal)
    assert result.returncode == 1 and "Không viết báo cáo" in result.stderr, result.stderr
    assert _tree(portal) == before


def test_a_report_is_written_whole_or_not_at_all(portal, tmp_path, monkeypatch, capsys):
    """A full disk in the middle of writing leaves the previous report, and no empty or temporary file."""
    import errno

    from cchc import cli
    from cchc.formats import word_report

    output = tmp_path / "bao-cao.docx"
    assert cli.main(["--thu-muc", str(portal), "report", "--don-vi", "an-phu", "--ky", "2026-Q1",
                     "-o", str(output)]) == 0
    first = output.read_bytes()

    def full_disk(report, path, site_url=""):
        with open(path, "wb") as out:
            out.write(b"PK\x03\x04 half")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(word_report, "write_docx", full_disk)
    assert cli.main(["--thu-muc", str(portal), "report", "--don-vi", "an-phu", "--ky", "2026-Q2",
                     "-o", str(output)]) == 1
    assert output.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]
    assert "Tệp cũ" in capsys.readouterr().err


@pytest.mark.parametrize("unit", ["../../etc", "Muong-Lay", "muong lay", "/tmp/x", "phường-1", ""])
def test_import_accepts_only_a_unit_code(portal, tmp_path, unit):
    document = tmp_path / "kh.txt"
    document.write_text("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n", encoding="utf-8")
    before = _tree(portal)
    result = run_cchc("import", str(document), "--don-vi", unit, cwd=portal)
    assert result.returncode == 1 and "Mã đơn vị" in result.stderr and "Traceback" not in result.stderr
    assert _tree(portal) == before
