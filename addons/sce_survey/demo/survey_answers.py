"""Generated demo answers of the customer-service questionnaires (FB-5, CTRL-6): a year
of invitations and answers over the demo customers of sce_appeals, after their answered
appeals, their calls and service-center visits, and the yearly study for everyone else.

The invitations follow the rules of the passive feedback (FB-4): a customer is asked at
most once in three months, by e-mail, SMS or autodial (whichever contact they have),
and only with a personal-data consent (individuals) or as a legal entity. About two in
three answer; the scores depend on the MRO, the season, a late answer to the appeal and
a little chance, with comments from demo/vocabulary/survey_comments.csv. Deterministic
for a given seed and day; run by demo/survey_answers_demo.xml (demo databases only).
"""

import csv
import heapq
import logging
import random
from datetime import timedelta
from pathlib import Path

from odoo import fields

_logger = logging.getLogger(__name__)

DEMO_SEED = 2029
DEMO_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
X = "sce_survey."
KINDS = ("appeal", "visit", "call", "yearly")
MIN_GAP = timedelta(days=92)  # FB-4: at most once in three months
ANSWER_TERM = timedelta(days=14)
YEAR = timedelta(days=365)
# Share of the events the planner would pick for an invitation.
INVITE_SHARE = {"appeal": 0.9, "visit": 0.5, "call": 0.5}
# Share of the invited who answer, by invitation channel.
ANSWER_SHARE = {"email": 0.7, "sms": 0.6, "phone": 0.75}
# How an MRO's customers rate it against the average (xml id key of sce_appeals' MRO).
MRO_EFFECT = {
    "vladikavkaz": 0.0,
    "mozdok": -0.35,
    "alagir": 0.15,
    "digora": -0.55,
    "beslan": 0.25,
    "ardon": -0.15,
}
WINTER = {12, 1, 2}  # the billing season of the heating months: more waiting, more disputes
MSK = timedelta(hours=3)  # Europe/Moscow, no daylight saving time
COMMENTS = Path(__file__).resolve().parent / "vocabulary" / "survey_comments.csv"


def _comments():
    """{(kind, tone): [text, ...]} from the vocabulary."""
    table = {}
    with COMMENTS.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            table.setdefault((row["kind"], row["tone"]), []).append(row["text"])
    return table


