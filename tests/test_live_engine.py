"""The preview's engine process between saves: a build after an edit runs without Python's garbage
collection (a full collection of its heap takes a second at 11,000 pages), which follows the answer."""

from __future__ import annotations

import gc
import io
import json


def test_an_edit_s_build_runs_without_collection_and_the_collection_follows_the_answer(monkeypatch):
    from cchc.engine import mkdocs_live

    events: list[str] = []

    def full(self, _out_dir):
        events.append(f"full build gc={gc.isenabled()}")
        self.plugin = object()  # what a first good build leaves

    def partial(self, _run, _out_dir, _changed):
        events.append(f"edit's build gc={gc.isenabled()}")

    class Answers(io.StringIO):
        def flush(self):
            events.append("answered")

    answers = Answers()
    requests = [{"run": "{}", "out": "o", "changed": None}, {"run": "{}", "out": "o", "changed": ["plans/a/x.yml"]}]
    monkeypatch.setattr(mkdocs_live.LiveEngine, "_full", full)
    monkeypatch.setattr(mkdocs_live.LiveEngine, "_partial", partial)
    monkeypatch.setattr(mkdocs_live.memo, "remember_parses", lambda: None)  # not for this test process
    monkeypatch.setattr(mkdocs_live.sys, "stdin", io.StringIO("".join(json.dumps(r) + "\n" for r in requests)))
    monkeypatch.setattr(mkdocs_live.sys, "stdout", answers)
    monkeypatch.setattr(mkdocs_live.sys, "argv", ["mkdocs_live"])
    monkeypatch.setattr(mkdocs_live.gc, "collect", lambda *args: events.append("collected") or 0)
    assert gc.isenabled()
    assert mkdocs_live.main() == 0
    assert gc.isenabled()
    assert events == ["full build gc=True", "answered", "edit's build gc=False", "answered", "collected"]
    assert [json.loads(line)["partial"] for line in answers.getvalue().splitlines()] == [False, True]


def test_a_full_build_after_an_edit_it_cannot_bound_collects_garbage(monkeypatch):
    """The edit needs a full build (a post added, the theme changed): that build runs with collection on."""
    from cchc.engine import mkdocs_live

    seen: list[bool] = []
    engine = mkdocs_live.LiveEngine("mkdocs.yml")
    engine.plugin = object()  # type: ignore[assignment]

    def needs_full(*_args):
        seen.append(gc.isenabled())
        raise mkdocs_live._Full()

    monkeypatch.setattr(engine, "_partial", needs_full)
    monkeypatch.setattr(engine, "_full", lambda _out: seen.append(gc.isenabled()))
    try:
        answer = engine.build("{}", "o", ["content/chuyen-muc/bai-viet/moi.md"])
    finally:
        gc.enable()
    assert seen == [False, True] and answer["partial"] is False and gc.isenabled()
