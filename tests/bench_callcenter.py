"""Benchmarks of the call center (issue 6, measured as issue 10 asks), each beside its
baseline measured in the same run on the same data:

* CTI ingest: signed events per second posted over HTTP to ``/sce/cti/v1/events`` by 8
  concurrent PBX connections, against signed requests to ``/sce/cti/v1/ping`` (the same
  authentication, nothing else) on the same server (target >= 40 %); on the threaded
  server and on the prefork one of docs/deployment.md;
* screen-pop lookup: the caller's customers and accounts by a number in any format
  (``sce.call._sce_caller_lookup``), against the unindexed ilike search on the phone
  columns it replaces (target >= 50x faster).

Skipped when sce_callcenter is not installed in the benchmark database.

Usage: python bench_callcenter.py ODOO_CONF DB
"""

# pylint: disable=print-used
# (a benchmark prints its figures: that is its output)
import hashlib
import hmac
import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

import odoo
from odoo.api import Environment
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_appeals import Bench, save_history, scale_of, timed  # noqa: E402
from bench_http import Server  # noqa: E402

SOURCE = "bench-pbx"
SECRET = "bench-secret-of-the-pbx"
CALLS = int(os.environ.get("SCE_BENCH_CTI_CALLS", 400))
CONNECTIONS = 8
N_LOOKUPS = 200


def installed(registry, addon):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT 1 FROM ir_module_module WHERE name = %s AND state = 'installed'", [addon]
        )
        return bool(cr.fetchone())


def ensure_source(registry):
    """The benchmark PBX source with a known secret, committed."""
    with registry.cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        source = env["sce.cti.source"].search([("code", "=", SOURCE)])
        if not source:
            env["sce.cti.source"].create(
                {"name": "АТС (нагрузочный тест)", "code": SOURCE, "secret": SECRET}
            )
        else:
            source.secret = SECRET
        cr.commit()  # pylint: disable=invalid-commit