class SurveyAnswerDemoGenerator:
    def __init__(self, env, seed=DEMO_SEED):
        self.env = env
        self.rng = random.Random(seed)
        self.now = fields.Datetime.now().replace(microsecond=0)
        self.surveys = {kind: env.ref(X + f"survey_survey_sce_{kind}") for kind in KINDS}
        self.comments = _comments()
        self.mro_effect = {}
        for key, effect in MRO_EFFECT.items():
            mro = env.ref(f"sce_appeals.sce_mro_{key}", raise_if_not_found=False)
            if mro:
                self.mro_effect[mro.id] = effect

    def generate(self):
        customers = self._eligible_customers()
        invitations = self._plan(customers)
        answers = self._create(invitations)
        _logger.info(
            "sce_survey demo: %d invitations, %d answered, over %d customers",
            len(answers),
            len(answers.filtered(lambda a: a.state == "done")),
            len(customers),
        )
        return answers

    # ------------------------------------------------------------------ who, when

    def _eligible_customers(self):
        """Customers of the demo register who may be asked: with a contract (a personal
        account), a consent or a company, and a contact for one of the channels."""
        partners = (
            self.env["res.partner"]
            .sudo()
            .search([("sce_customer_group", "!=", False), ("sce_account_ids", "!=", False)])
        )
        return partners.filtered(
            lambda p: (p.is_company or p.sce_consent_date) and self._invite_channel(p)
        )

    @staticmethod
    def _invite_channel(partner):
        if partner.email:
            return "email"
        if (partner.sce_mobile_e164 or "").startswith("+79"):
            return "sms"
        if partner.sce_phone_e164 or partner.sce_mobile_e164:
            return "phone"
        return False

    def _events(self, customers):
        """(time, sequence, kind, partner, record) of the interactions of the last year
        the planner would ask about, oldest first."""
        rng, start = self.rng, self.now - YEAR
        events = []
        tickets = self.env["helpdesk.ticket"].search(
            [("date_answered", ">=", start), ("partner_id", "in", customers.ids)],
            order="date_answered, id",
        )
        events += [
            (t.date_answered + timedelta(days=rng.randint(1, 3)), "appeal", t.partner_id, t)
            for t in tickets
        ]
        calls = self.env["sce.call"].search(
            [
                ("date_answer", ">=", start),
                ("partner_id", "in", customers.ids),
                ("state", "=", "ended"),
            ],
            order="date_answer, id",
        )
        events += [(c.date_end or c.date_answer, "call", c.partner_id, c) for c in calls]
        visits = self.env["sce.queue.ticket"].search(
            [
                ("state", "=", "done"),
                ("partner_id", "in", customers.ids),
                ("finished_at", ">=", start),
            ],
            order="finished_at, id",
        )
        events += [(v.finished_at, "visit", v.partner_id, v) for v in visits]
        picked = [e for e in events if rng.random() < INVITE_SHARE[e[1]]]
        # the yearly study asks everyone once, in a month of their own
        for partner in customers:
            day = start + timedelta(days=rng.randint(10, 355), hours=rng.randint(6, 14))
            picked.append((day, "yearly", partner, None))
        return [
            (when, seq, kind, partner, record)
            for seq, (when, kind, partner, record) in enumerate(picked)
            if when < self.now
        ]

    def _plan(self, customers):
        """The invitations: events in time order, each customer asked at most once in
        three months; a yearly invitation that falls too close to another waits."""
        queue = self._events(customers)
        heapq.heapify(queue)
        last, invitations, yearly_done = {}, [], set()
        while queue:
            when, seq, kind, partner, record = heapq.heappop(queue)
            if kind == "yearly" and partner.id in yearly_done:
                continue
            previous = last.get(partner.id)
            if previous and when - previous < MIN_GAP:
                if kind == "yearly" and previous + MIN_GAP < self.now:
                    heapq.heappush(queue, (previous + MIN_GAP, seq, kind, partner, record))
                continue
            last[partner.id] = when
            if kind == "yearly":
                yearly_done.add(partner.id)
            invitations.append((when, kind, partner, record))
        return invitations

    # ------------------------------------------------------------------ answers

    def _create(self, invitations):
        vals_list, dates = [], []
        for when, kind, partner, record in invitations:
            vals, invited = self._answer_values(when, kind, partner, record)
            vals_list.append(vals)
            dates.append(invited)
        answers = self.env["survey.user_input"].with_context(**DEMO_CONTEXT).create(vals_list)
        # the invitation date is the creation date of the answer set (reports, lists)
        for answer, invited in zip(answers, dates, strict=True):
            self.env.cr.execute(
                "UPDATE survey_user_input SET create_date = %s, write_date = %s WHERE id = %s",
                (invited, answer.end_datetime or invited, answer.id),
            )
        answers.invalidate_recordset(["create_date", "write_date"])
        return answers

    def _answer_values(self, invited, kind, partner, record):
        rng = self.rng
        channel = self._invite_channel(partner)
        survey = self.surveys[kind]
        vals = {
            "survey_id": survey.id,
            "partner_id": partner.id,
            "email": partner.email or False,
            "nickname": partner.name,
            "sce_invite_channel": channel,
            "deadline": invited + ANSWER_TERM,
            "invite_token": self.env["survey.user_input"]._generate_invite_token(),
            "sce_ticket_id": record.id if kind == "appeal" else False,
            "sce_call_id": record.id if kind == "call" else False,
            "sce_queue_ticket_id": record.id if kind == "visit" else False,
        }
        answers = rng.random() < ANSWER_SHARE[channel]
        started = rng.random() < 0.08
        if not (answers or started):
            return vals, invited  # never opened: the link expires (or is still open)
        # answered in the customer's daytime, within the term and before now
        delay = timedelta(
            hours=rng.choice([1, 2, 3, 5, 20, 26, 49, 75]), minutes=rng.randint(0, 59)
        )
        start = min(invited + delay, self.now - timedelta(minutes=30))
        if (start + MSK).hour < 8:
            start += timedelta(hours=9)
        start = min(start, self.now - timedelta(minutes=30))
        lines = self._lines(kind, survey, partner, record, invited, channel)
        vals["start_datetime"] = start
        if answers:
            vals.update(
                {
                    "state": "done",
                    "end_datetime": start + timedelta(minutes=rng.randint(2, 7)),
                    "user_input_line_ids": [(0, 0, line) for line in lines],
                }
            )
        else:
            vals.update(
                {
                    "state": "in_progress",
                    "user_input_line_ids": [(0, 0, line) for line in lines[:2]],
                }
            )
        return vals, invited

    def _mood(self, kind, partner, record, invited):
        """The customer's overall impression, on the five-point scale."""
        rng = self.rng
        mro = record.mro_id if kind == "appeal" else False
        if kind == "visit":
            mro = record.center_id.mro_id
        mro = mro or partner.sce_home_mro_id
        mood = 4.1 + self.mro_effect.get(mro.id, 0.0) + rng.gauss(0, 0.55)
        if (invited + MSK).month in WINTER:
            mood -= 0.3
        if partner.sce_customer_group in ("3", "4"):
            mood -= 0.2  # businesses are the most demanding respondents
        if rng.random() < 0.12:
            mood -= 2.0  # a bad experience
        return mood

    def _lines(self, kind, survey, partner, record, invited, channel):
        rng = self.rng
        mood = self._mood(kind, partner, record, invited)
        late = kind == "appeal" and record.deadline_state == "done_late"
        scores, lines = [], []
        for question in survey.question_ids.filtered(lambda q: not q.is_page):
            if question.question_type == "text_box":
                continue
            choices = question.suggested_answer_ids
            if not any(choices.mapped("answer_score")):
                # the unscored channel question of the yearly study
                if rng.random() < 0.9:
                    lines.append(self._choice(question, rng.choice(choices)))
                continue
            value = mood + rng.gauss(0, 0.6)
            if late and question.sce_indicator == "executiveness":
                value -= 1.8
            elif late:
                value -= 0.6
            score = max(1, min(5, round(value)))
            scores.append(score)
            answer = choices.filtered(lambda a, s=score: a.answer_score == s)[:1]
            lines.append(self._choice(question, answer))
        comment = self._comment(kind, scores, channel)
        text_question = survey.question_ids.filtered(lambda q: q.question_type == "text_box")
        if comment and text_question:
            lines.append(
                {
                    "question_id": text_question[0].id,
                    "answer_type": "text_box",
                    "value_text_box": comment,
                }
            )
        return lines

    @staticmethod
    def _choice(question, answer):
        return {
            "question_id": question.id,
            "answer_type": "suggestion",
            "suggested_answer_id": answer.id,
        }

    def _comment(self, kind, scores, channel):
        """A comment from about two in five of the respondents, more often from unhappy ones;
        none by autodial (keys only)."""
        rng = self.rng
        if channel == "phone" or not scores:
            return False
        average = sum(scores) / len(scores)
        tone = "negative" if average < 3 else "positive" if average >= 4.5 else "neutral"
        if rng.random() > (0.8 if tone == "negative" else 0.4):
            return False
        return rng.choice(self.comments.get((kind, tone)) or self.comments[("yearly", tone)])
