"""Benchmarks over HTTP against a real server, prefork beside threaded (issue 10, part 3).

Starts the benchmark database's server twice, threaded (``--workers 0``, what `make run`
serves) and prefork (``--workers 2`` with the gevent process, as docs/deployment.md
deploys it), and has 20 concurrent signed-in operators load the open-appeals list page
(the list view's 80 rows, as the web client asks for them) and the login page. Prints the
throughput and p50/p95 of each beside the other and appends them to
tests/bench_history.json with the same Bench recorder as bench_appeals.py.

Usage: python bench_http.py ODOO_CONF DB
"""

# pylint: disable=print-used
# (a benchmark prints its figures: that is its output)
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

import odoo
from odoo.api import Environment
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_appeals import LIST_SPEC, OPEN_DOMAIN, Bench, save_history, scale_of  # noqa: E402

CLIENTS = int(os.environ.get("SCE_BENCH_CLIENTS", 20))
REQUESTS = int(os.environ.get("SCE_BENCH_REQUESTS", 10))
LOGIN = "bench.operator"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_operator(registry):
    """A front-office operator with a known password, committed in the benchmark
    database (it has no demo users)."""
    with registry.cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        users = env["res.users"].with_context(no_reset_password=True)
        user = users.search([("login", "=", LOGIN)])
        if not user:
            users.create(
                {
                    "name": "Оператор нагрузочного теста",
                    "login": LOGIN,
                    "password": LOGIN,
                    "groups_id": [(4, env.ref("sce_appeals.group_sce_front_office").id)],
                }
            )
        cr.commit()  # pylint: disable=invalid-commit


class Server:
    def __init__(self, conf, db, workers, extra=()):
        self.conf, self.db, self.workers, self.extra = conf, db, workers, list(extra)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        odoo_bin = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
        command = [
            sys.executable,
            str(odoo_bin),
            "-c",
            self.conf,
            "-d",
            self.db,
            "--db-filter",
            f"^{self.db}$",
            "--http-port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--max-cron-threads",
            "0",
            "--log-level",
            "warn",
        ]
        if self.workers:
            command += ["--gevent-port", str(free_port())]
        command += self.extra
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                if requests.get(f"{self.base}/web/health", timeout=2).ok:
                    return self
            except requests.RequestException:
                time.sleep(1)
        self.process.kill()
        raise RuntimeError(f"the server (workers={self.workers}) did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def session_for(base, db):
    session = requests.Session()
    reply = session.post(
        f"{base}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": LOGIN, "password": LOGIN}},
        timeout=120,
    ).json()
    if not reply.get("result", {}).get("uid"):
        raise RuntimeError(f"login refused: {reply}")
    return session


def list_page(session, base):
    reply = session.post(
        f"{base}/web/dataset/call_kw/helpdesk.ticket/web_search_read",
        json={
            "jsonrpc": "2.0",
            "params": {
                "model": "helpdesk.ticket",
                "method": "web_search_read",
                "args": [],
                "kwargs": {
                    "domain": OPEN_DOMAIN,
                    "specification": LIST_SPEC,
                    "limit": 80,
                    "order": "deadline_answer asc, id",
                    "count_limit": 10001,
                },
            },
        },
        timeout=120,
    ).json()
    if "error" in reply:
        raise RuntimeError(reply["error"])


def login_page(session, base):
    session.get(f"{base}/web/login", timeout=120).raise_for_status()


def load(server, db, page):
    """(requests per second, p50 ms, p95 ms) of CLIENTS clients doing REQUESTS each."""
    sessions = [session_for(server.base, db) for _i in range(CLIENTS)]
    page(sessions[0], server.base)  # warm the caches once
    latencies = []

    def client(session):
        for _i in range(REQUESTS):
            start = time.perf_counter()
            page(session, server.base)
            latencies.append((time.perf_counter() - start) * 1000)

    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, sessions))
    elapsed = time.perf_counter() - start
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    return len(latencies) / elapsed, statistics.median(latencies), p95


def main(conf, db):
    odoo.tools.config.parse_config(["-c", conf])
    registry = Registry(db)
    ensure_operator(registry)
    bench = Bench(registry, os.environ.get("SCE_BENCH_LABEL", ""))
    scale = bench.run(scale_of)
    print(f"-- {db} over HTTP, {CLIENTS} concurrent clients x {REQUESTS} requests", flush=True)
    for key, label, page in (
        ("http_list", "open-appeals list page (80 rows), 20 operators", list_page),
        ("http_login", "login page, 20 visitors", login_page),
    ):
        if not bench.wanted(key):
            continue
        with Server(conf, db, 0) as threaded:
            base_rate, base_p50, base_p95 = load(threaded, db, page)
        with Server(conf, db, 2) as prefork:
            rate, p50, p95 = load(prefork, db, page)
        bench.record(
            key,
            f"{label}: prefork 2 workers (p50 {p50:.0f} ms, p95 {p95:.0f} ms)",
            rate,
            base_rate,
            f"threaded server (p50 {base_p50:.0f} ms, p95 {base_p95:.0f} ms)",
            "prefork >= threaded",
            unit="/s",
            higher_is_better=True,
            ok=rate >= base_rate,
        )
    save_history(bench, db, scale)


if __name__ == "__main__":
    main(*sys.argv[1:3])
