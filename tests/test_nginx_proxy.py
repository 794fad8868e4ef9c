"""docs/deployment.md is safe as written: its nginx block, run by a real nginx with the
environment the guide sets, makes sign-in lock out by the real client's address.

Behind the documented block sit three small app stand-ins (the guide's three processes) that
do what the app does with a sign-in: take the client address from the connection's peer and
X-Forwarded-For with `PLEDGES_PROXY_HOPS` (`throttle.client_address`, as `web.session` does)
and check the password against the store's attempt log (`passwords.verify`). Clients connect
from two loopback addresses, an attacker's and the editor's.
"""

from __future__ import annotations

import http.client
import http.server
import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from pledges import model, settings, store
from pledges.auth import passwords, throttle
from pledges.store import attempts
from tests import nginx_server

GUIDE = settings.PROJECT_ROOT / "docs" / "deployment.md"
PASSWORD = "the editor's own password"
ATTACKER, EDITOR = "127.0.0.2", "127.0.0.3"  # both loopback: Linux routes 127/8 to lo


def documented_nginx() -> str:
    """The guide's nginx block, word for word."""
    blocks = re.findall(r"```nginx\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1
    return blocks[0]


def documented_hops() -> int:
    """PLEDGES_PROXY_HOPS as the guide's shell lines export it."""
    found = re.findall(r"export PLEDGES_PROXY_HOPS=(\d+)", GUIDE.read_text(encoding="utf-8"))
    assert len(found) == 1, "the guide must export PLEDGES_PROXY_HOPS once"
    return int(found[0])


def runnable(block: str, listen: int, backends: list[int]) -> str:
    """The block on a test port without TLS, its three app processes replaced by ours."""
    text = block.replace("listen 443 ssl;", f"listen 127.0.0.1:{listen};")
    text = re.sub(r"\n\s*ssl_certificate(_key)?\s+[^;]+;", "", text)
    for documented, ours in zip((8501, 8502, 8503), backends, strict=True):
        assert f"127.0.0.1:{documented} " in text
        text = text.replace(f"127.0.0.1:{documented} ", f"127.0.0.1:{ours} ")
    return text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _SignIn(http.server.BaseHTTPRequestHandler):
    """POST name and password: the sign-in's answer and the address it was counted against."""

    log: attempts.AttemptLog
    credentials: Path
    hops: int

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        address = throttle.client_address(
            self.client_address[0], self.headers.get_all("X-Forwarded-For") or [], self.hops
        )
        result = passwords.verify(
            form["name"][0],
            form["password"][0],
            log=self.log,
            address=address,
            path=self.credentials,
        )
        code = "editor" if isinstance(result, model.Actor) else result.code
        body = json.dumps({"result": code, "address": address}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads answers, not logs."""


@pytest.fixture
def behind_nginx(db: store.Store, tmp_path: Path) -> Iterator[Callable[[int], int]]:
    """The documented nginx in front of three stand-ins; a function that sets the hops."""
    if not nginx_server.installed():
        pytest.fail("nginx is not installed: run `make system-deps`")
    credentials = tmp_path / "credentials.json"
    assert passwords.add_user("alice", PASSWORD, path=credentials) is None
    handler = type(
        "Handler",
        (_SignIn,),
        {"log": attempts.AttemptLog(db.engine), "credentials": credentials, "hops": 0},
    )
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) for _ in range(3)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    folder = tmp_path / "nginx"
    folder.mkdir()
    port = _free_port()
    config = folder / "pledges-app.conf"
    config.write_text(
        runnable(documented_nginx(), port, [s.server_address[1] for s in servers]),
        encoding="utf-8",
    )
    with nginx_server.running(config, folder):

        def set_hops(hops: int) -> int:
            handler.hops = hops
            return port

        yield set_hops
    for server in servers:
        server.shutdown()
        server.server_close()


def sign_in(port: int, source: str, password: str, forged: str | None = None) -> dict[str, str]:
    """One sign-in of alice through nginx from a client at `source`."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if forged is not None:
        headers["X-Forwarded-For"] = forged  # a client may send anything here
    try:
        connection.request("POST", "/", f"name=alice&password={password}", headers)
        return json.loads(connection.getresponse().read())
    finally:
        connection.close()


def test_the_documented_setup_locks_the_guesser_out_not_the_editor(behind_nginx) -> None:
    port = behind_nginx(documented_hops())
    # Five wrong guesses from the attacker, each forging the editor's address in the header.
    guesses = [sign_in(port, ATTACKER, f"guess {n}", forged=EDITOR) for n in range(5)]
    assert {g["address"] for g in guesses} == {ATTACKER}
    assert [g["result"] for g in guesses] == ["mismatch"] * 5
    assert sign_in(port, ATTACKER, PASSWORD)["result"] == "locked"
    # The editor at their own desk is not locked: the lock is the attacker's address's alone.
    assert sign_in(port, EDITOR, PASSWORD) == {"result": "editor", "address": EDITOR}


def test_without_the_setting_every_client_shares_nginxs_address(behind_nginx) -> None:
    # What the guide said before: five guesses from anywhere locked the editor out too.
    port = behind_nginx(0)
    for n in range(5):
        assert sign_in(port, ATTACKER, f"guess {n}")["address"] == "127.0.0.1"
    assert sign_in(port, EDITOR, PASSWORD)["result"] == "locked"
