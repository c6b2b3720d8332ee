"""``argmap serve`` (#16): a live preview on a loopback port that follows the folder's edits,
shows a broken file's errors over the last good map, and never writes into the folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from argmap.serve import Preview
from argmap.serve.page import live_csp

from conftest import FIXTURES, ROOT

CHROMIUM = "/usr/bin/chromium"
CLAIM_TEXT = "Lanes would block delivery trucks."  # in small/parking.yaml


@pytest.fixture
def folder(tmp_path):
    """A copy of the small fixture debate, free to edit."""
    root = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", root)
    return root


@pytest.fixture
def preview(folder):
    with Preview(str(folder), port=0, interval=0.02, wait=5) as running:
        yield running


def get(url: str, host: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(preview, seen: int) -> dict:
    return json.loads(get(f"{preview.url}_argmap/wait?seen={seen}")[1])


def contents(root) -> dict[str, str]:
    """Every file below ``root`` (hidden ones too) and the hash of its bytes."""
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as fh:
                found[os.path.relpath(path, root)] = hashlib.sha256(fh.read()).hexdigest()
    return found


def test_it_answers_on_a_free_loopback_port(preview):
    assert preview.url.startswith("http://127.0.0.1:") and not preview.url.endswith(":0/")
    status, page = get(preview.url)
    assert status == 200 and CLAIM_TEXT.encode() in page


def test_an_edited_file_is_served_within_a_second(preview, folder):
    parking = folder / "parking.yaml"
    started = time.monotonic()
    parking.write_text(parking.read_text().replace(CLAIM_TEXT, "Shops will lose trade."))
    state = wait_for(preview, 1)
    page = get(preview.url)[1]
    assert time.monotonic() - started < 1.0
    assert state["ok"] and state["built"] == 2
    assert b"Shops will lose trade." in page and CLAIM_TEXT.encode() not in page


def test_while_a_file_is_broken_the_last_good_map_is_served_with_its_errors(preview, folder):
    (folder / "lanes.yaml").write_text("claims:\n  - id: x\n    text: A: B\n")
    state = wait_for(preview, 1)
    assert state["ok"] is False and state["built"] == 1
    assert state["errors"][0]["where"] == f"{folder}/lanes.yaml:3:11"
    assert CLAIM_TEXT.encode() in get(preview.url)[1]


def test_a_debate_broken_from_the_start_gets_a_page_of_its_errors_and_no_map(folder):
    (folder / "lanes.yaml").write_text("claims:\n  - id: x\n    text: A: B\n")
    with Preview(str(folder), port=0) as running:
        status, page = get(running.url)
        state = json.loads(get(f"{running.url}_argmap/wait?seen=0")[1])
    assert status == 200 and b"No map yet." in page and CLAIM_TEXT.encode() not in page
    assert state["built"] == 0 and state["errors"][0]["where"] == f"{folder}/lanes.yaml:3:11"


def test_a_rebuild_parses_again_only_the_changed_file_and_matches_a_fresh_check(
        tmp_path, monkeypatch):
    import argmap.reading
    from argmap.loader import check
    from argmap.serve.livebuild import LiveBuild

    folder = shutil.copytree(ROOT / "claims", tmp_path / "claims")
    live = LiveBuild(str(folder))
    live.rebuild()
    parsed = []
    real = argmap.reading.read_yaml
    monkeypatch.setattr(argmap.reading, "read_yaml",
                        lambda data, path, cache=None: parsed.append(path) or real(data, path))
    edited = folder / "equality-model.yaml"
    edited.write_text(edited.read_text().replace("    text: ", "    text: Edited. ", 1))
    live.rebuild()
    fresh = check(str(folder), cache=False)
    assert parsed == [str(edited)]
    assert live.result.debate == fresh.debate
    assert [str(d) for d in live.result.diagnostics] == [str(d) for d in fresh.diagnostics]


@pytest.mark.parametrize("failing", ["the graph", "the map page"])
def test_a_map_that_cannot_be_made_keeps_the_last_good_one_and_says_why(preview, folder,
                                                                         monkeypatch, failing):
    from argmap import outputs
    from argmap.serve.livebuild import LiveBuild

    def fails(*args):
        raise RuntimeError("a renderer failed")
    if failing == "the graph":
        monkeypatch.setattr(LiveBuild, "_make", fails)
    else:
        monkeypatch.setattr(outputs, "OUTPUTS", tuple(
            outputs.Output(o.name, o.cost, fails, o.wanted) if o.name == "index" else o
            for o in outputs.OUTPUTS))
    parking = folder / "parking.yaml"
    parking.write_text(parking.read_text().replace(CLAIM_TEXT, "Shops will lose trade."))
    deadline = time.monotonic() + 5
    while not (state := wait_for(preview, 1))["errors"] and time.monotonic() < deadline:
        pass
    assert state["errors"] == [{
        "where": str(folder), "message": "the map could not be made (RuntimeError: a renderer "
        "failed); the last good map is shown"}]
    page = get(preview.url)[1]
    assert CLAIM_TEXT.encode() in page
    assert f'<meta name="argmap-built" content="{state["built"]}">'.encode() in page


def test_an_archive_folder_outside_the_debate_is_watched_too(folder, tmp_path):
    texts = tmp_path / "texts"
    shutil.move(folder / "archive", texts)
    with Preview(str(folder), port=0, archives=(str(texts),), interval=0.02, wait=5) as running:
        assert get(f"{running.url}_argmap/wait?seen=0")[1].count(b'"ok": true') == 1
        letter = texts / "merchants-letter.txt"
        letter.write_text(letter.read_text().replace("nowhere to stop", "nowhere to park"))
        state = wait_for(running, 1)
    assert [e["message"][:37] for e in state["errors"]] == [
        "quote not found in the archive of 'me"]


def test_the_other_pages_are_served_too(preview):
    for name in ("report.html", "sources.html", "argmap.json"):
        assert get(preview.url + name)[0] == 200, name
    assert get(preview.url + "no-such-page.html")[0] == 404


def test_a_request_naming_another_host_is_refused(preview):
    port = preview.url.rsplit(":", 1)[1].rstrip("/")
    assert get(preview.url, host=f"attacker.example:{port}")[0] == 403


def test_the_served_policy_adds_only_the_live_script_and_requests_to_the_server():
    policy = live_csp("default-src 'none'; script-src 'sha256-abc'; img-src data:")
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'" and directives["img-src"] == "data:"
    assert directives["connect-src"] == "'self'"
    assert directives["script-src"].startswith("'sha256-abc' 'sha256-")


def test_the_data_folder_is_left_byte_identical(folder):
    before = contents(folder)
    lanes = folder / "lanes.yaml"
    good = lanes.read_text()
    with Preview(str(folder), port=0, interval=0.02) as running:
        for name in ("", "report.html", "sources.html", "argmap.json", "map.dot"):
            get(running.url + name)
        lanes.write_text(good.replace("bikes", "cycles"))  # two rebuilds too
        wait_for(running, 1)
        lanes.write_text(good)
        wait_for(running, 2)
    assert contents(folder) == before


def test_a_file_saved_unchanged_or_a_note_beside_the_debate_rebuilds_nothing(folder):
    lanes = folder / "lanes.yaml"
    with Preview(str(folder), port=0, interval=0.02, wait=0.5) as running:
        lanes.write_text(lanes.read_text().replace("bikes", "cycles"))
        deadline = time.monotonic() + 5  # the long polls here last only half a second
        while wait_for(running, 1)["version"] == 1 and time.monotonic() < deadline:
            pass
        lanes.touch()
        (folder / "notes.md").write_text("to do\n")
        state = wait_for(running, 2)  # answers after the half second of the long poll
    assert state["version"] == 2


def _as_in_a_terminal() -> None:
    # A shell starts background jobs (a CI runner's steps among them) with SIGINT ignored, and
    # a child inherits that, so Ctrl-C would never reach the server: undo it, as a terminal's
    # foreground process has it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_the_command_prints_its_url_and_stops_cleanly_on_ctrl_c_or_kill(folder, stop):
    process = subprocess.Popen([sys.executable, "-m", "argmap", "serve", str(folder),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=ROOT, preexec_fn=_as_in_a_terminal)
    try:
        lines = [process.stdout.readline(), process.stdout.readline()]
        url = lines[1].split(" at ")[1].split(" ")[0]
        assert lines[1] == f"serving {folder} at {url} (Ctrl-C stops)\n"
        assert get(url)[0] == 200
        process.send_signal(stop)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0 and out == "stopped\n" and err == ""


def test_a_port_in_use_is_a_usage_error_that_says_what_to_do(cli, folder):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", str(folder), "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: cannot serve on 127.0.0.1:{port}: Address already in use; choose another "
        "port with --port N (0: any free port)")


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"needs Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def broken_page(chromium, preview, folder):
    """The served map open in Chromium, then lanes.yaml broken: ``(page, good text)``."""
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(preview.url)
    lanes = folder / "lanes.yaml"
    good = lanes.read_text()
    lanes.write_text("claims:\n  - id: x\n    text: A: B\n")
    page.locator("#argmap-serve-errors").wait_for(state="visible", timeout=5000)
    yield page, good
    context.close()


@pytest.mark.browser
def test_in_a_browser_the_errors_show_over_the_last_good_map(broken_page, folder):
    page, _ = broken_page
    assert page.locator(".argmap-serve-where").first.inner_text() == \
        f"{folder}/lanes.yaml:3:11"
    assert page.get_by_text(CLAIM_TEXT).first.is_visible()


@pytest.mark.browser
def test_in_a_browser_a_click_on_an_errors_place_copies_it(broken_page, folder):
    page, _ = broken_page
    page.locator(".argmap-serve-where").first.click()
    assert page.evaluate("() => navigator.clipboard.readText()") == \
        f"{folder}/lanes.yaml:3:11"


@pytest.mark.browser
def test_in_a_browser_fixing_the_file_reloads_the_page_without_the_errors(broken_page, folder):
    page, good = broken_page
    (folder / "lanes.yaml").write_text(good.replace("bikes", "cycles"))
    page.locator("#argmap-serve-errors").wait_for(state="detached", timeout=5000)
    assert page.locator('meta[name="argmap-built"]').get_attribute("content") == "3"
    assert page.get_by_text("People on cycles shop locally and often.").count() > 0


# ---- what serve reads: exactly what check reads, through the same confined reader (N2) ----

def rebuilt_within(live, seconds: float = 10.0):
    """``live.rebuild()`` in a thread: whether it finished within ``seconds`` (a read of a
    FIFO or of /dev/zero never would), and the errors it published."""
    import threading

    done = threading.Event()
    thread = threading.Thread(target=lambda: (live.rebuild(), done.set()), daemon=True)
    thread.start()
    done.wait(seconds)
    return done.is_set(), [e["message"] for e in live.errors]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_debate_file_is_reported_never_read(folder):
    from argmap.serve.livebuild import LiveBuild

    os.mkfifo(folder / "pipe.yaml")
    finished, errors = rebuilt_within(LiveBuild(str(folder)))
    assert finished
    assert any("not read: it is not a regular file" in e for e in errors), errors


def test_a_debate_file_linked_to_dev_zero_is_reported_never_read(folder):
    from argmap.serve.livebuild import LiveBuild

    os.symlink("/dev/zero", folder / "zero.yaml")
    finished, errors = rebuilt_within(LiveBuild(str(folder)))
    assert finished
    assert any("not read: it is a link to a file outside" in e for e in errors), errors


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_archives_that_are_a_fifo_or_a_device_link_are_reported_after_every_save(folder):
    from argmap.serve.livebuild import LiveBuild

    live = LiveBuild(str(folder))
    assert rebuilt_within(live) == (True, [])
    (folder / "archive" / "safety-study.txt").unlink()
    os.mkfifo(folder / "archive" / "safety-study.txt")
    (folder / "archive" / "merchants-letter.txt").unlink()
    os.symlink("/dev/zero", folder / "archive" / "merchants-letter.txt")
    lanes = folder / "lanes.yaml"
    for word in ("cycles", "bicycles"):  # a first save, then another: the watcher goes on
        lanes.write_text(lanes.read_text().replace("bikes", word, 1))
        finished, errors = rebuilt_within(live)
        assert finished
        assert sum("is not read" in e for e in errors) == 2, errors


def test_an_archive_folder_linked_out_of_the_debate_is_never_walked(folder, tmp_path):
    from argmap.serve.livebuild import LiveBuild

    shutil.rmtree(folder / "archive")
    os.symlink("/dev", folder / "archive")
    live = LiveBuild(str(folder))
    for _ in range(2):
        finished, errors = rebuilt_within(live)
        assert finished
        assert any("is a link to a folder outside the debate folder" in e for e in errors)
        (folder / "lanes.yaml").write_text((folder / "lanes.yaml").read_text() + "\n")


# ---- connections that misbehave (N8, N9) ----

def test_a_client_that_resets_mid_request_leaves_no_traceback(folder, capfd):
    import socket
    import struct

    with Preview(str(folder), port=0, interval=0.02) as running:
        port = int(running.url.rsplit(":", 1)[1].rstrip("/"))
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET / HTTP/1.1\r\n")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()  # a reset, not a close
        time.sleep(0.3)
        assert get(running.url)[0] == 200  # still serving
    err = capfd.readouterr().err
    assert "Traceback" not in err and "ConnectionResetError" not in err


def test_an_idle_connection_is_closed_after_the_idle_time(folder):
    import socket

    with Preview(str(folder), port=0, interval=0.02, idle=0.3) as running:
        port = int(running.url.rsplit(":", 1)[1].rstrip("/"))
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\n")  # and then nothing
        s.settimeout(10)  # far longer than the idle time: a server that waits fails here
        assert s.recv(1024) == b""  # the server closed it
        s.close()


@pytest.mark.parametrize("host", ["localhost:80@evil.example", "127.0.0.1.evil.example",
                                  "localhost:1:2"])
def test_a_host_that_only_starts_like_this_server_is_refused(preview, host):
    """Cosmetic C4: the Host check split at the last colon and let 'localhost:80@evil' in."""
    assert get(preview.url, host=host)[0] == 403
