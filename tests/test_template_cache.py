"""Compiled templates kept between builds (pages/template_cache.py): used when the source is the same,
compiled again when it is not, and never a reason for a page to differ or a build to fail."""

from __future__ import annotations

import os
import stat

import jinja2
import pytest

from cchc.pages import render, template_cache

from conftest import differing_files, run_cchc, tiny_site


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(template_cache.ENVIRONMENT_VARIABLE, str(folder))
    monkeypatch.setattr(render, "_ENVIRONMENTS", {})  # each test starts as a new process does
    return folder


def _compiles(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from here on."""
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return compiled


def _new_process(monkeypatch) -> None:
    monkeypatch.setattr(render, "_ENVIRONMENTS", {})


def test_a_template_compiled_once_is_loaded_by_the_next_process_and_renders_the_same(tmp_path, cache_dir, monkeypatch):
    overrides = tmp_path / "theme-cchc"
    overrides.mkdir()
    (overrides / "units.html").write_text("<p>{{ ten }}</p>", encoding="utf-8")
    compiled = _compiles(monkeypatch)
    first = render.environment(str(overrides)).get_template("units.html").render(ten="An <Phú>")
    assert compiled == ["units.html"]
    assert len(list((cache_dir / "jinja").iterdir())) == 1
    _new_process(monkeypatch)
    again = render.environment(str(overrides)).get_template("units.html").render(ten="An <Phú>")
    assert compiled == ["units.html"]  # loaded, not compiled
    assert again == first == "<p>An &lt;Phú&gt;</p>"


def test_an_edited_template_is_compiled_again(tmp_path, cache_dir, monkeypatch):
    overrides = tmp_path / "theme-cchc"
    overrides.mkdir()
    template = overrides / "units.html"
    template.write_text("<p>một</p>", encoding="utf-8")
    compiled = _compiles(monkeypatch)
    assert render.environment(str(overrides)).get_template("units.html").render() == "<p>một</p>"
    template.write_text("<p>hai</p>", encoding="utf-8")
    _new_process(monkeypatch)
    assert render.environment(str(overrides)).get_template("units.html").render() == "<p>hai</p>"
    assert compiled == ["units.html", "units.html"]


def test_environments_that_compile_differently_do_not_share_entries(cache_dir):
    source = "{% if x %}\n  a\n{% endif %}\n"
    trimmed = jinja2.Environment(loader=jinja2.DictLoader({"t.html": source}), trim_blocks=True, lstrip_blocks=True)
    plain = jinja2.Environment(loader=jinja2.DictLoader({"t.html": source}))
    assert template_cache.compiled_with(trimmed) != template_cache.compiled_with(plain)
    for env in (trimmed, plain):
        template_cache.attach(env)
    assert trimmed.get_template("t.html").render(x=True) == "  a\n"
    assert plain.get_template("t.html").render(x=True) == "\n  a\n"
    # A filter that now asks for the context is called differently by the compiled code.
    before = template_cache.compiled_with(plain)
    plain.filters["upper"] = jinja2.pass_context(lambda context, value: value)
    assert template_cache.compiled_with(plain) != before


def _same_named(function, name: str = "ngay_viet"):
    function.__name__ = function.__qualname__ = name
    function.__module__ = "cchc.base.dates"
    return function


def test_a_filter_jinja_ran_while_compiling_is_part_of_the_key(cache_dir):
    """Jinja applies filters and finalize to constants while it compiles, and keeps their result."""
    template = {"t.html": '{{ "2026" | ngay }}|{{ "x" }}'}

    def rendered(ngay, finalize) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader(template), finalize=finalize)
        env.filters["ngay"] = ngay
        template_cache.attach(env)
        return env.get_template("t.html").render()

    first = rendered(_same_named(lambda value: f"v1:{value}"), _same_named(lambda value: f"[{value}]", "final"))
    assert first == "[v1:2026]|[x]"
    # Same names, other code (the package was edited): compiled again, not the first result.
    assert rendered(_same_named(lambda value: f"v2:{value}"), _same_named(lambda value: f"[{value}]", "final")) \
        == "[v2:2026]|[x]"
    assert rendered(_same_named(lambda value: f"v1:{value}"), _same_named(lambda value: f"<{value}>", "final")) \
        == "<v1:2026>|<x>"

    def made_for(site: str):  # a filter made from a site's configuration: same code, other closure
        return _same_named(lambda value: f"{site}:{value}")

    assert rendered(made_for("an-phu"), None) == "an-phu:2026|x"
    assert rendered(made_for("binh-an"), None) == "binh-an:2026|x"
    assert rendered(made_for("an-phu"), None) == "an-phu:2026|x"  # the first entry, still right


def test_a_damaged_entry_is_compiled_again_and_replaced(tmp_path, cache_dir, monkeypatch):
    overrides = tmp_path / "theme-cchc"
    overrides.mkdir()
    (overrides / "units.html").write_text("<p>{{ 1 + 1 }}</p>", encoding="utf-8")
    render.environment(str(overrides)).get_template("units.html")
    (entry,) = (cache_dir / "jinja").iterdir()
    for damage in (entry.read_bytes()[:20], b"not a cache entry at all"):
        entry.write_bytes(damage)
        _new_process(monkeypatch)
        assert render.environment(str(overrides)).get_template("units.html").render() == "<p>2</p>"
        assert entry.read_bytes() != damage


def test_a_folder_others_may_write_into_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    (shared / "jinja").mkdir(parents=True)
    os.chmod(shared / "jinja", 0o777)
    monkeypatch.setenv(template_cache.ENVIRONMENT_VARIABLE, str(shared))
    assert template_cache.cache_folder() is None
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "x"}))
    template_cache.attach(env)
    assert env.bytecode_cache is None
    assert env.get_template("t.html").render() == "x"
    assert stat.S_IMODE(os.stat(shared / "jinja").st_mode) == 0o777 and not list((shared / "jinja").iterdir())


def test_a_folder_inside_one_others_may_write_into_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)  # another user could swap the folder of entries for their own
    monkeypatch.setenv(template_cache.ENVIRONMENT_VARIABLE, str(shared))
    assert template_cache.cache_folder() is None
    os.chmod(shared, 0o700)
    assert template_cache.cache_folder() == str(shared / "jinja")


def test_an_empty_setting_turns_the_cache_off_and_a_folder_that_cannot_be_made_costs_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(template_cache.ENVIRONMENT_VARIABLE, "")
    assert template_cache.cache_folder() is None
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(template_cache.ENVIRONMENT_VARIABLE, str(blocker))  # its folder cannot be made
    assert template_cache.cache_folder() is None


def test_a_folder_that_becomes_unwritable_does_not_fail_the_render(tmp_path, cache_dir, monkeypatch):
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ 40 + 2 }}"}))
    template_cache.attach(env)
    assert isinstance(env.bytecode_cache, template_cache.TemplateCache)
    env.bytecode_cache.directory = str(tmp_path / "gone")  # removed while the build runs
    assert env.get_template("t.html").render() == "42"


def test_the_folder_is_bounded_once_per_process_oldest_entries_and_leftovers_first(cache_dir, monkeypatch):
    monkeypatch.setattr(template_cache, "MAX_ENTRIES", 6)
    folder = cache_dir / "jinja"
    folder.mkdir(parents=True)
    for number in range(8):  # entries of earlier builds, the oldest first
        entry = folder / f"old{number}.jinja"
        entry.write_bytes(b"")
        os.utime(entry, ns=(number * 10**9, number * 10**9))
    leftover, recent = folder / "old0.jinja.tmp", folder / "new.jinja.tmp"
    for path in (leftover, recent):
        path.write_bytes(b"")
    os.utime(leftover, (0, 0))  # a write stopped long ago
    templates = {f"t{number}.html": f"{number}" for number in range(4)}
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    template_cache.attach(env)
    for name in templates:
        assert env.get_template(name).render() == templates[name]
    names = {path.name for path in folder.iterdir()}
    # After the first write: 9 entries, the 6 oldest removed; the three later writes are not bounded again.
    assert names == {"old6.jinja", "old7.jinja", "new.jinja.tmp"} | {name for name in names if len(name) > 40}
    assert len(names) == 3 + 4


def _compiled_files(folder) -> set[str]:
    """The template file each entry was compiled from (an entry: Jinja's magic, the source's
    checksum, the code)."""
    import marshal
    import pickle

    from jinja2.bccache import bc_magic

    found = set()
    for entry in folder.iterdir():
        with open(entry, "rb") as data:
            assert data.read(len(bc_magic)) == bc_magic
            pickle.load(data)
            found.add(marshal.load(data).co_filename)
    return found


def test_a_build_keeps_the_portals_and_the_themes_templates_and_the_next_build_is_the_same(tmp_path):
    root = tiny_site(tmp_path / "portal")
    cache = tmp_path / "cache"
    first = run_cchc("build", "--site-dir", "site-1", cwd=root, env={template_cache.ENVIRONMENT_VARIABLE: str(cache)})
    assert first.returncode == 0, first.stderr
    files = _compiled_files(cache / "jinja")
    written = {entry.name: entry.stat().st_mtime_ns for entry in (cache / "jinja").iterdir()}
    assert any(name.endswith(os.path.join("cchc", "pages", "templates", "units.html")) for name in files)
    assert any(name.endswith(os.path.join("material", "templates", "base.html")) for name in files)
    second = run_cchc("build", "--site-dir", "site-2", cwd=root, env={template_cache.ENVIRONMENT_VARIABLE: str(cache)})
    off = run_cchc("build", "--site-dir", "site-3", cwd=root, env={template_cache.ENVIRONMENT_VARIABLE: ""})
    assert second.returncode == 0 and off.returncode == 0, second.stderr + off.stderr
    assert {entry.name: entry.stat().st_mtime_ns for entry in (cache / "jinja").iterdir()} == written  # none compiled anew
    assert differing_files(root / "site-1", root / "site-2", ignore=[".cchc-build"]) == []
    assert differing_files(root / "site-1", root / "site-3", ignore=[".cchc-build"]) == []
