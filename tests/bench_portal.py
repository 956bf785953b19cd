"""Benchmark of the customers' portal (issue 7, measured as issue 10 asks): 20 concurrent
simulated customers, each signed in to the personal cabinet of their own personal
account, go through their pages (accounts, the account with its chart and ledger, my
appeals, consents) and submit a question through the internet reception (the form read
first for its CSRF token). The p95 of each against the p95 of Odoo's own /web/login
page under the same 20 visitors on the same server (target <= 2x). The server is the
prefork one of docs/deployment.md, behind a simulated proxy (each customer its own
address, as nginx passes it), so the reception's per-address limit applies per customer.

Skipped when sce_portal is not installed in the benchmark database.

Usage: python bench_portal.py ODOO_CONF DB
"""

# pylint: disable=print-used
# (a benchmark prints its figures: that is its output)
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

import odoo
from odoo.api import Environment
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_appeals import Bench, save_history, scale_of  # noqa: E402
from bench_callcenter import installed  # noqa: E402
from bench_http import Server  # noqa: E402

CUSTOMERS = 20
ROUNDS = int(os.environ.get("SCE_BENCH_PORTAL_ROUNDS", 4))  # the reception allows 5 in 10 min
RUN = int(time.time()) // 60
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
TOPIC = re.compile(r'<option value="(\d+)"')


def ensure_customers(registry):
    """[(login, account id)] of CUSTOMERS portal logins on the cards of individual
    account holders, each with their account in the cabinet; committed."""
    with registry.cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute(
            """SELECT a.id, a.partner_id FROM sce_account a
                 JOIN res_partner p ON p.id = a.partner_id
                WHERE p.sce_customer_group = '1'
                  AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = p.id
                                     AND u.login NOT LIKE 'bench.customer.%%')
                ORDER BY a.id LIMIT %s""",
            [CUSTOMERS],
        )
        rows = cr.fetchall()
        portal = env.ref("base.group_portal")
        users = env["res.users"].with_context(no_reset_password=True)
        found = []
        for index, (account_id, partner_id) in enumerate(rows, start=1):
            login = f"bench.customer.{index}"
            user = users.search([("login", "=", login)]) or users.create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": partner_id,
                    "groups_id": [(6, 0, [portal.id])],
                }
            )
            links = env["sce.portal.account.link"]
            if not links.search([("user_id", "=", user.id), ("account_id", "=", account_id)]):
                links.create({"user_id": user.id, "account_id": account_id})
            found.append((login, account_id))
        cr.commit()  # pylint: disable=invalid-commit
        return found


def sign_in(base, db, login):
    session = requests.Session()
    reply = session.post(
        f"{base}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": login}},
        timeout=120,
    ).json()
    if not reply.get("result", {}).get("uid"):
        raise RuntimeError(f"login {login} refused: {reply}")
    return session


def p95(values):
    values = sorted(values)
    return values[max(int(len(values) * 0.95) - 1, 0)]


def customer(base, db, login, account_id, number, timings):
    session = sign_in(base, db, login)
    # as nginx passes them (Odoo's proxy mode reads them when X-Forwarded-Host is set)
    # a fresh range of addresses each run: the reception counts 10 minutes per address
    session.headers["X-Forwarded-For"] = f"10.{RUN % 250}.{number // 250}.{number % 250 + 1}"
    session.headers["X-Forwarded-Host"] = base.split("//", 1)[1]

    def get(kind, path):
        start = time.perf_counter()
        reply = session.get(f"{base}{path}", timeout=120)
        reply.raise_for_status()
        timings.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
        return reply.text

    for round_ in range(ROUNDS):
        get("cabinet pages", "/my/accounts")
        get("cabinet pages", f"/my/accounts/{account_id}")
        get("cabinet pages", "/my/appeals")
        get("cabinet pages", "/my/consents")
        start = time.perf_counter()
        form = session.get(f"{base}/reception/question", timeout=120).text
        token, topic = CSRF.search(form).group(1), TOPIC.search(form).group(1)
        reply = session.post(
            f"{base}/reception/question",
            data={
                "csrf_token": token,
                "surname": "Тестов",
                "first_name": "Бенчмарк",
                "patronymic": "Нагрузкович",
                "email": f"{login}@example.ru",
                "phone": "",
                "topic_id": topic,
                "subject": f"Вопрос нагрузочного теста {number}-{round_}",
                "text": "Когда будет перерасчёт за прошлый месяц?",
                "sce_homepage": "",
            },
            timeout=120,
        )
        if "/reception/thanks/" not in reply.url:
            alerts = re.findall(r'class="alert[^"]*"[^>]*>(.*?)</', reply.text, re.S)
            raise RuntimeError(f"the question was not accepted for {login}: {alerts[:3]}")
        timings.setdefault("reception submission", []).append((time.perf_counter() - start) * 1000)


def main(conf, db):
    odoo.tools.config.parse_config(["-c", conf])
    registry = Registry(db)
    if not installed(registry, "sce_portal"):
        print(f"-- sce_portal is not installed in {db}: portal benchmarks skipped")
        return
    bench = Bench(registry, os.environ.get("SCE_BENCH_LABEL", ""))
    if not bench.wanted("portal"):
        return
    customers = ensure_customers(registry)
    scale = bench.run(scale_of)
    print(f"-- {db}: portal, {len(customers)} concurrent customers x {ROUNDS} rounds", flush=True)
    with Server(conf, db, 2, extra=["--proxy-mode"]) as server:
        login_times = []

        def visitor(_i):
            session = requests.Session()
            for _round in range(ROUNDS * 5):
                start = time.perf_counter()
                session.get(f"{server.base}/web/login", timeout=120).raise_for_status()
                login_times.append((time.perf_counter() - start) * 1000)

        with ThreadPoolExecutor(CUSTOMERS) as pool:
            list(pool.map(visitor, range(CUSTOMERS)))
        timings = {}
        with ThreadPoolExecutor(CUSTOMERS) as pool:
            list(
                pool.map(
                    lambda item: customer(
                        server.base, db, item[1][0], item[1][1], item[0], timings
                    ),
                    enumerate(customers),
                )
            )
    base = p95(login_times)
    for kind, values in timings.items():
        figure = p95(values)
        bench.record(
            f"portal_{kind.split()[0]}",
            f"portal {kind}, p95 of {len(values)} under {len(customers)} customers",
            figure,
            base,
            "p95 of /web/login, same server and load",
            "<= 2x the baseline",
            unit="ms",
            ok=figure <= 2 * base,
        )
    save_history(bench, db, scale)


if __name__ == "__main__":
    main(*sys.argv[1:3])
