"""Volume data of the satisfaction surveys for benchmarks: ``make bench-data`` after the
appeals, calls and queue visits.

A year of invitations to the shipped questionnaires (``data/survey_*_data.xml``) over the
benchmark customers (medium: about 120,000, a little under one customer in two), as the
passive-feedback planner (FB-4) sends them: after an answered appeal, after a call with an
operator, the yearly study, and in person after a service-center visit (the benchmark's
visitors are anonymous: those answer sets have no customer); nobody asked twice within
three months. About 60 % answer, with a line for each scored question (and the yearly
study's channel question), the scores depending on the MRO, the season, a late answer and
chance; some write a comment (Russian, ``vocabulary/survey_comments.csv``).

Written with COPY over the ORM's template rows (``tools/bulk_sql.py`` of sce_appeals),
with what the ORM stores: the predefined questions of each answer set, the lines' scores
and ``question_sequence``/``survey_id``, the answer set's ``scoring_total``,
``scoring_percentage``, ``scoring_success``, ``sce_kind``, the context of
``_compute_sce_context`` (MRO, channel, customer group) and the per-indicator scores of
``_compute_sce_indicator_scores``. ``validate`` checks them in SQL; the tests recompute a
sample with the ORM. ``scripts/bench_data.py`` runs it when sce_survey is installed
(``--only sce_survey`` loads it alone into a loaded database). Deterministic.
"""

import csv
import heapq
import random
import uuid
from datetime import timedelta

from odoo.tools import SQL

from odoo.addons.sce_appeals.demo.bulk import DEMO_DIR as APPEALS_DEMO_DIR
from odoo.addons.sce_appeals.tools.bulk_sql import BulkSql

from ..models.survey_user_input_score import INDICATORS
from .survey_answers import (
    ANSWER_SHARE,
    ANSWER_TERM,
    MIN_GAP,
    MRO_EFFECT,
    MSK,
    WINTER,
    _comments,
)

KINDS = ("appeal", "visit", "call", "yearly")
YEAR = timedelta(days=365)
# Share of the year's events the planner picks for an invitation (its daily quota), and
# of the customers given the yearly study: about 0.48 invitations a customer in all.
INVITE_SHARE = {"appeal": 0.19, "call": 0.026, "visit": 0.07}
YEARLY_SHARE = 0.17
# The demo's answer shares per channel, a little lower at the benchmark's scale: ~60 %.
ANSWER_FACTOR = 0.92
IN_PERSON_ANSWER_SHARE = 0.5
STARTED_SHARE = 0.08  # opened the link, answered a question or two, never finished
LATE_STATES = ("done_late",)