def signed(body):
    timestamp = str(int(time.time()))
    signature = hmac.new(SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return {
        "Content-Type": "application/json",
        "X-SCE-Timestamp": timestamp,
        "X-SCE-Signature": signature.hexdigest(),
    }


def call_events(run, index, numbers):
    """The four events of an answered inbound call, as a PBX posts them."""
    call_id = f"bench-http-{run}-{index}"
    start = datetime.now(UTC) - timedelta(minutes=10)
    events = []
    for sequence, (event_type, after, extra) in enumerate(
        [
            (
                "call_started",
                0,
                {"caller": numbers[index % len(numbers)], "called": "+78672401100"},
            ),
            ("queued", 20, {"queue": "line1"}),
            ("answered", 45, {"agent": "501"}),
            ("ended", 240, {}),
        ],
        start=1,
    ):
        events.append(
            {
                "source": SOURCE,
                "event_id": f"{call_id}-{sequence}",
                "call_id": call_id,
                "sequence": sequence,
                "type": event_type,
                "timestamp": (start + timedelta(seconds=after)).isoformat(),
                **extra,
            }
        )
    return events


def post_all(base, path, bodies):
    """(requests per second, p95 ms) of posting ``bodies`` over CONNECTIONS sessions."""
    latencies = []
    chunks = [bodies[i::CONNECTIONS] for i in range(CONNECTIONS)]

    def connection(chunk):
        session = requests.Session()
        for body in chunk:
            start = time.perf_counter()
            reply = session.post(f"{base}{path}", data=body, headers=signed(body), timeout=60)
            if reply.status_code != 200:
                raise RuntimeError(f"{path}: {reply.status_code} {reply.text[:200]}")
            latencies.append((time.perf_counter() - start) * 1000)

    start = time.perf_counter()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        list(pool.map(connection, chunks))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return len(bodies) / elapsed, latencies[int(len(latencies) * 0.95) - 1]


def bench_ingest(bench, conf, db, numbers, workers):
    run = int(time.time())
    bodies = []
    for index in range(CALLS):
        # one call's events in order, the calls interleaved as a PBX interleaves them
        bodies.extend(json.dumps(e).encode() for e in call_events(run, index, numbers))
    pings = [json.dumps({"source": SOURCE, "n": i}).encode() for i in range(len(bodies))]
    with Server(conf, db, workers) as server:
        post_all(server.base, "/sce/cti/v1/ping", pings[:50])  # warm up
        base_rate, base_p95 = post_all(server.base, "/sce/cti/v1/ping", pings)
        rate, p95 = post_all(server.base, "/sce/cti/v1/events", bodies)
    mode = f"prefork {workers} workers" if workers else "threaded"
    bench.record(
        f"cti_ingest_{'prefork' if workers else 'threaded'}",
        f"CTI ingest, {len(bodies):,} signed events, {CONNECTIONS} connections, {mode} "
        f"(p95 {p95:.0f} ms)",
        rate,
        base_rate,
        f"signed ping (p95 {base_p95:.0f} ms)",
        ">= 40 % of the ping rate",
        unit="/s",
        ratio=rate / base_rate,
        ok=rate >= 0.4 * base_rate,
    )


def bench_screen_pop(bench, registry):
    def run(env):
        env.cr.execute(
            """SELECT sce_mobile_e164 FROM res_partner
                WHERE sce_mobile_e164 IS NOT NULL ORDER BY id LIMIT %s""",
            [N_LOOKUPS],
        )
        numbers = [row[0] for row in env.cr.fetchall()]
        national = ["8" + n[2:] for n in numbers]  # as a caller ID may show it
        Call = env["sce.call"]
        Partner = env["res.partner"]
        times = []
        for number in national:
            elapsed, (partners, _accounts) = timed(lambda n=number: Call._sce_caller_lookup(n))
            if not partners:
                raise RuntimeError(f"no customer found for {number}")
            times.append(elapsed * 1000)
        baseline = []
        for number in national[:20]:
            digits = number[1:]
            elapsed, _found = timed(
                lambda d=digits: Partner.search(
                    ["|", ("phone", "ilike", d), ("mobile", "ilike", d)], limit=10
                )
            )
            baseline.append(elapsed * 1000)
        times.sort()
        figure, base = statistics.mean(times), statistics.mean(baseline)
        p95 = times[int(len(times) * 0.95) - 1]
        bench.record(
            "screen_pop",
            f"screen-pop lookup, customers and accounts (p95 {p95:.2f} ms)",
            figure,
            base,
            "ilike on phone and mobile",
            ">= 50x faster",
            unit="ms",
            ratio=base / figure,
            ok=base / figure >= 50,
        )

    bench.run(run)


def main(conf, db):
    odoo.tools.config.parse_config(["-c", conf])
    registry = Registry(db)
    if not installed(registry, "sce_callcenter"):
        print(f"-- sce_callcenter is not installed in {db}: call-center benchmarks skipped")
        return
    ensure_source(registry)
    bench = Bench(registry, os.environ.get("SCE_BENCH_LABEL", ""))
    scale = bench.run(scale_of)
    print(f"-- {db}: call center", flush=True)
    with registry.cursor() as cr:
        cr.execute(
            "SELECT sce_mobile_e164 FROM res_partner WHERE sce_mobile_e164 IS NOT NULL LIMIT 500"
        )
        numbers = [row[0] for row in cr.fetchall()] or ["+79188254410"]
    if bench.wanted("screen_pop"):
        bench_screen_pop(bench, registry)
    for workers in (0, 2):
        if bench.wanted(f"cti_ingest_{'prefork' if workers else 'threaded'}"):
            bench_ingest(bench, conf, db, numbers, workers)
    save_history(bench, db, scale)


if __name__ == "__main__":
    main(*sys.argv[1:3])
