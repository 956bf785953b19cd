"""Volume data for benchmarks: the demo generator's vocabulary at a retailer's scale.

``DemoGenerator`` (generator.py) goes through the ORM and takes minutes for a few
thousand appeals; this loader writes what the ORM would have written with batched SQL
(COPY, INSERT ... SELECT generate_series) so that 250,000 customers and a million appeals
load in minutes:

* every row starts from a *template row* written by the ORM itself (created in a
  savepoint that is rolled back), so defaults and columns nobody set stay as the ORM
  leaves them; the loader overrides only what differs per row;
* stored computed and related fields are written with their values (partner:
  ``sce_needs_priority``, ``sce_phone_e164``/``sce_mobile_e164``, ``email_normalized``,
  ``phone_sanitized``, ``commercial_partner_id``; account, meter, reading and ledger:
  ``mro_id``, ``account_id``, ``customer_group``; appeal: ``mro_id``,
  ``sce_service_form``, ``sce_state``, ``sce_customer_group``, ``unattended``,
  ``commercial_partner_id``, ``sla_policy_id``, ``answer_channel``);
* deadlines come from ``helpdesk.ticket._sce_deadlines_of`` (the production calendar's
  ``_sce_deadline``), once per distinct (policy, local day of receipt, extension) for the
  day-counted policies, per appeal for the minute-counted ones; their states from the
  mixin's ``deadline_state``, as the cron leaves them (breaches of controlled MROs
  escalated, terms due soon reminded);
* registration numbers come from the appeal sequence's date ranges, one per year, whose
  PostgreSQL sequences are advanced past the numbers used.

It is no Odoo model: ``scripts/bench_data.py`` (``make bench-data``) runs it on a database
where sce_appeals is installed without demo data. Deterministic for a seed and a moment.
"""

import csv
import logging
import random
import time as time_module
from bisect import bisect_right
from collections import namedtuple
from datetime import date, datetime, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from odoo import fields

from ..tools.appeal_rows import (
    AppealRows,
    advance_sequences,
    appeal_checks,
    used_numbers,
)
from ..tools.bulk_sql import BulkSql
from .generator import (
    ANONYMOUS,
    CATEGORY_TEAM,
    CHANNEL_CODES,
    CHANNEL_WEIGHT_LIST,
    CHANNELS,
    COMMERCIAL_METERS,
    COMMERCIAL_TARIFF,
    COMPANIES,
    DEMO_CONTEXT,
    DEMO_SEED,
    DISTRICT_STREETS,
    EXTENSION_REASONS,
    HOUSEHOLD_METERS,
    HOUSEHOLD_TARIFFS,
    KIND_WEIGHTS,
    MRO_KEYS,
    MSK,
    OSSETIAN_FEMALE,
    OSSETIAN_MALE,
    OSSETIAN_PATRONYMICS,
    OSSETIAN_SURNAMES,
    READING_SOURCES,
    RESALE_TARIFF,
    RURAL_FACTOR,
    RUSSIAN_FEMALE,
    RUSSIAN_MALE,
    RUSSIAN_PATRONYMICS,
    RUSSIAN_SURNAMES,
    SEASON,
    SETTLEMENT_WEIGHTS,
    SETTLEMENTS,
    TEAM_XMLIDS,
    TRANSLIT,
    VLADIKAVKAZ_STREETS,
    DemoGenerator,
    household_street,
    topic_placeholders,
)

_logger = logging.getLogger(__name__)

X = "sce_appeals."
DEMO_DIR = Path(__file__).resolve().parent
Scale = namedtuple("Scale", "customers appeals years readings_per_meter ledger_months")
SCALES = {
    # CI-sized: seconds
    "small": Scale(customers=1500, appeals=6000, years=3, readings_per_meter=20, ledger_months=4),
    # the customer's scale: 250k customers and accounts, 1M appeals over three years,
    # 5M meter readings (20 months), 2M ledger lines (4 months of charges and payments)
    "medium": Scale(250_000, 1_000_000, 3, 20, 4),
    # the largest Russian retailers: 10x medium (documented, for bigger machines)
    "large": Scale(2_500_000, 10_000_000, 3, 20, 4),
}
DAY_UNITS = ("calendar_days", "working_days")
# Anonymous callers and guests write without a customer card.
GUEST_SHARE = 0.04
REFUSAL_COMMENTS = {
    "obscene": "Текст обращения содержит нецензурные выражения и угрозы в адрес сотрудников.",
    "repeated": "Ответ по существу дан ранее; новых доводов обращение не содержит.",
    "unreadable": "Текст письма не поддаётся прочтению.",
}
# Weight of a day of the year in the inflow: heating season and bills bring appeals.
WEEKDAY_WEIGHT = (1.25, 1.15, 1.1, 1.1, 1.0, 0.45, 0.2)


