"""The multi-worker deployment of docs/deployment.md, run for real (issue 10, part 3).

The test database's server is started in prefork mode: two HTTP workers, the gevent
process carrying the bus, a cron thread and queue_job's runner. Operators load their
appeal lists at the same time, the bus accepts a websocket on the gevent port, and the
head office's import of historical appeals is queued and carried out by the runner,
each as the demo user who does it. The example configurations only use options Odoo
knows.
"""

import base64
import configparser
import csv
import io
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
import websocket
from conftest import ROOT, Rpc, free_port, odoo_process

PRODUCTION = ROOT / "config" / "production"
OPEN_DOMAIN = [["sce_state", "in", ["registered", "routed", "review", "extended"]]]


def children(pid):
    """Pids of the direct children of ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def prefork_server(odoo_server):
    """The test database served by two prefork HTTP workers, the gevent process, a
    cron thread and queue_job's runner, beside the threaded e2e server."""
    gevent_port = free_port()
    with odoo_process(
        "e2e-prefork-server.log",
        "--gevent-port",
        str(gevent_port),
        "--workers",
        "2",
        "--max-cron-threads",
        "1",
        "--load",
        "base,web,queue_job",
        "--limit-time-real",
        "600",
    ) as (base, process):
        yield {"base": base, "gevent_port": gevent_port, "pid": process.pid}


def login(base, user):
    session = requests.Session()
    reply = session.post(
        f"{base}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": os.environ["SCE_TEST_DB"], "login": user, "password": user},
        },
        timeout=60,
    ).json()
    assert reply.get("result", {}).get("uid"), reply
    return session


def test_prefork_processes_are_running(prefork_server):
    """Issue 10 (scale-out): the server runs as a master with its HTTP workers, the
    gevent process of the bus, a cron worker and queue_job's runner."""
    deadline = time.time() + 30
    while time.time() < deadline:
        kids = children(prefork_server["pid"])
        if len(kids) >= 5:  # 2 HTTP + gevent + cron + job runner
            break
        time.sleep(1)
    assert len(kids) >= 5, kids


def test_concurrent_operators_load_their_appeal_lists(prefork_server):
    """GEN-10 list of open appeals, as the front-office operator, by 8 sessions at
    once on the prefork workers: every one gets the same page."""
    base = prefork_server["base"]

    def load(_i):
        session = login(base, "operator")
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
                        "specification": {"number": {}, "deadline_answer": {}},
                        "limit": 80,
                        "order": "deadline_answer asc, id",
                    },
                },
            },
            timeout=120,
        ).json()
        assert "error" not in reply, reply.get("error")
        return [r["number"] for r in reply["result"]["records"]]

    with ThreadPoolExecutor(8) as pool:
        pages = list(pool.map(load, range(8)))
    assert pages[0], "the operator sees open appeals of the demo"
    assert all(page == pages[0] for page in pages)


def test_bus_delivers_across_processes_on_the_gevent_port(prefork_server, admin):
    """The screen pop and the live boards ride Odoo's bus: in prefork mode the
    gevent process serves the websocket, and a notification written by another server
    process (an activity given to the operator) reaches the operator's socket."""
    base, gevent = prefork_server["base"], prefork_server["gevent_port"]
    session = login(base, "operator")
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{gevent}/websocket?version=18.0-4",
        header=[f"Cookie: {cookie}"],
        origin=f"http://127.0.0.1:{gevent}",
        timeout=30,
    )
    try:
        ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
        time.sleep(1)
        operator = admin.call("res.users", "search", [["login", "=", "operator"]])[0]
        appeal = admin.call("helpdesk.ticket", "search", OPEN_DOMAIN, limit=1)[0]
        model = admin.call("ir.model", "search", [["model", "=", "helpdesk.ticket"]])[0]
        summary = f"Проверка шины {time.time()}"
        admin.call(
            "mail.activity",
            "create",
            {
                "res_model_id": model,
                "res_id": appeal,
                "user_id": operator,
                "summary": summary,
                "date_deadline": time.strftime("%Y-%m-%d"),
            },
        )
        deadline = time.time() + 30
        received = []
        while time.time() < deadline:
            received.extend(json.loads(ws.recv()))
            types = {n["message"]["type"] for n in received}
            if "mail.activity/updated" in types:
                break
        assert "mail.activity/updated" in types, types
    finally:
        ws.close()


def test_queue_job_runner_imports_historical_appeals(prefork_server):
    """Issue 10: the head office's import of 2,500 historical appeals goes to the
    sce_import channel and is carried out by queue_job's runner of the server."""
    head = Rpc(prefork_server["base"], os.environ["SCE_TEST_DB"], "head.office", "head.office")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["number", "received", "channel", "kind", "subject", "state", "routed", "answered"]
    )
    run = int(time.time())
    for i in range(2500):
        day = 1 + i % 28
        writer.writerow(
            [
                f"E2E-{run}-{i}/2025",
                f"{day:02d}.04.2025 10:00",
                "email",
                "inquiry",
                f"Вопрос из архива № {i}",
                "answered",
                f"{day:02d}.04.2025 11:00",
                f"{day:02d}.04.2025 16:00",
            ]
        )
    import_id = head.call(
        "sce.appeal.import",
        "create",
        {"file": base64.b64encode(buffer.getvalue().encode()).decode(), "filename": "e2e.csv"},
    )
    head.call("sce.appeal.import", "action_check", [import_id])
    head.call("sce.appeal.import", "action_import", [import_id])
    state = head.call("sce.appeal.import", "read", [import_id], ["state"])[0]["state"]
    assert state in ("queued", "done")
    deadline = time.time() + 240
    while time.time() < deadline:
        record = head.call(
            "sce.appeal.import", "read", [import_id], ["state", "imported_count", "failure"]
        )[0]
        if record["state"] in ("done", "failed"):
            break
        time.sleep(2)
    assert record["state"] == "done", record
    assert record["imported_count"] == 2500


@pytest.mark.parametrize("name", ["odoo-web.conf", "odoo-worker.conf"])
def test_example_configurations_use_known_options(name):
    """docs/deployment.md: every option of the example configurations is one Odoo 18
    knows (a misspelt option is silently ignored by Odoo)."""
    import sys  # noqa: PLC0415

    sys.path.insert(0, os.environ["SCE_ODOO"])
    from odoo.tools import config  # noqa: PLC0415

    parser = configparser.RawConfigParser()
    parser.read(PRODUCTION / name)
    unknown = [key for key in parser["options"] if key not in config.options]
    assert not unknown, f"{name}: unknown options {unknown}"
    if parser.has_section("queue_job"):
        assert set(parser["queue_job"]) <= {
            "channels",
            "scheme",
            "host",
            "port",
            "http_auth_user",
            "http_auth_password",
            "jobrunner_db_host",
            "jobrunner_db_port",
        }
