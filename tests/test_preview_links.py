"""The preview's link check after an incremental build: only the pages written since the last clean
check, unless the site's files or a written page's ids changed; a broken link is reported either way."""

from __future__ import annotations

import threading
import time

from cchc.publish.handoff import Handoff
from cchc.publish.link_baseline import LinkBaseline
from conftest import BUILD_DAY_EPOCH, REPO, tiny_site


def _handoff(ids: dict[str, set[str]], written: list[str], partial: bool = True) -> Handoff:
    return Handoff(scanned={dest: (found, []) for dest, found in ids.items()}, partial=partial,
                   rendered={dest.replace("/index.html", ".md"): ("f", dest, "d") for dest in written})


FILES = ({"/s/a/index.html", "/s/b/index.html", "/s/c/index.html"}, {"/s", "/s/a", "/s/b", "/s/c"})
IDS = {"a/index.html": {"x"}, "b/index.html": {"y"}, "c/index.html": set()}


def test_the_first_check_and_any_after_a_failure_check_every_page():
    links = LinkBaseline()
    first = _handoff(IDS, list(IDS))
    written = links.note_build(first)
    assert links.pages_to_check(first, FILES, written) is None
    links.passed(first, FILES, written, lambda: True)
    second = _handoff(IDS, ["b/index.html"])
    assert links.pages_to_check(second, FILES, links.note_build(second)) == {"b/index.html"}
    links.failed()
    assert links.pages_to_check(second, FILES, links.note_build(second)) is None


def test_after_a_full_build_every_page_is_checked():
    """A full build (theme, configuration) rewrites pages it does not list as rendered, the 404 page."""
    links = LinkBaseline()
    first = _handoff(IDS, list(IDS))
    links.passed(first, FILES, links.note_build(first), lambda: True)
    full = _handoff(IDS, ["b/index.html"], partial=False)
    assert links.pages_to_check(full, FILES, links.note_build(full)) is None


def test_new_files_or_changed_ids_of_a_written_page_mean_every_page():
    links = LinkBaseline()
    first = _handoff(IDS, list(IDS))
    links.passed(first, FILES, links.note_build(first), lambda: True)
    fewer_ids = _handoff({**IDS, "b/index.html": set()}, ["b/index.html"])
    assert links.pages_to_check(fewer_ids, FILES, links.note_build(fewer_ids)) is None
    more_files = ({*FILES[0], "/s/d.pdf"}, FILES[1])
    same = _handoff(IDS, ["b/index.html"])
    assert links.pages_to_check(same, more_files, links.note_build(same)) is None
    # The ids of a page not written again cannot have changed: only written ones are compared.
    assert links.pages_to_check(same, FILES, links.note_build(same)) == {"b/index.html"}


def test_pages_written_by_a_build_whose_check_was_superseded_are_checked_by_the_next():
    links = LinkBaseline()
    first = _handoff(IDS, list(IDS))
    links.passed(first, FILES, links.note_build(first), lambda: True)
    links.note_build(_handoff(IDS, ["a/index.html"]))  # its check never ran: a newer build came
    third = _handoff(IDS, ["c/index.html"])
    written = links.note_build(third)
    assert links.pages_to_check(third, FILES, written) == {"a/index.html", "c/index.html"}
    links.passed(third, FILES, written, lambda: False)  # a newer build came meanwhile: not the baseline
    assert links.pages_to_check(third, FILES, links.note_build(third)) == {"a/index.html", "c/index.html"}
    links.passed(third, FILES, written, lambda: True)
    fourth = _handoff(IDS, [])
    assert links.pages_to_check(fourth, FILES, links.note_build(fourth)) == set()


def test_the_preview_checks_the_written_pages_and_all_of_them_when_an_anchor_goes(tmp_path, monkeypatch):
    """A real preview (engine process, incremental builds): a staff page links to a task's anchor on
    the plan page. An edit of the signer checks only the pages it wrote; renaming the task removes the
    anchor from a written page, so every page is checked and the staff page's link is reported."""
    from cchc.engine import preview
    from cchc.publish import postbuild

    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY_EPOCH)
    monkeypatch.setenv("PYTHONPATH", str(REPO / "scripts"))
    root = tiny_site(tmp_path / "p", {"content/lien-ket.md": "# Liên kết\n\n"
                                      "[Nhiệm vụ 1](don-vi/an-phu/ke-hoach-2026.md#nv-NV01)\n"})
    checks: list[tuple[set[str] | None, str]] = []
    done = threading.Event()
    real_check = postbuild.check_links

    def recording(site_dir, handoff, files=None, between=None, only=None):
        try:
            real_check(site_dir, handoff, files, between, only)
            checks.append((only, ""))
        except postbuild.PostBuildFailed as err:
            checks.append((only, str(err)))
            raise
        finally:
            done.set()

    monkeypatch.setattr(postbuild, "check_links", recording)
    said: list[str] = []
    live = preview.Preview(str(root), "mkdocs.yml", said.append)

    def build(changed: set[str] | None = None) -> tuple[set[str] | None, str]:
        done.clear()
        live.build(changed)
        assert done.wait(60), said
        time.sleep(0.2)  # the check's verdict reaches the page after check_links returns
        return checks[-1]

    plan = root / "plans/an-phu/ke-hoach-2026.yml"
    try:
        only, broken = build()
        assert (only, broken) == (None, "") and live.state.problems == [], said
        plan.write_text(plan.read_text(encoding="utf-8").replace("ho_ten: ", "ho_ten: Ông ", 1), encoding="utf-8")
        only, broken = build({"plans/an-phu/ke-hoach-2026.yml"})
        assert broken == "" and only is not None and "don-vi/an-phu/ke-hoach-2026/index.html" in only
        assert "lien-ket/index.html" not in only
        plan.write_text(plan.read_text(encoding="utf-8").replace("ma: NV01", "ma: NV09", 1), encoding="utf-8")
        only, broken = build({"plans/an-phu/ke-hoach-2026.yml"})
        assert only is None and "lien-ket/index.html: liên kết tới '../don-vi/an-phu/ke-hoach-2026/#nv-NV01'" in broken
        assert any("#nv-NV01" in line for line in live.state.problems)
        plan.write_text(plan.read_text(encoding="utf-8").replace("ma: NV09", "ma: NV01", 1), encoding="utf-8")
        only, broken = build({"plans/an-phu/ke-hoach-2026.yml"})
        assert (only, broken) == (None, "") and live.state.problems == []  # after a failure: every page again
    finally:
        live.engine.stop()
        if live.indexing is not None:
            live.indexing.join(60)
