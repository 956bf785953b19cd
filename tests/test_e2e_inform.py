"""End-to-end (FB-6): an SMS campaign sent by a running Odoo's queue_job runner through a
real process speaking SMS.RU's API, the server killed with SIGKILL mid-campaign and
started again: every customer gets the message at most once, and the campaign ends with
each recipient accounted for."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from conftest import ROOT, Rpc, free_port, start_odoo

SMSRU = ROOT / "addons" / "sce_callcenter" / "tests" / "smsru_server.py"
API_ID = "e2e-" + uuid.uuid4().hex
CUSTOMERS = 8


def _start_odoo(port, log):
    """The test database's server with queue_job's runner on its inform channel, on
    ``port`` (the same after the kill -9, as the runner's configuration names it)."""
    env = dict(
        os.environ,
        ODOO_QUEUE_JOB_CHANNELS="root:1,root.sce_inform:1",
        ODOO_QUEUE_JOB_HOST="127.0.0.1",
        ODOO_QUEUE_JOB_PORT=str(port),
    )
    return start_odoo(
        log,
        "--load",
        "base,web,queue_job",
        "--max-cron-threads",
        "0",
        "--workers",
        "0",
        port=port,
        env=env,
    )


def _wait(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"{what} within {timeout}s")


@pytest.fixture()
def sms_gateway(tmp_path):
    log = tmp_path / "sms.jsonl"
    # One second per message: the campaign is still sending when the server is killed.
    process = subprocess.Popen(
        [sys.executable, str(SMSRU), API_ID, str(log), "1.0"], stdout=subprocess.PIPE, text=True
    )
    port = int(process.stdout.readline())

    def messages():
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    yield f"http://127.0.0.1:{port}/sms/send", messages
    process.kill()
    process.wait(5)
    process.stdout.close()


def test_fb6_sms_campaign_survives_kill_9_without_sending_twice(sms_gateway):
    """FB-6: SIGKILL while the campaign sends; after the restart the queue_job runner
    requeues the dead run, which sends the rest: no number gets the text twice, the
    recipient whose send was cut short is failed with an unknown outcome (not resent),
    and delivered + failed = the recipients."""
    url, messages = sms_gateway
    results = ROOT / "test-results"
    results.mkdir(exist_ok=True)
    log = open(results / "e2e-inform-server.log", "w")  # noqa: SIM115
    port = free_port()
    process, base = _start_odoo(port, log)
    try:
        rpc = Rpc(base, os.environ["SCE_TEST_DB"], "admin", "admin")
        tag = uuid.uuid4().hex[:6]
        fields = rpc.call("res.partner", "fields_get", [], attributes=["type"])
        consent = {f: True for f in ("sce_inform_sms", "sce_inform_phone") if f in fields}
        mro = rpc.call("sce.mro", "search", [], limit=1)[0]
        partner_ids = []
        for n in range(CUSTOMERS):
            partner = rpc.call(
                "res.partner",
                "create",
                {
                    "sce_surname": f"Кибизов-{tag}",
                    "sce_first_name": "Руслан",
                    "sce_patronymic": "Таймуразович",
                    "sce_customer_group": "1",
                    # never ending in 0000, the numbers the SMS.RU stand-in refuses
                    "mobile": f"+7 928 {n + 100:03d}-{int(tag[:4], 16) % 100:02d}-{n + 1:02d}",
                    "sce_consent_date": "2026-01-15",
                    **consent,
                },
            )
            partner_ids.append(partner)
            rpc.call(
                "sce.account",
                "create",
                {
                    "name": f"E2E-{tag}-{n}",
                    "partner_id": partner,
                    "mro_id": mro,
                    "supply_address": f"Владикавказ, ул. Кирова, {n + 1}",
                },
            )
        gateway = rpc.call(
            "sce.sms.gateway", "create", {"name": f"e2e {tag}", "api_url": url, "api_key": API_ID}
        )
        campaign = rpc.call(
            "sce.inform.campaign",
            "create",
            {
                "name": f"E2E {tag}",
                "purpose": "price_change",
                "channel": "sms",
                "sms_gateway_id": gateway,
                "template": "{name}, с 1 января меняется тариф.",
                "partner_domain": f"[('id', 'in', {partner_ids})]",
                "window_start": 0.0,
                "window_end": 24.0,
                "throttle_per_minute": 100,
            },
        )
        rpc.call("sce.inform.campaign", "action_build_recipients", [campaign])
        rpc.call("sce.inform.campaign", "action_start", [campaign])
        _wait(lambda: len(messages()) >= 3, 90, "three messages sent")
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        sent_before = len(messages())
        assert sent_before < CUSTOMERS, "the campaign was over before the kill"

        process, base = _start_odoo(port, log)
        rpc = Rpc(base, os.environ["SCE_TEST_DB"], "admin", "admin")

        def done():
            [row] = rpc.call("sce.inform.campaign", "read", [campaign], ["state"])
            return row["state"] == "done"

        _wait(done, 180, "the campaign done after the restart")
        recipients = rpc.call(
            "sce.inform.recipient",
            "search_read",
            [("campaign_id", "=", campaign)],
            ["contact", "state", "error"],
        )
        # FB-6: SMS.RU's delivery reports of every message, posted to the gateway's
        # callback URL of the restarted server, make the sent recipients delivered.
        [row] = rpc.call("sce.sms.gateway", "read", [gateway], ["callback_token"])
        reports = {
            f"data[{n}]": f"sms_status\n{message['sms_id']}\n103\n{int(time.time())}"
            for n, message in enumerate(messages())
        }
        reply = requests.post(
            f"{base}/sce/sms/smsru/{gateway}/{row['callback_token']}", data=reports, timeout=60
        )
        assert (reply.status_code, reply.text) == (200, "100")
        delivered_after = rpc.call(
            "sce.inform.recipient",
            "search_count",
            [("campaign_id", "=", campaign), ("state", "=", "delivered")],
        )
    finally:
        process.kill()
        process.wait(10)
        log.close()
    numbers = [m["to"] for m in messages()]
    assert len(numbers) == len(set(numbers)), f"a number got the text twice: {numbers}"
    states = [r["state"] for r in recipients]
    assert len(recipients) == CUSTOMERS
    # Accepted by the gateway: sent, awaiting the delivery report.
    assert set(states) <= {"sent", "failed"}, states
    sent = {r["contact"].lstrip("+") for r in recipients if r["state"] == "sent"}
    assert sent <= set(numbers)
    failed = [r for r in recipients if r["state"] == "failed"]
    # At most the one send cut short by the kill, failed with its reason (in the admin's
    # language), never resent.
    assert len(failed) <= 1 and all(r["error"] for r in failed), failed
    assert len(sent) + len(failed) == CUSTOMERS
    assert len(numbers) >= len(sent)
    assert delivered_after == len(sent)
    assert Path(results / "e2e-inform-server.log").exists()
