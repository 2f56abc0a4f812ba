"""`tracker serve` in a real browser: headless Chromium (the distribution's package) opens the page,
the grid arrives, a digit typed is stored in the database. The server is a real process here,
because serving is the point. A screenshot is kept in tests/artifacts/ (not tracked).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.core.periods import last_completed_month
from tracker.store.store import Store
from tracker.tui.serve import exposure_warning, grid_command, is_loopback

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# Nothing but the page: no updates, sync or other traffic from the browser itself.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT = 60  # seconds: generous, since two cores are shared; no assertion depends on speed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, what: str, page):
    """Poll condition; the page's own wait lets Playwright deliver the websocket frames meanwhile."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        page.wait_for_timeout(200)
    raise AssertionError(f"gave up waiting for {what}")


def test_serve_is_bound_to_localhost_unless_told_and_then_warns():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert exposure_warning("127.0.0.1", 8000, "anna") is None
    warning = exposure_warning("0.0.0.0", 8000, "anna")
    assert "Alla som når den porten arbetar i databasen som anna" in warning
    assert not is_loopback("tracker.kommun.se")


def test_serve_refuses_a_taken_port_and_a_missing_database_in_swedish(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "saknas.db")]) == 2
    assert "finns inte" in capsys.readouterr().err
    assert main(["init", "--db", str(tmp_path / "t.db")]) == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(tmp_path / "t.db"), "--port", str(port)]) == 2
    assert f"Porten {port} används redan på 127.0.0.1" in capsys.readouterr().err
    assert main(["serve", "--db", str(tmp_path / "t.db"), "--port", "70000"]) == 2
    assert main(["serve", "--db", str(tmp_path / "t.db"), "--unit", "NOPE"]) == 2
    assert "Enheten ”NOPE” finns inte" in capsys.readouterr().err


def test_each_browser_session_runs_this_python_on_the_chosen_database(tmp_path):
    command = grid_command(tmp_path / "en fil.db", "IFO.BOU.MOT")
    assert command.startswith(sys.executable)
    assert f"-m tracker --db '{tmp_path / 'en fil.db'}' --unit IFO.BOU.MOT" in command


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium); .ci/run installs it"
)
def test_grid_in_chromium_renders_and_a_typed_digit_is_stored(tmp_path, capsys):
    playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    db = tmp_path / "webb.db"
    assert main(["init", "--db", str(db)]) == 0
    capsys.readouterr()
    with Store.open(db) as store:
        unit = store.units.first_enhet().code
    month = last_completed_month(date.today())

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tracker", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        announced = server.stdout.readline()
        assert f"visas på http://127.0.0.1:{port}/" in announced, announced + server.stdout.read()
        received = bytearray()
        with playwright_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                page = browser.new_page(viewport={"width": 2400, "height": 900})
                elsewhere = []
                page.on(
                    "request",
                    lambda r: None if r.url.startswith(f"http://127.0.0.1:{port}/") else elsewhere.append(r.url),
                )

                def on_socket(ws):
                    ws.on(
                        "framereceived",
                        lambda payload: received.extend(payload if isinstance(payload, bytes) else payload.encode()),
                    )

                page.on("websocket", on_socket)
                page.goto(f"http://127.0.0.1:{port}/")
                # what the browser's terminal is given to draw: the grid's title and rows
                screen = lambda: received.decode("utf-8", errors="replace")  # noqa: E731
                wait_for(
                    lambda: f"Databas: {db}" in screen() and "Aktualiseringar barn och" in screen(), "the grid", page
                )
                page.wait_for_function("document.body.classList.contains('-first-byte')")
                assert page.evaluate("document.documentElement.lang") == "sv"
                assert elsewhere == []  # the page asks nothing of other hosts

                # keys go to xterm's hidden text field; a click would also move the grid's cursor
                page.focus(".xterm-helper-textarea")
                page.keyboard.type("7")
                page.keyboard.press("Enter")

                def stored():
                    with Store.open(db) as store:
                        return store.cell(unit, "bou.akt", "", month)[0] == 7

                wait_for(stored, "the value in the database", page)
                wait_for(lambda: "Sparat:" in screen(), "the saved message in the browser", page)
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "serve-grid-chromium.png"))
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=WAIT)
    assert (ARTIFACTS / "serve-grid-chromium.png").stat().st_size > 0