class BulkGenerator(BulkSql):
    """Fills the database with ``scale`` (a key of SCALES or a Scale) of volume data.

    :param now: the moment the data ends (default: now); appeals span ``years`` before it
    :param log: a callable receiving progress lines (default: the module's logger)
    """

    def __init__(self, env, scale="small", seed=DEMO_SEED, now=None, log=None):
        self.env = env(su=True, context=dict(env.context, **DEMO_CONTEXT))
        self.cr = self.env.cr
        self.scale = SCALES[scale] if isinstance(scale, str) else scale
        self.rng = random.Random(seed)
        self.now = (now or fields.Datetime.now()).replace(microsecond=0)
        self.today = (self.now + MSK).date()
        self.log = log or _logger.info
        self.timings = {}
        self.uid = self.env.uid

    # ------------------------------------------------------------------ driver

    def generate(self):
        """Load everything; return {step: seconds}."""
        self.cr.execute("SET LOCAL synchronous_commit = off")
        self.cr.execute("SET LOCAL work_mem = '64MB'")
        self.cr.execute("SET LOCAL maintenance_work_mem = '256MB'")
        self._step("reference data (ORM)", self._reference)
        self._step("res_partner", self._customers)
        self._step("sce_account", self._accounts)
        self._step("sce_meter", self._meters)
        self._step("sce_meter_reading", self._readings)
        self._step("sce_account_move", self._ledger)
        self._step("helpdesk_ticket", self._appeals)
        self._step("ir_sequence_date_range", self._sequences)
        self._step("analyze", self._analyze)
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        return self.timings

    def _step(self, name, func):
        start = time_module.perf_counter()
        count = func()
        elapsed = time_module.perf_counter() - start
        self.timings[name] = elapsed
        rows = f"{count:>10,} rows" if isinstance(count, int) else " " * 15
        self.log(f"{name:<28} {rows}  {elapsed:8.1f} s")

    # ------------------------------------------------------------------ helpers

    def _translit(self, text):
        return "".join(TRANSLIT.get(ch, ch) for ch in text.lower()).replace("_", "")

    # ------------------------------------------------------------------ reference data

    def _reference(self):
        """MROs, territorial units and staff (the demo's data files, which a database
        without demo lacks), through the ORM: a few dozen records."""
        env = self.env
        self.mros = {}
        with open(DEMO_DIR / "sce.mro.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = row["id"].removeprefix("sce_mro_")
                mro = env.ref(X + row["id"], raise_if_not_found=False) or env["sce.mro"].search(
                    [("code", "=", row["code"])], limit=1
                )
                if not mro:
                    mro = env["sce.mro"].create(
                        {
                            "sequence": int(row["sequence"]),
                            "name": row["name"],
                            "code": row["code"],
                            "address": row["address"],
                            "phone": row["phone"],
                        }
                    )
                self.mros[key] = mro
        self.units = {}
        with open(DEMO_DIR / "sce.territorial.unit.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = row["id"].removeprefix("sce_territorial_unit_")
                mro = self.mros[row["mro_id:id"].removeprefix("sce_mro_")]
                unit = env["sce.territorial.unit"].search(
                    [("name", "=", row["name"]), ("mro_id", "=", mro.id)], limit=1
                ) or env["sce.territorial.unit"].create(
                    {"name": row["name"], "mro_id": mro.id, "address": row["address"]}
                )
                self.units[key] = unit
        self.teams = {key: env.ref(X + xmlid) for key, xmlid in TEAM_XMLIDS.items()}
        self.team_users = {}
        specialist = env.ref(X + "group_sce_specialist")
        for key, team in self.teams.items():
            login = f"bench.{key}"
            user = env["res.users"].search([("login", "=", login)], limit=1) or env[
                "res.users"
            ].create(
                {
                    "name": f"Специалист {team.name}",
                    "login": login,
                    "groups_id": [(4, specialist.id)],
                }
            )
            self.team_users[key] = user
        mro_dept = env.ref(X + "group_sce_mro_client_dept")
        for key, mro in self.mros.items():
            if not mro.head_user_id:
                login = f"bench.head.{key}"
                head = env["res.users"].search([("login", "=", login)], limit=1) or env[
                    "res.users"
                ].create(
                    {
                        "name": f"Начальник отдела по работе с клиентами {mro.name}",
                        "login": login,
                        "groups_id": [(4, mro_dept.id)],
                        "sce_mro_ids": [(4, mro.id)],
                    }
                )
                mro.head_user_id = head
        self.country = env.ref("base.ru")
        self.region = env.ref("base.state_ru_se", raise_if_not_found=False)
        lang = env["res.lang"]._lang_get("ru_RU")
        self.lang = "ru_RU" if lang and lang.active else None
        self.rub = env.ref("base.RUB", raise_if_not_found=False) or env.company.currency_id
        self.channels = {code: env.ref(xmlid) for code, xmlid in CHANNELS.items()}
        self.categories = {
            key: env.ref(X + "helpdesk_ticket_category_" + key) for key in CATEGORY_TEAM
        }
        self.stages = {
            stage.sce_state: stage
            for stage in env["helpdesk.ticket.stage"].search([("sce_state", "!=", False)])
        }
        self.env.flush_all()
        return None

    # ------------------------------------------------------------------ customers

    def _customers(self):
        """Households of group 1 and legal entities of groups 2-5 (about 2 %)."""
        rng = self.rng
        n = self.scale.customers
        template = self._template_row(
            "res.partner",
            {
                "sce_customer_group": "1",
                "sce_surname": "Шаблон",
                "sce_first_name": "Шаблон",
                "street": "ул. Шаблонная, д. 1",
                "city": "г. Владикавказ",
                "zip": "362040",
                "country_id": self.country.id,
                "state_id": self.region.id if self.region else False,
                "lang": self.lang or "en_US",
                "email": "template@example.com",
                "mobile": "+7 918 123-45-67",
            },
        )
        first_id = self._reserve_ids("res_partner", n)
        settlement_keys = list(SETTLEMENT_WEIGHTS)
        cumulative = []
        total = 0
        for key in settlement_keys:
            total += SETTLEMENT_WEIGHTS[key]
            cumulative.append(total)
        consent_channels = [
            self.channels[c].id
            for c in ("central_office", "mro_center", "personal_cabinet", "territorial_unit")
        ]
        companies_every = 50  # one customer in fifty is a legal entity
        # (partner id, group, is company, settlement key, email, needs priority,
        #  preferred answer channel, name, street)
        self.customers = []
        now = self.now

        def rows():
            for index in range(n):
                pid = first_id + index
                key = settlement_keys[_bisect(cumulative, rng.random() * total)]
                town, zip_code, mro_key, _unit, area, _rural = SETTLEMENTS[key]
                row = {
                    "id": pid,
                    "commercial_partner_id": pid,
                    "create_date": now,
                    "write_date": now,
                }
                if index % companies_every == companies_every - 1:
                    group, base_name, _key, inn, small, mailbox = COMPANIES[
                        (index // companies_every) % len(COMPANIES)
                    ]
                    number = index // companies_every // len(COMPANIES) + 1
                    name = base_name if number == 1 else f"{base_name} ({number})"
                    email = f"{mailbox}{number}@example.com" if mailbox else None
                    phone = self._landline(rng, area)
                    mobile = self._mobile_e164(rng) if small else None
                    streets = VLADIKAVKAZ_STREETS if key == "vladikavkaz" else DISTRICT_STREETS
                    row.update(
                        {
                            "name": name,
                            "complete_name": name,
                            "is_company": True,
                            "commercial_company_name": name,
                            "vat": f"{int(inn) + number - 1}",
                            "sce_is_small_business": small,
                            "sce_needs_priority": small,
                            "sce_preferred_answer_channel": "email" if email else "post",
                            "street": f"{rng.choice(streets)}, д. {rng.randint(1, 90)}",
                            "sce_surname": None,
                            "sce_first_name": None,
                            "sce_patronymic": None,
                            "sce_birth_date": None,
                            "sce_consent_date": None,
                            "sce_consent_channel_id": None,
                            "sce_consent_document": None,
                            "sce_is_disabled": False,
                            "sce_is_veteran": False,
                            "sce_is_socially_vulnerable": False,
                        }
                    )
                    company, needs = True, small
                else:
                    group = "1"
                    russian = index % 6 == 5
                    female = rng.random() < 0.5
                    pick = 1 if female else 0
                    surname = rng.choice(RUSSIAN_SURNAMES if russian else OSSETIAN_SURNAMES)[pick]
                    if russian:
                        first = rng.choice(RUSSIAN_FEMALE if female else RUSSIAN_MALE)
                        patronymic = rng.choice(RUSSIAN_PATRONYMICS)[pick]
                    else:
                        first = rng.choice(OSSETIAN_FEMALE if female else OSSETIAN_MALE)
                        patronymic = rng.choice(OSSETIAN_PATRONYMICS)[pick]
                    name = f"{surname} {first} {patronymic}"
                    street = household_street(rng, key)
                    has_email = rng.random() < 0.5
                    email = (
                        f"{self._translit(first)}.{self._translit(surname)}{index}@example.com"
                        if has_email
                        else None
                    )
                    mobile = self._mobile_e164(rng) if rng.random() < 0.9 else None
                    phone = self._landline(rng, area) if rng.random() < 0.45 or not mobile else None
                    disabled, veteran, vulnerable = index % 12 == 3, index % 12 == 8, index % 9 == 5
                    consent = self.today - timedelta(days=rng.randint(30, 2400))
                    company, needs = False, disabled or veteran or vulnerable
                    row.update(
                        {
                            "name": name,
                            "complete_name": name,
                            "is_company": False,
                            "commercial_company_name": None,
                            "vat": None,
                            "sce_surname": surname,
                            "sce_first_name": first,
                            "sce_patronymic": patronymic,
                            "street": street,
                            "sce_birth_date": date(
                                rng.randint(1938, 2001), rng.randint(1, 12), rng.randint(1, 28)
                            ),
                            "sce_is_disabled": disabled,
                            "sce_is_veteran": veteran,
                            "sce_is_socially_vulnerable": vulnerable,
                            "sce_is_small_business": False,
                            "sce_needs_priority": needs,
                            "sce_consent_date": consent,
                            "sce_consent_channel_id": rng.choice(consent_channels),
                            "sce_consent_document": f"Согласие на обработку персональных данных "
                            f"№ {consent.year}/{rng.randint(100, 9999)} "
                            f"от {consent.strftime('%d.%m.%Y')}",
                            "sce_preferred_answer_channel": (
                                rng.choice(["email", "email", "cabinet"])
                                if has_email
                                else rng.choice(["post", "post", "phone", "sms", "in_person", None])
                            ),
                        }
                    )
                row.update(
                    {
                        "sce_customer_group": group,
                        "city": town,
                        "zip": zip_code,
                        "email": email,
                        "email_normalized": email.lower() if email else None,
                        "phone": phone,
                        "mobile": mobile,
                        "sce_phone_e164": phone,
                        "sce_mobile_e164": mobile,
                        "phone_sanitized": mobile or phone,
                        "sce_home_mro_id": self.mros[mro_key].id,
                    }
                )
                self.customers.append(
                    (
                        pid,
                        group,
                        company,
                        key,
                        email,
                        needs,
                        row["sce_preferred_answer_channel"],
                        name,
                        row["street"],
                    )
                )
                yield row

        return self._copy("res_partner", template, rows())

    def _landline(self, rng, area):
        """E.164 of a landline of the settlement's area code (as the ORM stores it)."""
        digits = "".join(rng.choice("0123456789") for _ in range(10 - len(area) - 1))
        return f"+7{area}{rng.choice('2345')}{digits}"

    def _mobile_e164(self, rng):
        return (
            f"+7{rng.choice(['918', '928', '938', '988', '961', '906'])}{rng.randrange(10**7):07d}"
        )

    # ------------------------------------------------------------------ accounts

    def _accounts(self):
        """One personal account per customer; companies of groups 2 and 5 keep a second
        one at a territorial unit."""
        rng = self.rng
        template = self._template_row(
            "sce.account",
            {
                "name": "TEMPLATE-0",
                "partner_id": self.customers[0][0],
                "supply_address": "шаблон",
                "mro_id": self.mros["vladikavkaz"].id,
                "contract_date": date(2020, 1, 1),
                "currency_id": self.rub.id,
            },
        )
        mro_index = {key: i for i, key in enumerate(MRO_KEYS, start=1)}
        unit_keys = [k for k, s in SETTLEMENTS.items() if s[3]]
        plans = []
        for pid, group, company, key, *_rest in self.customers:
            plans.append((pid, group, key, 0))
            if company and group in ("2", "5"):
                plans.append((pid, group, rng.choice(unit_keys), 1))
        first_id = self._reserve_ids("sce_account", len(plans))
        self.first_account_id = first_id
        other_states = {4: "suspended", 19: "suspended", 27: "draft", 33: "terminated"}
        # partner id -> [(account id, number, mro id, unit id, rural, group, state, address)]
        self.accounts = {}
        now = self.now
        street_of = {customer[0]: customer[8] for customer in self.customers}

        def rows():
            for index, (pid, group, key, second) in enumerate(plans):
                aid = first_id + index
                town, zip_code, mro_key, _unit, _area, rural = SETTLEMENTS[key]
                # numbers: 15 + MRO + 8 digits, unique (a bijection of the index)
                number = f"15{mro_index[mro_key]:02d}{(index * 7_919 + 12_345) % 10**8:08d}"
                if second:
                    street = f"{rng.choice(DISTRICT_STREETS)}, д. {rng.randint(1, 60)}"
                else:
                    street = street_of[pid]
                address = f"{zip_code}, РСО-Алания, {town}, {street}"
                state = other_states.get(index % 40, "active")
                unit = self.units.get(key)
                mro_id = self.mros[mro_key].id
                self.accounts.setdefault(pid, []).append(
                    (aid, number, mro_id, unit.id if unit else None, rural, group, state, address)
                )
                yield {
                    "id": aid,
                    "name": number,
                    "partner_id": pid,
                    "customer_group": group,
                    "supply_address": address,
                    "mro_id": mro_id,
                    "territorial_unit_id": unit.id if unit else None,
                    "contract_state": state,
                    "contract_date": None
                    if state == "draft"
                    else date(rng.randint(2007, 2025), rng.randint(1, 12), rng.randint(1, 28)),
                    "create_date": now,
                    "write_date": now,
                }

        return self._copy("sce_account", template, rows())

    # ------------------------------------------------------------------ meters, readings, ledger

    def _meters(self):
        """A meter on every account but the applications (draft), in one INSERT."""
        self.cr.execute(
            """
                INSERT INTO sce_meter (name, model_name, account_id, mro_id, install_date,
                                       verification_date, active, create_uid, write_uid,
                                       create_date, write_date)
                SELECT (10000000 + (a.id::bigint * 7919) %% 90000000)::text,
                       CASE WHEN a.customer_group = '1'
                            THEN (%(household)s::varchar[])[1 + a.id %% %(nh)s]
                            ELSE (%(commercial)s::varchar[])[1 + a.id %% %(nc)s] END,
                       a.id, a.mro_id, d.install, (d.install + interval '16 years')::date,
                       true, %(uid)s, %(uid)s, %(now)s, %(now)s
                  FROM sce_account a
                  CROSS JOIN LATERAL (
                        SELECT (date '2012-01-01' + (a.id * 37 %% 4700))::date AS install) d
                 WHERE a.contract_state != 'draft' AND a.id >= %(first)s
                """,
            {
                "household": HOUSEHOLD_METERS,
                "nh": len(HOUSEHOLD_METERS),
                "commercial": COMMERCIAL_METERS,
                "nc": len(COMMERCIAL_METERS),
                "uid": self.uid,
                "now": self.now,
                "first": self.first_account_id,
            },
        )
        return self.cr.rowcount

    def _months(self, count):
        """The first days of the ``count`` months up to the current one, oldest first."""
        first = self.today.replace(day=1)
        return [first - relativedelta(months=count - 1 - i) for i in range(count)]

    def _readings(self):
        """Monthly readings on the 25th, growing with a seasonal consumption: one
        INSERT ... SELECT over meters x months."""
        months = [
            m
            for m in self._months(self.scale.readings_per_meter)
            if m.replace(day=25) <= self.today
        ]
        # cumulative seasonal factor of each month since the first one
        cumulative, total = [], 0.0
        for first in months:
            cumulative.append(round(total, 4))
            total += SEASON[first.month]
        self.cr.execute(
            """
                INSERT INTO sce_meter_reading (meter_id, account_id, mro_id, date, value, source,
                                               create_uid, write_uid, create_date, write_date)
                SELECT m.id, m.account_id, m.mro_id, (%(days)s::date[])[g],
                       round((1000 + (m.id * 613) %% 39000
                              + (%(cum)s::numeric[])[g]
                                * CASE WHEN a.customer_group = '1' THEN 140 + (m.id * 31) %% 180
                                       ELSE 1500 + (m.id * 97) %% 12500 END)::numeric, 0),
                       CASE WHEN a.customer_group = '1'
                            THEN (%(sources)s::varchar[])[1 + (m.id + g) %% %(ns)s]
                            ELSE 'import' END,
                       %(uid)s, %(uid)s, %(now)s, %(now)s
                  FROM sce_meter m
                  JOIN sce_account a ON a.id = m.account_id
                 CROSS JOIN generate_series(1, %(count)s) g
                 WHERE a.id >= %(first)s
                """,
            {
                "days": [m.replace(day=25) for m in months],
                "cum": cumulative,
                "sources": READING_SOURCES,
                "ns": len(READING_SOURCES),
                "count": len(months),
                "uid": self.uid,
                "now": self.now,
                "first": self.first_account_id,
            },
        )
        return self.cr.rowcount

    def _ledger(self):
        """Charges of the last closed months (consumption x tariff) and their payments a
        week or two later; one account in twelve stopped paying five months ago."""
        closed = self._months(self.scale.ledger_months + 1)[:-1]
        tariff = [t for start, t in HOUSEHOLD_TARIFFS if start <= self.today][-1]
        periods = [f"{m.year}-{m.month:02d}" for m in closed]
        ends = [m + relativedelta(months=1) - timedelta(days=1) for m in closed]
        season = [SEASON[m.month] for m in closed]
        self.cr.execute(
            """
                WITH charge AS (
                    SELECT a.id AS account_id, a.mro_id, a.name, g, a.contract_state,
                           (%(ends)s::date[])[g] AS day, (%(periods)s::varchar[])[g] AS period,
                           round(((CASE WHEN a.customer_group = '1' THEN 140 + (a.id * 31) %% 180
                                        ELSE 1500 + (a.id * 97) %% 12500 END)
                                  * (%(season)s::numeric[])[g])::numeric, 0) AS kwh,
                           CASE WHEN a.customer_group IN ('4', '5') THEN %(resale)s
                                WHEN a.customer_group IN ('2', '3') THEN %(commercial)s
                                ELSE %(household)s END AS tariff
                      FROM sce_account a
                     CROSS JOIN generate_series(1, %(count)s) g
                     WHERE a.contract_state != 'draft' AND a.id >= %(first)s
                ), moves AS (
                    SELECT account_id, mro_id, day, 'charge' AS move_type, period,
                           round(kwh * tariff, 2) AS amount, kwh,
                           'Н-' || name || '-' || period AS ref
                      FROM charge
                    UNION ALL
                    SELECT account_id, mro_id, day + 5 + (account_id + g) %% 16, 'payment', period,
                           CASE WHEN account_id %% 10 < 7 THEN round(kwh * tariff, 2)
                                ELSE ceil(kwh * tariff / 100) * 100 END,
                           NULL, 'П-' || name || '-' || period
                      FROM charge
                     WHERE day + 5 + (account_id + g) %% 16 <= %(today)s
                       AND NOT (contract_state = 'suspended' OR account_id %% 12 = 7)
                )
                INSERT INTO sce_account_move (account_id, mro_id, date, move_type, period, amount,
                                              consumption_kwh, reference, create_uid, write_uid,
                                              create_date, write_date)
                SELECT account_id, mro_id, day, move_type, period, amount, kwh, ref,
                       %(uid)s, %(uid)s, %(now)s, %(now)s
                  FROM moves
                """,
            {
                "ends": ends,
                "periods": periods,
                "season": season,
                "count": len(closed),
                "resale": RESALE_TARIFF,
                "commercial": COMMERCIAL_TARIFF,
                "household": round(tariff * (1 + RURAL_FACTOR) / 2, 2),
                "today": self.today,
                "uid": self.uid,
                "now": self.now,
                "first": self.first_account_id,
            },
        )
        return self.cr.rowcount

    # ------------------------------------------------------------------ appeals

    def _receipts(self):
        """``appeals`` receipt moments over ``years`` before now, weighted by weekday and
        season (winter bills bring more), oldest first."""
        rng = self.rng
        start = self.now - timedelta(days=365 * self.scale.years)
        days = (self.now - start).days + 1
        weights = []
        for offset in range(days):
            day = (start + MSK + timedelta(days=offset)).date()
            weights.append(WEEKDAY_WEIGHT[day.weekday()] * SEASON[day.month])
        cumulative, total = [], 0.0
        for weight in weights:
            total += weight
            cumulative.append(total)
        moments = []
        midnight = datetime.combine((start + MSK).date(), datetime.min.time()) - MSK
        for _index in range(self.scale.appeals):
            offset = _bisect(cumulative, rng.random() * total)
            # the office day: 8:00-20:00 Moscow time mostly, a few at night (web, phone)
            hour = rng.uniform(5, 17) if rng.random() < 0.9 else rng.uniform(-3, 21)
            moment = midnight + timedelta(days=offset, hours=hour)
            if start <= moment <= self.now:
                moments.append(moment.replace(microsecond=0))
        moments.sort()
        return moments

    def _appeals(self):
        rng = self.rng
        env = self.env
        now = self.now
        appeal_rows = AppealRows(env, now)
        self.appeal_rows = appeal_rows
        kinds = list(KIND_WEIGHTS)
        kind_weights = list(KIND_WEIGHTS.values())
        channel_ids = {code: channel.id for code, channel in self.channels.items()}
        default_answer = {code: ch.sce_default_answer_channel for code, ch in self.channels.items()}
        customers = self.customers
        customer_weights_cum, total = [], 0
        for customer in customers:
            total += 3 if customer[1] == "1" else (2 if customer[1] in ("2", "3") else 1)
            customer_weights_cum.append(total)
        customer_total = total
        individuals = [c for c in customers if c[1] == "1"]
        topics_cache = {}

        def topics_for(kind, customer):
            key = (kind, customer[2] if customer else None, customer[1] if customer else None)
            if key not in topics_cache:
                info = customer and {"company": customer[2], "group": customer[1]}
                topics_cache[key] = DemoGenerator._topics(self, kind, info)
            return topics_cache[key]

        template = self._template_row(
            "helpdesk.ticket",
            {
                "name": "template",
                "description": "<p>template</p>",
                "channel_id": channel_ids["post"],
                "appeal_kind": "inquiry",
                "team_id": self.teams["front_office"].id,
                "partner_id": customers[0][0],
            },
        )
        template.update(
            {
                "assigned_date": None,
                "closed_date": None,
                "user_id": None,
                "access_token": None,
                "date_routed": None,
                "date_answered": None,
                "reminded_deadline": None,
                "registration_reminded": None,
                "answer_sent_date": None,
                "extension_date": None,
                "extension_reason": None,
                "extension_days": 0,
                "refusal_ground": None,
                "refusal_comment": None,
                "answer_stating": None,
                "answer_resolving": None,
                "justified": False,
                "justified_basis": None,
                "justified_reference": None,
                "escalated": False,
                "registration_escalated": False,
                "total_escalated": False,
            }
        )
        moments = self._receipts()
        first_id = self._reserve_ids("helpdesk_ticket", len(moments))
        self.first_ticket_id = first_id
        counters = used_numbers(env)
        self.years = counters

        def rows():
            for index, received in enumerate(moments):
                age = (now - received).total_seconds() / 86400
                kind = rng.choices(kinds, kind_weights)[0]
                channel = rng.choices(CHANNEL_CODES, CHANNEL_WEIGHT_LIST)[0]
                plan = {
                    "state": DemoGenerator._state_for_age(self, rng, age),
                    "kind": kind,
                    "channel": channel,
                }
                DemoGenerator._fit(self, rng, plan, None)
                state, kind, channel = plan["state"], plan["kind"], plan["channel"]
                received = DemoGenerator._office_receipt(
                    self, rng, received, channel, received - timedelta(hours=12), now
                )
                guest = (
                    channel == "phone"
                    and rng.random() < GUEST_SHARE * 5
                    or (rng.random() < GUEST_SHARE / 4)
                )
                customer = None
                if not guest:
                    customer = customers[
                        _bisect(customer_weights_cum, rng.random() * customer_total)
                    ]
                topics = topics_for(kind, customer)
                if not topics:
                    customer = rng.choice(individuals)
                    topics = topics_for(kind, customer)
                _kind, category_key, _who, title, description, resolving = rng.choice(topics)
                account = None
                if customer:
                    account = rng.choice(self.accounts[customer[0]])
                # the appeal's year and registration number, as the sequence gives them
                year = (received + MSK).year
                counters[year] = counters.get(year, 0) + 1
                number = f"{year}-{counters[year]:06d}"
                ctx = self._context(rng, received, account)
                row = {
                    "id": first_id + index,
                    "number": number,
                    "name": title.format(**ctx),
                    "description": f"<p>{description.format(**ctx)}</p>",
                    "channel_id": channel_ids[channel],
                    "appeal_kind": kind,
                    "date_received": received,
                    "create_date": received,
                    "priority": "1",
                    "answer_user_id": self.team_users[CATEGORY_TEAM[category_key]].id,
                }
                if state != "registered":
                    row["category_id"] = self.categories[category_key].id
                if customer:
                    pid, group, _company, _key, email, needs, preferred, partner_name, _street = (
                        customer
                    )
                    row.update(
                        {
                            "partner_id": pid,
                            "commercial_partner_id": pid,
                            "sce_customer_group": group,
                            "partner_name": partner_name,
                            "partner_email": email,
                            "account_id": account[0],
                            "mro_id": account[2],
                            "territorial_unit_id": account[3],
                        }
                    )
                    if needs:
                        row["priority"] = "2"
                    answer_channel = (
                        preferred or default_answer[channel] or ("email" if email else "post")
                    )
                else:
                    name, email = rng.choice(ANONYMOUS) if channel == "phone" else (None, None)
                    row.update(
                        {
                            "partner_id": None,
                            "commercial_partner_id": None,
                            "sce_customer_group": None,
                            "partner_name": name,
                            "partner_email": email or None,
                            "account_id": None,
                            "mro_id": None,
                            "territorial_unit_id": None,
                        }
                    )
                    answer_channel = default_answer[channel] or ("email" if email else "post")
                row["answer_channel"] = answer_channel
                if kind == "complaint" and category_key == "restriction":
                    row["priority"] = "3"
                self._progress(rng, row, state, kind, channel, category_key, received, age)
                # deadlines from receipt and extension; the answer and its dates within them
                deadlines = appeal_rows.deadlines_of(row)
                self._finish(rng, row, state, deadlines[1], resolving, ctx, title, received)
                # states as the last cron run left them
                appeal_rows.complete(row, state, escalated=True, deadlines=deadlines)
                row["write_date"] = row.get("last_stage_update") or received
                yield row

        count = self._copy("helpdesk_ticket", template, rows())
        self.distinct_deadline_days = appeal_rows.distinct_deadline_days
        return count

    def _context(self, rng, received, account):
        previous = (received.replace(day=1) - timedelta(days=1)).month
        ctx = topic_placeholders(rng, previous, rng.choice(DISTRICT_STREETS), "г. Владикавказ")
        if account:
            parts = account[7].split(", ")
            ctx.update(
                {
                    "account": account[1],
                    "meter": f"{10_000_000 + (account[0] * 7919) % 90_000_000}",
                    "address": account[7],
                    "street": parts[3],
                    "settlement": parts[2],
                }
            )
        return ctx

    def _progress(self, rng, row, state, kind, channel, category_key, received, age):
        """Team, responsible, routing, extension: what the workflow wrote before the
        deadlines are known."""
        if state == "registered":
            team_key = "front_office"
        elif kind == "complaint" and state == "routed":
            team_key = "complaint_router"
        else:
            team_key = CATEGORY_TEAM[category_key]
        row["team_id"] = self.teams[team_key].id
        row["user_id"] = self.team_users[team_key].id
        if state in ("registered",):
            row["last_stage_update"] = received
            return
        if channel == "phone":
            routed = received + timedelta(minutes=rng.randint(1, 5))
        elif state == "refused":
            routed = None
        else:
            routed = DemoGenerator._office_time(
                self,
                rng,
                received + timedelta(minutes=rng.randint(15, 20 * 60)),
                received + timedelta(minutes=5),
                self.now,
            )
        if routed:
            row["date_routed"] = min(routed, self.now)
            row["assigned_date"] = row["date_routed"]
        if (
            state == "extended" or (state == "closed" and kind != "inquiry" and rng.random() < 0.08)
        ) and channel != "phone":
            row["extension_days"] = rng.randint(5, 10)
            row["extension_reason"] = rng.choice(EXTENSION_REASONS)

    def _finish(self, rng, row, state, answer_deadline, resolving, ctx, title, received):
        """Answer, closure or refusal, consistent with the deadlines."""
        now = self.now
        if row.get("extension_days"):
            # extended before the original term ran out
            span = max(min(answer_deadline, now) - received, timedelta(hours=2))
            row["extension_date"] = (received + span * rng.uniform(0.3, 0.6)).replace(microsecond=0)
        if state in ("routed", "review", "extended"):
            row["last_stage_update"] = DemoGenerator._office_time(
                self,
                rng,
                row["date_routed"] + timedelta(hours=rng.randint(1, 30)),
                row["date_routed"],
                now,
            )
            return
        if state == "refused":
            ground = rng.choice(list(REFUSAL_COMMENTS))
            answered = DemoGenerator._office_time(
                self,
                rng,
                received + timedelta(days=rng.uniform(0.5, 4)),
                received + timedelta(hours=1),
                now,
            )
            row.update(
                {
                    "refusal_ground": ground,
                    "refusal_comment": REFUSAL_COMMENTS[ground],
                    "date_routed": answered,
                    "date_answered": answered,
                    "closed_date": answered,
                    "last_stage_update": answered,
                }
            )
            return
        if state not in ("answered", "closed"):
            return
        floor = row["date_routed"] + timedelta(minutes=5)
        ceiling = now - timedelta(minutes=5)
        if not answer_deadline:
            answered = received + timedelta(days=rng.uniform(1, 5))
        elif row["channel_id"] == self.channels["phone"].id and row["appeal_kind"] == "inquiry":
            late = rng.random() < 0.1
            answered = received + timedelta(
                minutes=rng.randint(35, 90) if late else rng.randint(3, 25)
            )
        elif answer_deadline < now - timedelta(hours=6) and rng.random() < 0.06:
            answered = answer_deadline + timedelta(days=rng.uniform(0.1, 3))
        else:
            answered = received + (min(answer_deadline, now) - received) * rng.uniform(0.15, 0.9)
        if answer_deadline and answered > answer_deadline:
            floor = max(floor, answer_deadline + timedelta(minutes=1))
        elif answer_deadline:
            ceiling = min(ceiling, answer_deadline)
        answered = min(max(answered, floor), ceiling).replace(microsecond=0)
        received_local = (received + MSK).strftime("%d.%m.%Y")
        row.update(
            {
                "date_answered": answered,
                "answer_sent_date": answered,
                "answer_stating": f"<p>Ваше обращение № {row['number']} от {received_local} "
                f"по вопросу «{title.format(**ctx)}» рассмотрено.</p>",
                "answer_resolving": f"<p>{resolving.format(**ctx)}</p>",
                "last_stage_update": answered,
            }
        )
        if state == "closed":
            closed = min(answered + timedelta(hours=rng.randint(1, 72)), now)
            row.update({"closed_date": closed, "last_stage_update": closed})
        if row["appeal_kind"] == "complaint" and "не установлено" not in resolving:
            roll = rng.random()
            if roll < 0.04:
                row.update(
                    {
                        "justified": True,
                        "justified_basis": "court",
                        "justified_reference": f"Решение мирового судьи судебного участка № "
                        f"{rng.randint(1, 30)} г. Владикавказа по делу № 2-"
                        f"{rng.randint(100, 2999)}/{received.year}",
                    }
                )
            elif roll < 0.28:
                row.update({"justified": True, "justified_basis": "out_of_court"})

    # ------------------------------------------------------------------ sequences

    def _sequences(self):
        """The appeal sequence's range of each year, past the numbers used."""
        return advance_sequences(self.env, self.years)

    def _analyze(self):
        """Statistics of every table, as autovacuum would leave them: the planner must
        not take the few teams or stages for unknown."""
        self.env.flush_all()
        self.cr.execute("ANALYZE")

    # ------------------------------------------------------------------ validation

    def validate(self):
        """[(check, offending rows)] of the loaded appeals: every count should be 0."""
        first = int(getattr(self, "first_ticket_id", 0))
        results = appeal_checks(self.cr, first)
        checks = {
            "priority flag differs from its grounds": """
                SELECT COUNT(*) FROM res_partner WHERE sce_customer_group IS NOT NULL
                   AND sce_needs_priority != (coalesce(sce_is_disabled, false)
                       OR coalesce(sce_is_veteran, false)
                       OR coalesce(sce_is_socially_vulnerable, false)
                       OR coalesce(sce_is_small_business, false))""",
            "E.164 columns differ from the numbers": """
                SELECT COUNT(*) FROM res_partner WHERE sce_customer_group IS NOT NULL
                   AND (sce_phone_e164 IS DISTINCT FROM phone
                        OR sce_mobile_e164 IS DISTINCT FROM mobile)""",
            "meter/reading/ledger mro_id differs from the account's": """
                SELECT (SELECT COUNT(*) FROM sce_meter m JOIN sce_account a ON a.id = m.account_id
                         WHERE m.mro_id != a.mro_id)
                     + (SELECT COUNT(*) FROM sce_meter_reading r
                          JOIN sce_meter m ON m.id = r.meter_id
                         WHERE r.mro_id != m.mro_id OR r.account_id != m.account_id)
                     + (SELECT COUNT(*) FROM sce_account_move v
                          JOIN sce_account a ON a.id = v.account_id
                         WHERE v.mro_id != a.mro_id)""",
            "readings decreasing": """
                SELECT COUNT(*) FROM (
                    SELECT value < lag(value) OVER (PARTITION BY meter_id ORDER BY date) AS down
                      FROM sce_meter_reading) r WHERE down""",
        }
        for label, query in checks.items():
            self.cr.execute(query, {"first": first})
            results.append((label, self.cr.fetchone()[0]))
        return results

    def summary(self):
        """[(what, count)] of the loaded data."""
        queries = {
            "customers": "SELECT COUNT(*) FROM res_partner WHERE sce_customer_group IS NOT NULL",
            "accounts": "SELECT COUNT(*) FROM sce_account",
            "meter readings": "SELECT COUNT(*) FROM sce_meter_reading",
            "ledger lines": "SELECT COUNT(*) FROM sce_account_move",
            "appeals": "SELECT COUNT(*) FROM helpdesk_ticket WHERE sce_state IS NOT NULL",
            "open appeals": """SELECT COUNT(*) FROM helpdesk_ticket
                WHERE sce_state IN ('registered', 'routed', 'review', 'extended')""",
            "overdue open appeals": """SELECT COUNT(*) FROM helpdesk_ticket
                WHERE date_answered IS NULL AND deadline_state = 'overdue'""",
            "answered late": """SELECT COUNT(*) FROM helpdesk_ticket
                WHERE deadline_state = 'done_late'""",
        }
        result = []
        for label, query in queries.items():
            self.cr.execute(query)
            result.append((label, self.cr.fetchone()[0]))
        return result


def _bisect(cumulative, value):
    """Index of the first cumulative weight above ``value``."""
    return min(bisect_right(cumulative, value), len(cumulative) - 1)
