"""`redline serve`: the game over HTTP on localhost, and plain errors for a bad port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from redline.serve import play_command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_http_on_localhost(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "redline", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        start_new_session=True,  # its own process group, so the finally can end all of it
    )
    try:
        deadline = time.monotonic() + 20
        page = None
        while time.monotonic() < deadline and page is None:
            if proc.poll() is not None:
                raise AssertionError(f"server exited with {proc.returncode}: {proc.stderr.read().decode()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    page = response.read().decode("utf-8", "replace")
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        assert page is not None, "no answer within 20 s"
        assert "textual" in page.lower() and "redline" in page.lower()
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()


def serve(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redline", "serve", *argv], capture_output=True, text=True, timeout=30
    )


def test_bad_port_numbers():
    for port in ("0", "70000", "http"):
        result = serve("--port", port)
        assert result.returncode == 2, port
        assert "--port" in result.stderr and "Traceback" not in result.stderr


def test_port_in_use():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = serve("--port", str(port))
    assert result.returncode == 2
    assert f"port {port} is already in use" in result.stderr and "Traceback" not in result.stderr


def test_unknown_host_and_scenario():
    result = serve("--host", "no-such-host.invalid", "--port", str(free_port()))
    assert result.returncode == 2 and "cannot listen on host" in result.stderr
    result = serve("atlantis")
    assert result.returncode == 2 and "no scenario 'atlantis'" in result.stderr


def test_the_served_command_is_this_python():
    command = play_command(["tutorial", "--facilitate"])
    assert command.startswith(sys.executable) or command.startswith(f"'{sys.executable}'")
    assert command.endswith("-m redline play tutorial --facilitate")


def test_report_and_serve_modules_load_without_textual():
    code = (
        "import sys, redline.report, redline.report.deck, redline.report.render, redline.serve\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('textual', 'redline.tui')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == ""
