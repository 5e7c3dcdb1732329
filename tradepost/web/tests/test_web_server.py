"""The web server `make run` starts (bin/web): each connection is closed after its response, and a
worker takes no more connections than it has threads, so waiting requests go to a worker with a
thread free instead of queueing behind a busy one."""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
REQUEST = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _answers(port: int, timeout: float) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(REQUEST)
            return _read_all(sock).startswith(b"HTTP/1.1 200")
    except OSError:  # not listening yet, or not answered in time
        return False


def _both_workers_answer(port: int) -> bool:
    """A request is answered while another connection holds one worker's thread: the other
    worker has booted too."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            time.sleep(0.3)
            return _answers(port, timeout=1)
    except OSError:
        return False


@pytest.fixture
def web_server(tmp_path):
    """bin/web with two workers of one thread each, on the embedded database in a scratch
    folder."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_WORKERS="2",
        WEB_THREADS="1",
        TRADEPOST_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="tradepost.settings",
    )
    server = subprocess.Popen(
        [str(ROOT / "bin" / "web")], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while not _both_workers_answer(port):
            assert server.poll() is None, "bin/web exited"
            assert time.monotonic() < deadline, "bin/web's workers did not answer within 60 s"
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_each_connection_is_closed_after_its_response(web_server):
    with socket.create_connection(("127.0.0.1", web_server), timeout=10) as sock:
        sock.sendall(REQUEST)
        response = _read_all(sock)  # returns only because the server closed the connection
    head = response.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 200")
    assert b"connection: close" in head
    assert b'"database": "ok"' in response


def test_a_slow_client_holds_up_only_its_own_worker(web_server):
    """A client that connects and sends nothing keeps one worker's only thread waiting; every
    other request goes to the other worker and is answered at once (before, each new connection
    went to either worker, and those that went to the held one waited seconds behind it)."""
    with socket.create_connection(("127.0.0.1", web_server), timeout=10) as slow:
        time.sleep(0.3)  # accepted by one worker, whose thread now waits for its request
        for _ in range(6):
            assert _answers(web_server, timeout=2)  # queued behind it: 5 s, then answered
        slow.sendall(REQUEST)
        slow.settimeout(10)
        assert _read_all(slow).startswith(b"HTTP/1.1 200")
