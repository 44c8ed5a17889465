"""The preview's engine process between saves: a build after an edit runs without Python's garbage
collection (a full collection of its heap takes a second at 11,000 pages), which follows the answer."""

from __future__ import annotations

import gc
import io
import json


def test_an_edit_s_build_runs_without_collection_and_the_collection_follows_the_answer(monkeypatch):
    from cchc.engine import mkdocs_live

    events: list[str] = []

    class Recording(mkdocs_live.LiveEngine):
        def build(self, run_value, out_dir, changed):
            events.append(f"build changed={changed is not None} gc={gc.isenabled()}")
            self.plugin = object()  # what a first good build leaves
            return {"code": 0, "log": "", "partial": changed is not None}

    class Answers(io.StringIO):
        def flush(self):
            events.append("answered")

    answers = Answers()
    requests = [{"run": "{}", "out": "o", "changed": None}, {"run": "{}", "out": "o", "changed": ["plans/a/x.yml"]}]
    monkeypatch.setattr(mkdocs_live, "LiveEngine", Recording)
    monkeypatch.setattr(mkdocs_live.yaml_tree, "remember_parses", lambda: None)  # not for this test process
    monkeypatch.setattr(mkdocs_live.sys, "stdin", io.StringIO("".join(json.dumps(r) + "\n" for r in requests)))
    monkeypatch.setattr(mkdocs_live.sys, "stdout", answers)
    monkeypatch.setattr(mkdocs_live.sys, "argv", ["mkdocs_live"])
    monkeypatch.setattr(mkdocs_live.gc, "collect", lambda *args: events.append("collected") or 0)
    assert gc.isenabled()
    assert mkdocs_live.main() == 0
    assert gc.isenabled()
    assert events == ["build changed=False gc=True", "answered",
                      "build changed=True gc=False", "answered", "collected"]
    assert [json.loads(line)["partial"] for line in answers.getvalue().splitlines()] == [False, True]


def test_a_full_build_after_an_edit_it_cannot_bound_collects_garbage(monkeypatch):
    """The edit needs a full build (a post added, the theme changed): that build runs with collection on."""
    from cchc.engine import mkdocs_live

    seen: list[bool] = []
    engine = mkdocs_live.LiveEngine("mkdocs.yml")
    engine.plugin = object()  # type: ignore[assignment]

    def needs_full(*_args):
        raise mkdocs_live._Full()

    monkeypatch.setattr(engine, "_partial", needs_full)
    monkeypatch.setattr(engine, "_full", lambda _out: seen.append(gc.isenabled()))
    gc.disable()
    try:
        answer = engine.build("{}", "o", ["content/chuyen-muc/bai-viet/moi.md"])
    finally:
        gc.enable()
    assert seen == [True] and answer["partial"] is False