class SurveyBulkLoader(BulkSql):
    """Loads a year of survey invitations and answers.

    :param appeals: the ``BulkGenerator`` that loaded the appeals (its scale, moment and
        log are reused)
    """

    def __init__(self, env, appeals, seed=2030):
        self.env = appeals.env
        self.cr = env.cr
        self.scale = appeals.scale
        self.now = appeals.now
        self.log = appeals.log
        self.rng = random.Random(seed)
        self.answers = 0
        self.lines = 0
        self.answer_ids = range(0)

    def generate(self):
        self._reference()
        customers = self._customers()
        invitations = self._plan(customers, self._events(customers))
        self._load(customers, invitations)
        for table in (
            "survey_user_input",
            "survey_user_input_line",
            "survey_question_survey_user_input_rel",
        ):
            self.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
        self.env.invalidate_all()
        return self.answers, self.lines

    # ------------------------------------------------------------------ reference

    def _reference(self):
        env = self.env
        self.surveys = {}
        for kind in KINDS:
            survey = env.ref(f"sce_survey.survey_survey_sce_{kind}")
            questions = survey._prepare_user_input_predefined_questions()
            scored, unscored, text = [], [], None
            possible = 0.0
            for question in questions.sorted(lambda q: (q.sequence, q.id)):
                choices = question.suggested_answer_ids
                if question.question_type == "text_box":
                    text = text or question
                elif question.question_type == "simple_choice":
                    scores = choices.mapped("answer_score")
                    possible += max([s for s in scores if s > 0], default=0)
                    if any(scores):
                        by_score = {}
                        for choice in choices.sorted("id"):
                            by_score.setdefault(choice.answer_score, choice)
                        scored.append((question, by_score, max(scores)))
                    else:
                        unscored.append((question, choices.sorted("id")))
            self.surveys[kind] = {
                "survey": survey,
                "predefined": questions.ids,
                "scored": scored,
                "unscored": unscored,
                "text": text,
                "possible": possible,
                "success_min": survey.scoring_success_min,
            }
        self.phone_channel = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id
        self.center_channels = {
            tier: env.ref(f"sce_appeals.helpdesk_ticket_channel_{xmlid}").id
            for tier, xmlid in (
                ("mro", "mro_center"),
                ("territorial", "territorial_unit"),
                ("central", "central_office"),
            )
        }
        self.mro_effect = {}
        with open(APPEALS_DEMO_DIR / "sce.mro.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                mro = env["sce.mro"].search([("code", "=", row["code"])], limit=1)
                if mro:
                    self.mro_effect[mro.id] = MRO_EFFECT.get(row["id"].removeprefix("sce_mro_"), 0)
        self.comments = _comments()

    def _customers(self):
        """{id: (email, invite channel, home MRO, group, name)} of the customers the
        planner may ask: a contract, a consent (or a company) and a contact."""
        self.cr.execute(
            """SELECT p.id, p.email, p.sce_mobile_e164, p.sce_phone_e164, p.sce_home_mro_id,
                      p.sce_customer_group, p.name
                 FROM res_partner p
                WHERE p.sce_customer_group IS NOT NULL AND p.active
                  AND (p.is_company OR p.sce_consent_date IS NOT NULL)
                  AND EXISTS (SELECT 1 FROM sce_account a WHERE a.partner_id = p.id)
                ORDER BY p.id"""
        )
        customers = {}
        for pid, email, mobile, phone, mro, group, name in self.cr.fetchall():
            if email:
                channel = "email"
            elif (mobile or "").startswith("+79"):
                channel = "sms"
            elif phone or mobile:
                channel = "phone"
            else:
                continue
            customers[pid] = (email, channel, mro, group, name)
        return customers

    def _events(self, customers):
        """[(moment, sequence, kind, partner id or 0, record id or 0, context)] the
        planner would invite for, oldest first; context: (mro, channel, late) of the
        appeal, (center mro, channel) of the visit."""
        rng, cr = self.rng, self.cr
        start = self.now - YEAR
        events = []
        cr.execute(
            """SELECT id, partner_id, date_answered, mro_id, channel_id, deadline_state
                 FROM helpdesk_ticket
                WHERE date_answered >= %s AND date_answered < %s AND partner_id IS NOT NULL
                ORDER BY date_answered, id""",
            [start, self.now],
        )
        for tid, pid, answered, mro, channel, state in cr.fetchall():
            if pid in customers and rng.random() < INVITE_SHARE["appeal"]:
                moment = answered + timedelta(days=rng.randint(1, 3), minutes=rng.randint(0, 59))
                events.append((moment, "appeal", pid, tid, (mro, channel, state in LATE_STATES)))
        cr.execute(
            """SELECT id, partner_id, COALESCE(date_end, date_answer) FROM sce_call
                WHERE date_answer >= %s AND date_answer < %s AND partner_id IS NOT NULL
                  AND user_id IS NOT NULL AND state = 'ended'
                ORDER BY date_answer, id""",
            [start, self.now],
        )
        for cid, pid, ended in cr.fetchall():
            if pid in customers and rng.random() < INVITE_SHARE["call"]:
                events.append((ended + timedelta(minutes=5), "call", pid, cid, None))
        cr.execute(
            """SELECT t.id, t.partner_id, t.finished_at, c.mro_id, c.tier
                 FROM sce_queue_ticket t JOIN sce_service_center c ON c.id = t.center_id
                WHERE t.state = 'done' AND t.finished_at >= %s AND t.finished_at < %s
                ORDER BY t.finished_at, t.id""",
            [start, self.now],
        )
        for vid, pid, finished, mro, tier in cr.fetchall():
            if rng.random() < INVITE_SHARE["visit"]:
                context = (mro, self.center_channels.get(tier))
                if pid and pid not in customers:
                    pid = None
                events.append((finished + timedelta(minutes=1), "visit", pid or 0, vid, context))
        for pid in customers:
            if rng.random() < YEARLY_SHARE:
                moment = start + timedelta(days=rng.randint(10, 355), hours=rng.randint(6, 14))
                events.append((moment, "yearly", pid, 0, None))
        return [
            (moment, seq, kind, pid, rid, ctx)
            for seq, (moment, kind, pid, rid, ctx) in enumerate(events)
            if moment < self.now
        ]

    def _plan(self, customers, events):
        """The invitations in time order, each customer asked at most once in three
        months (FB-4), counting the invitations the database already holds; a yearly
        invitation too close to another waits for the term."""
        self.cr.execute(
            """SELECT partner_id, create_date FROM survey_user_input
                WHERE sce_kind IS NOT NULL AND sce_invite_channel IS NOT NULL
                  AND partner_id IS NOT NULL AND test_entry IS NOT TRUE"""
        )
        existing = {}
        for pid, moment in self.cr.fetchall():
            existing.setdefault(pid, []).append(moment)
        heapq.heapify(events)
        last, invitations = {}, []
        while events:
            event = heapq.heappop(events)
            moment, seq, kind, pid = event[:4]
            if pid:  # anonymous visitors answer in person, outside the planner
                close = [
                    other
                    for other in [last.get(pid), *existing.get(pid, ())]
                    if other and abs(moment - other) < MIN_GAP
                ]
                if close:
                    later = max(close) + MIN_GAP
                    if kind == "yearly" and later < self.now:
                        heapq.heappush(events, (later, seq, *event[2:]))
                    continue
                last[pid] = moment
            invitations.append(event)
        return invitations

    # ------------------------------------------------------------------ rows

    def _templates(self):
        """The ORM's rows of an answer set and of its line (rolled back)."""
        info = self.surveys["yearly"]
        question, by_score, _best = info["scored"][0]
        with self.cr.savepoint(flush=False) as savepoint:
            answer = self.env["survey.user_input"].create(
                {"survey_id": info["survey"].id, "sce_invite_channel": "email"}
            )
            line = self.env["survey.user_input.line"].create(
                {
                    "user_input_id": answer.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": next(iter(by_score.values())).id,
                }
            )
            self.env.flush_all()
            rows = []
            for record in (answer, line):
                self.cr.execute(
                    SQL("SELECT * FROM %s WHERE id = %s", SQL.identifier(record._table), record.id)
                )
                columns = [desc[0] for desc in self.cr.description]
                rows.append(dict(zip(columns, self.cr.fetchone(), strict=True)))
            savepoint.rollback()
        self.env.invalidate_all()
        return rows

    def _load(self, customers, invitations):
        rng = self.rng
        answer_template, line_template = self._templates()
        first_id = self._reserve_ids("survey_user_input", len(invitations))
        self.answer_ids = range(first_id, first_id + len(invitations))
        line_rows, predefined = [], []
        answered = 0

        def rows():
            nonlocal answered
            for offset, (moment, _seq, kind, pid, rid, ctx) in enumerate(invitations):
                answer_id = first_id + offset
                info = self.surveys[kind]
                if pid:
                    email, channel, home_mro, group, name = customers[pid]
                else:
                    email = name = group = home_mro = None
                    channel = "in_person"
                mro, sales_channel, late = home_mro, None, False
                if kind == "appeal":
                    mro, sales_channel, late = ctx[0] or home_mro, ctx[1], ctx[2]
                elif kind == "visit":
                    mro, sales_channel = ctx[0] or home_mro, ctx[1]
                elif kind == "call":
                    sales_channel = self.phone_channel
                row = {
                    "id": answer_id,
                    "survey_id": info["survey"].id,
                    "partner_id": pid or None,
                    "email": email,
                    "nickname": name,
                    "state": "new",
                    "access_token": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "invite_token": str(uuid.UUID(int=rng.getrandbits(128), version=4))
                    if pid
                    else None,
                    "deadline": moment + ANSWER_TERM if pid else None,
                    "sce_kind": kind,
                    "sce_ticket_id": rid if kind == "appeal" else None,
                    "sce_call_id": rid if kind == "call" else None,
                    "sce_queue_ticket_id": rid if kind == "visit" else None,
                    "sce_invite_channel": channel,
                    "sce_mro_id": mro,
                    "sce_channel_id": sales_channel,
                    "sce_customer_group": group,
                    "start_datetime": None,
                    "end_datetime": None,
                    "scoring_total": 0.0,
                    "scoring_percentage": 0.0,
                    "create_date": moment,
                    "write_date": moment,
                }
                for indicator in INDICATORS:
                    row[f"sce_{indicator}_score"] = 0.0
                    row[f"sce_{indicator}_best"] = 0.0
                predefined.extend((answer_id, qid) for qid in info["predefined"])
                share = (
                    IN_PERSON_ANSWER_SHARE
                    if channel == "in_person"
                    else ANSWER_SHARE[channel] * ANSWER_FACTOR
                )
                done = rng.random() < share
                if done or rng.random() < STARTED_SHARE:
                    self._answer(row, info, kind, mro, group, late, moment, done, line_rows)
                    answered += done
                row["scoring_success"] = row["scoring_percentage"] >= info["success_min"]
                yield row

        self.answers = self._copy("survey_user_input", answer_template, rows())
        first_line = self._reserve_ids("survey_user_input_line", len(line_rows))
        for offset, line in enumerate(line_rows):
            line["id"] = first_line + offset
        self.lines = self._copy("survey_user_input_line", line_template, line_rows)
        self._copy(
            "survey_question_survey_user_input_rel",
            {"survey_user_input_id": None, "survey_question_id": None},
            ({"survey_user_input_id": a, "survey_question_id": q} for a, q in predefined),
        )
        self.log(f"{'survey_user_input':<28} {self.answers:>10,} rows  ({answered:,} answered)")
        self.log(f"{'survey_user_input_line':<28} {self.lines:>10,} rows")

    def _answer(self, row, info, kind, mro, group, late, invited, done, line_rows):
        """The answer set's lines and what the ORM stores from them."""
        rng = self.rng
        delay = timedelta(
            hours=rng.choice([1, 2, 3, 5, 20, 26, 49, 75]), minutes=rng.randint(0, 59)
        )
        if row["sce_invite_channel"] == "in_person":
            delay = timedelta(minutes=rng.randint(1, 10))
        start = invited + delay
        if (start + MSK).hour < 8:
            start += timedelta(hours=9)
        start = min(start, self.now - timedelta(minutes=30))
        end = start + timedelta(minutes=rng.randint(2, 7))
        mood = 4.1 + self.mro_effect.get(mro, 0.0) + rng.gauss(0, 0.55)
        if (invited + MSK).month in WINTER:
            mood -= 0.3
        if group in ("3", "4"):
            mood -= 0.2  # businesses are the most demanding respondents
        if rng.random() < 0.12:
            mood -= 2.0  # a bad experience
        lines, scores = [], []
        totals = {}
        for question, by_score, best in info["scored"]:
            value = mood + rng.gauss(0, 0.6)
            if late:
                value -= 1.8 if question.sce_indicator == "executiveness" else 0.6
            score = max(1, min(5, round(value)))
            choice = by_score.get(score) or by_score[max(by_score)]
            scores.append(choice.answer_score)
            lines.append((question, choice, None))
            if question.sce_indicator:
                total = totals.setdefault(question.sce_indicator, [0.0, 0.0])
                total[0] += choice.answer_score
                total[1] += best
        for question, choices in info["unscored"]:
            if rng.random() < 0.9:
                lines.append((question, rng.choice(choices), None))
        lines.sort(key=lambda line: (line[0].sequence, line[0].id))
        channel = row["sce_invite_channel"]
        if done and info["text"] and channel != "phone" and scores:
            average = sum(scores) / len(scores)
            tone = "negative" if average < 3 else "positive" if average >= 4.5 else "neutral"
            if rng.random() < (0.8 if tone == "negative" else 0.4):
                comments = self.comments.get((kind, tone)) or self.comments[("yearly", tone)]
                lines.append((info["text"], None, rng.choice(comments)))
        if not done:
            lines = lines[:2]
            totals = {}
            for question, choice, _text in lines:
                if question.sce_indicator and choice:
                    best = max(choice.question_id.suggested_answer_ids.mapped("answer_score"))
                    total = totals.setdefault(question.sce_indicator, [0.0, 0.0])
                    total[0] += choice.answer_score
                    total[1] += best
        moment = end if done else start
        scoring_total = 0.0
        for question, choice, text in lines:
            line_rows.append(
                {
                    "user_input_id": row["id"],
                    "survey_id": row["survey_id"],
                    "question_id": question.id,
                    "question_sequence": question.sequence,
                    "skipped": False,
                    "answer_type": "suggestion" if choice else "text_box",
                    "suggested_answer_id": choice.id if choice else None,
                    "value_text_box": text,
                    "answer_score": choice.answer_score if choice else 0.0,
                    "answer_is_correct": bool(choice and choice.is_correct),
                    "create_date": moment,
                    "write_date": moment,
                }
            )
            scoring_total += choice.answer_score if choice else 0.0
        if info["possible"]:
            percentage = scoring_total / info["possible"] * 100
            row["scoring_total"] = scoring_total
            row["scoring_percentage"] = round(percentage, 2) if percentage > 0 else 0
        for indicator, (score, best) in totals.items():
            row[f"sce_{indicator}_score"] = score
            row[f"sce_{indicator}_best"] = best
        row.update(
            {
                "state": "done" if done else "in_progress",
                "start_datetime": start,
                "end_datetime": end if done else None,
                "write_date": moment,
            }
        )

    # ------------------------------------------------------------------ validation

    def validate(self):
        """[(check, offending rows)] of the loaded answers: every count should be 0."""
        indicator_checks = " OR ".join(
            f"ABS(ui.sce_{i}_score - COALESCE(t.{i}_score, 0)) > 1e-6 "
            f"OR ABS(ui.sce_{i}_best - COALESCE(t.{i}_best, 0)) > 1e-6"
            for i in INDICATORS
        )
        sums = ", ".join(
            f"SUM(l.answer_score) FILTER (WHERE q.sce_indicator = '{i}') AS {i}_score, "
            f"SUM((SELECT MAX(a.answer_score) FROM survey_question_answer a "
            f"WHERE a.question_id = q.id)) FILTER (WHERE q.sce_indicator = '{i}') AS {i}_best"
            for i in INDICATORS
        )
        checks = {
            "a customer asked twice within three months (FB-4)": """
                SELECT COUNT(*) FROM (
                    SELECT create_date - LAG(create_date) OVER (
                               PARTITION BY partner_id ORDER BY create_date) AS gap
                      FROM survey_user_input
                     WHERE sce_kind IS NOT NULL AND sce_invite_channel IS NOT NULL
                       AND partner_id IS NOT NULL AND test_entry IS NOT TRUE) s
                 WHERE gap < INTERVAL '92 days'""",
            "MRO, channel or group differing from the linked record": """
                SELECT COUNT(*) FROM survey_user_input ui
                  LEFT JOIN res_partner p ON p.id = ui.partner_id
                  LEFT JOIN helpdesk_ticket t ON t.id = ui.sce_ticket_id
                  LEFT JOIN sce_queue_ticket v ON v.id = ui.sce_queue_ticket_id
                  LEFT JOIN sce_service_center c ON c.id = v.center_id
                 WHERE ui.sce_kind IS NOT NULL AND (
                       ui.sce_customer_group IS DISTINCT FROM p.sce_customer_group
                    OR ui.sce_mro_id IS DISTINCT FROM COALESCE(
                           CASE WHEN t.id IS NOT NULL THEN t.mro_id
                                WHEN v.id IS NOT NULL THEN c.mro_id END, p.sce_home_mro_id)
                    OR (t.id IS NOT NULL AND ui.sce_channel_id IS DISTINCT FROM t.channel_id))""",
            "indicator scores differing from the answer lines": f"""
                SELECT COUNT(*) FROM survey_user_input ui
                  LEFT JOIN (SELECT l.user_input_id, {sums}
                               FROM survey_user_input_line l
                               JOIN survey_question q ON q.id = l.question_id
                              WHERE l.skipped IS NOT TRUE AND q.question_type = 'simple_choice'
                              GROUP BY l.user_input_id) t ON t.user_input_id = ui.id
                 WHERE ui.sce_kind IS NOT NULL AND ({indicator_checks})""",
            "total score differing from the answer lines": """
                SELECT COUNT(*) FROM survey_user_input ui
                 WHERE ui.sce_kind IS NOT NULL
                   AND ABS(ui.scoring_total - COALESCE((
                       SELECT SUM(l.answer_score) FROM survey_user_input_line l
                        WHERE l.user_input_id = ui.id), 0)) > 0.005""",
            "answered without an end, or an end without the answer": """
                SELECT COUNT(*) FROM survey_user_input
                 WHERE sce_kind IS NOT NULL
                   AND (state = 'done') != (end_datetime IS NOT NULL)""",
            "line score differing from its chosen answer": """
                SELECT COUNT(*) FROM survey_user_input_line l
                  JOIN survey_question_answer a ON a.id = l.suggested_answer_id
                 WHERE l.answer_score != a.answer_score""",
        }
        results = []
        for label, query in checks.items():
            self.cr.execute(query)
            results.append((label, self.cr.fetchone()[0]))
        return results

    def summary(self):
        self.cr.execute(
            """SELECT sce_kind, COUNT(*), COUNT(*) FILTER (WHERE state = 'done')
                 FROM survey_user_input WHERE sce_kind IS NOT NULL GROUP BY 1 ORDER BY 1"""
        )
        return self.cr.fetchall()
