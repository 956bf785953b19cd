"""End-to-end fixtures: a real SMTP server process of ours and a real Odoo server on the
test database, spoken to over HTTP (JSON-RPC and the web routes).

scripts/test.sh sets SCE_ODOO, SCE_PY, SCE_CONF and SCE_TEST_DB.
"""

import contextlib
import email
import email.policy
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """What the SMTP server received, as parsed e-mail messages."""

    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def wait_for(self, predicate, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self._lock:
                found = [m for rcpt, m in self.messages if predicate(rcpt, m)]
            if found:
                return found
            time.sleep(0.5)
        raise AssertionError(f"no such e-mail within {timeout}s; got {len(self.messages)} others")


@pytest.fixture(scope="session")
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, mailbox
    controller.stop()


def start_odoo(log, *options, port=None, env=None):
    """Start an Odoo server of the test database (``make test``'s config) with
    ``options`` on ``port`` (a free one by default), writing to the open file ``log``;
    return (process, base URL) once it answers /web/health."""
    for var in ("SCE_ODOO", "SCE_PY", "SCE_CONF", "SCE_TEST_DB"):
        if not os.environ.get(var):
            pytest.fail(f"{var} is not set: run the suite with `make test`")
    port = port or free_port()
    process = subprocess.Popen(
        [
            os.environ["SCE_PY"],
            os.path.join(os.environ["SCE_ODOO"], "odoo-bin"),
            "-c",
            os.environ["SCE_CONF"],
            "-d",
            os.environ["SCE_TEST_DB"],
            "--db-filter",
            "^%s$" % os.environ["SCE_TEST_DB"],
            "--http-port",
            str(port),
            *options,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Odoo server exited with {process.returncode}; see {log.name}")
        try:
            if requests.get(f"{base}/web/health", timeout=2).ok:
                return process, base
        except requests.RequestException:
            time.sleep(1)
    process.kill()
    pytest.fail(f"the Odoo server did not answer within 120 s; see {log.name}")


@contextlib.contextmanager
def odoo_process(log_name, *options):
    """An Odoo server of the test database with ``options`` on a free HTTP port, once it
    answers /web/health: yields (base URL, process); stopped afterwards."""
    log = open(ROOT / "test-results" / log_name, "w")  # noqa: SIM115
    process = None
    try:
        process, base = start_odoo(log, *options)
        yield base, process
    finally:
        if process:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


@pytest.fixture(scope="session")
def odoo_server(smtp_server):
    controller, _mailbox = smtp_server
    with odoo_process(
        "e2e-server.log",
        "--smtp",
        controller.hostname,
        "--smtp-port",
        str(controller.port),
        "--max-cron-threads",
        "0",
        "--workers",
        "0",
    ) as (base, _process):
        # The server's base URL is what letters and wkhtmltopdf use.
        rpc = Rpc(base, os.environ["SCE_TEST_DB"], "admin", "admin")
        rpc.call("ir.config_parameter", "set_param", "web.base.url", base)
        yield base


class Rpc:
    """JSON-RPC to /jsonrpc as one user."""

    def __init__(self, base, db, login, password):
        self.base, self.db, self.password = base, db, password
        self.uid = self._post("common", "login", [db, login, password])
        if not self.uid:
            raise AssertionError(f"login {login} refused")

    def _post(self, service, method, args):
        reply = requests.post(
            f"{self.base}/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": service, "method": method, "args": args},
            },
            timeout=120,
        ).json()
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply.get("result")

    def call(self, model, method, *args, **kwargs):
        return self._post(
            "object",
            "execute_kw",
            [self.db, self.uid, self.password, model, method, list(args), kwargs],
        )


class RpcError(Exception):
    def __init__(self, error):
        self.error = error
        data = error.get("data") or {}
        super().__init__(data.get("message") or error.get("message"))
        self.name = data.get("name", "")


@pytest.fixture(scope="session")
def admin(odoo_server):
    return Rpc(odoo_server, os.environ["SCE_TEST_DB"], "admin", "admin")


@pytest.fixture(scope="session")
def mailbox(smtp_server):
    return smtp_server[1]


@pytest.fixture()
def web_session(odoo_server):
    """A browser-like HTTP session logged in as admin."""
    session = requests.Session()
    reply = session.post(
        f"{odoo_server}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": os.environ["SCE_TEST_DB"], "login": "admin", "password": "admin"},
        },
        timeout=60,
    ).json()
    assert reply.get("result", {}).get("uid"), reply
    return session


sys.path.insert(0, str(Path(__file__).resolve().parent))
