"""`cchc serve`: a saved change shows in the browser by itself under the published policy, data problems
show on the page at their positions, and stopping the preview stops every process it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import BUILD_DAY_EPOCH, tiny_site
from test_browser import browser  # noqa: F401  (fixture re-used)

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def preview(tmp_path):
    root = tiny_site(tmp_path / "p")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "cchc", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_DAY_EPOCH}, start_new_session=True)
    url = f"http://127.0.0.1:{port}/cong/"  # serve keeps the path of the tiny site's site_url
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "don-vi/an-phu/ke-hoach-2026/", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        yield root, url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_an_edited_plan_shows_without_a_manual_reload_and_no_csp_violation(browser, preview):  # noqa: F811
    root, url = preview
    context = browser.new_context()
    context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(url + "don-vi/an-phu/ke-hoach-2026/")
    expect(page.locator("h1")).to_contain_text("Tuyên truyền cải cách hành chính năm 2026")
    plan = root / "plans" / "an-phu" / "ke-hoach-2026.yml"
    time.sleep(1)
    plan.write_text(plan.read_text("utf-8").replace("trich_yeu: Tuyên truyền cải cách hành chính năm 2026",
                                                    "trich_yeu: Tuyên truyền cải cách hành chính năm 2026 (đã sửa)"),
                    encoding="utf-8")
    expect(page.locator("h1")).to_contain_text("(đã sửa)", timeout=30_000)
    assert page.evaluate("window.__csp") == []
    assert "cchc: đã bật tự tải lại" in messages
    # The preview pages carry the policy they are published with: no inline script is allowed.
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-inline'" not in policy.split("script-src")[1]
    context.close()


def test_data_problems_show_on_the_page_at_their_position_and_leave_with_the_fix(browser, preview):  # noqa: F811
    root, url = preview
    page = browser.new_page()
    page.goto(url + "don-vi/an-phu/ke-hoach-2026/")
    expect(page.locator("h1")).to_contain_text("Tuyên truyền cải cách hành chính năm 2026")
    plan = root / "plans" / "an-phu" / "ke-hoach-2026.yml"
    good = plan.read_text("utf-8")
    time.sleep(0.5)
    plan.write_text(good.replace("trich_yeu: ", "trich_yeu: [<b>x</b>", 1), encoding="utf-8")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("plans/an-phu/ke-hoach-2026.yml:", timeout=30_000)
    expect(alert).to_contain_text("Sai cú pháp YAML")
    assert page.locator("section[role=alert] b").count() == 0  # staff text is shown as text, never markup
    expect(page.locator("h1")).to_contain_text("Tuyên truyền cải cách hành chính năm 2026")  # last good build
    plan.write_text(good.replace("trich_yeu: ", "trich_yeu: Đã sửa - ", 1), encoding="utf-8")
    expect(page.locator("h1")).to_contain_text("Đã sửa", timeout=30_000)
    expect(page.get_by_role("alert")).to_have_count(0)


def _processes_in(folder) -> list[str]:
    """Processes whose working directory is `folder` (every engine process runs in the portal)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.readlink(f"/proc/{entry}/cwd") == str(folder):
                found.append(open(f"/proc/{entry}/cmdline", "rb").read().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return found


# Staff press Ctrl+C again, or a service manager repeats its SIGTERM, while the preview is stopping.
@pytest.mark.parametrize("signals", [[signal.SIGTERM], [signal.SIGTERM, signal.SIGTERM, signal.SIGINT]],
                         ids=["one-sigterm", "signals-while-stopping"])
def test_sigterm_during_a_rebuild_stops_every_process(tmp_path, signals):
    root = tiny_site(tmp_path / "p")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "cchc", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_DAY_EPOCH})
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/cong/", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        plan = root / "plans" / "an-phu" / "ke-hoach-2026.yml"
        plan.write_text(plan.read_text("utf-8") + "\n", encoding="utf-8")
        for _ in range(100):  # wait until the rebuild's engine process runs, then stop the preview
            if any("mkdocs" in command for command in _processes_in(root)):
                break
            time.sleep(0.05)
        assert any("mkdocs" in command for command in _processes_in(root))
        for number in signals:  # to the preview only, not to its process group
            process.send_signal(number)
            time.sleep(0.05)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
    time.sleep(0.5)
    assert _processes_in(root) == []
    stderr = process.stderr.read()
    assert "Đã dừng bản xem trước." in stderr
    assert "Traceback" not in stderr  # nothing left running races the exit (the index's scratch folder)
    assert "Lỗi không mong đợi" not in stderr and stderr.count("Đã dừng bản xem trước.") == 1


def test_the_background_index_waits_while_the_preview_builds():
    """pause_background() stops the index's Pagefind (SIGSTOP) and holds its Python work and the link
    check at their next step; resume_background() lets both go on."""
    import subprocess
    import sys
    import threading

    from cchc.search import index as search_index

    def state(pid: int) -> str:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]

    child = subprocess.Popen([sys.executable, "-c", "import time\nwhile True: time.sleep(0.01)"])
    passed = threading.Event()
    try:
        with search_index._RUNNING_LOCK:
            search_index._RUNNING.add(child)
        search_index.pause_background()
        worker = threading.Thread(target=lambda: (search_index.wait_if_paused(), passed.set()), daemon=True)
        worker.start()
        time.sleep(0.3)
        assert state(child.pid) == "T" and not passed.is_set()
        search_index.resume_background()
        assert passed.wait(5)
        time.sleep(0.1)
        assert state(child.pid) in ("S", "R")
    finally:
        search_index.resume_background()
        with search_index._RUNNING_LOCK:
            search_index._RUNNING.discard(child)
        child.kill()
        child.wait()


def test_the_preview_s_index_is_made_by_a_process_of_its_own_which_a_pause_stops(tmp_path):
    """Apart, the index's Python work does not hold up the preview's watcher; pausing it for a build
    stops its whole process group, and it finishes once resumed, leaving only the site."""
    import threading

    from cchc.search import apart, index as search_index

    def state(pid: int) -> str:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]

    site = tmp_path / "site"
    site.mkdir()
    reduced = {f"/{i}/": f"<h1>Trang {i}</h1><p>Đường dây nóng</p>" for i in range(3)}
    done: list[int] = []
    search_index.pause_background()
    try:
        worker = threading.Thread(target=lambda: done.append(apart.build_index_apart(str(site), reduced)), daemon=True)
        worker.start()
        deadline = time.monotonic() + 10
        while not search_index._RUNNING and time.monotonic() < deadline:
            time.sleep(0.01)
        [child] = list(search_index._RUNNING)
        time.sleep(0.5)
        assert state(child.pid) == "T" and not done
        assert os.getpgid(child.pid) == child.pid != os.getpgid(0)
    finally:
        search_index.resume_background()
    worker.join(60)
    assert done == [3] and len(list((site / "pagefind/fragment").iterdir())) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
