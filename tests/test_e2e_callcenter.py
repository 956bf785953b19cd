"""End-to-end: a PBX reporting calls to a running Odoo through the signed CTI API (CC-3),
with real commits and concurrent requests."""

import hashlib
import hmac
import json
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import requests

SECRET = "e2e-pbx-secret-" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def pbx(admin):
    """A PBX source created by the administrator (a call-center supervisor)."""
    code = f"e2e-pbx-{uuid.uuid4().hex[:8]}"
    admin.call("sce.cti.source", "create", {"name": "E2E PBX", "code": code, "secret": SECRET})
    return code


def _post(base, event, secret=SECRET):
    body = json.dumps(event).encode()
    timestamp = str(int(time.time()))
    signature = hmac.new(
        secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return requests.post(
        f"{base}/sce/cti/v1/events",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-SCE-Timestamp": timestamp,
            "X-SCE-Signature": signature,
        },
        timeout=120,
    )


def _flow(pbx, call_id):
    t0 = datetime.now(UTC).replace(microsecond=0)

    def event(sequence, kind, seconds, **extra):
        return {
            "source": pbx,
            "event_id": f"{call_id}-{sequence}",
            "call_id": call_id,
            "sequence": sequence,
            "type": kind,
            "timestamp": (t0 + timedelta(seconds=seconds)).isoformat(),
            **extra,
        }

    return [
        event(1, "call_started", 0, caller="8 (999) 000-11-22", called="88002000000"),
        event(2, "queued", 4, queue="line1"),
        event(3, "answered", 19, agent="e2e-1"),
        event(4, "ended", 139),
    ]


def test_cc3_concurrent_shuffled_repeated_events_give_one_call(odoo_server, admin, pbx):
    """CC-3: every event of a call sent twice, shuffled, four at a time: each is
    accepted once and acknowledged as a duplicate once, and the call is one, correct."""
    call_id = f"e2e-call-{uuid.uuid4().hex[:8]}"
    batch = _flow(pbx, call_id) * 2
    random.Random(6).shuffle(batch)
    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(lambda event: _post(odoo_server, event), batch))
    assert [r.status_code for r in replies] == [200] * 8, [r.text for r in replies]
    assert sorted(r.json()["status"] for r in replies) == ["accepted"] * 4 + ["duplicate"] * 4
    calls = admin.call(
        "sce.call",
        "search_read",
        [["external_call_id", "=", call_id]],
        fields=["state", "disposition", "wait_duration", "talk_duration", "customer_phone"],
    )
    assert len(calls) == 1
    call = calls[0]
    assert (call["state"], call["disposition"]) == ("ended", "answered")
    assert (call["wait_duration"], call["talk_duration"]) == (15, 120)
    assert call["customer_phone"] == "+79990001122"
    assert admin.call("sce.call.event", "search_count", [["call_id", "=", call["id"]]]) == 4


def test_cc3_live_server_refuses_a_bad_signature_and_writes_nothing(odoo_server, admin, pbx):
    """CC-3: a request signed with another secret gets 401 and leaves no trace."""
    call_id = f"e2e-call-{uuid.uuid4().hex[:8]}"
    reply = _post(odoo_server, _flow(pbx, call_id)[0], secret="not-the-secret")
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == "bad_signature"
    assert admin.call("sce.call", "search_count", [["external_call_id", "=", call_id]]) == 0
    assert admin.call("sce.call.event", "search_count", [["external_call_id", "=", call_id]]) == 0
