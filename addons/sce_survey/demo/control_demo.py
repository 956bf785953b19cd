"""Generated demo of the internal control (CTRL-4, CTRL-5) and of a telephone group
survey (CC-7 items 23–24), over the demo register of sce_appeals and sce_callcenter:

- complainant audits of the last four months, one per MRO, drawn by recorded seeds
  through the audit's own draw; the drawn customers answered, a few were unreachable,
  three discrepancies opened control tasks (one done, one overdue, one fresh);
- quality check samples of the last five months for three MROs (appeals) and of this
  month for the head office (calls), scored per employee with a trend over the months;
- last month's information audit of the site and of each service center's stands, each
  with an item missing or outdated and its corrective task, and this month's audits
  opened as the cron opens them;
- a running telephone survey of the shipped questionnaire with a call list of demo
  customers in every state, the surveyed ones with their answers.

Everything goes through the models' own methods, as the role that does it (the MRO client
departments, the head office, the operators), then dates are moved into the past. Deterministic
for a given seed and day; run by demo/control_demo.xml (demo databases only).
"""

import logging
import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields

from ..models.sce_complaint_audit_line import AUDIT_ITEMS
from .survey_answers import MIN_GAP

_logger = logging.getLogger(__name__)

DEMO_SEED = 4242
DEMO_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
}
A = "sce_appeals."
X = "sce_survey."
MSK = timedelta(hours=3)  # Europe/Moscow, no daylight saving time
MRO_KEYS = ("vladikavkaz", "mozdok", "alagir", "digora", "beslan", "ardon")
AUDIT_MONTHS = 4
QUALITY_MONTHS = 5
QUALITY_MROS = ("vladikavkaz", "mozdok", "beslan")
QUALITY_SAMPLE = 6
# (months back, the audit item answered "no", what becomes of the task)
DISCREPANCIES = (
    (3, "measures_done", "done"),
    (2, "recorded_in_crm", "overdue"),
    (1, "measures_done", "open"),
)
CUSTOMER_WORDS = {
    "confirmed": (
        "Всё сделали, как обещали в ответе.",
        "Перерасчёт сделали, в квитанции уже верная сумма.",
        "Счётчик заменили, претензий нет.",
        "Да, приходили, проверили подключение, всё в порядке.",
        "Исправили, спасибо.",
    ),
    "measures_done": "Обещали выполнить перерасчёт за прошлый месяц, но в квитанции "
    "его нет до сих пор.",
    "recorded_in_crm": "Мастер приходил и заменил автомат, но в карточке обращения об "
    "этом ничего не сказано.",
}
TASK_RESOLUTION = {
    "complaint_audit": "Перерасчёт выполнен, исправленная квитанция направлена клиенту, "
    "мероприятие отражено в карточке обращения.",
    "info_audit": "Материал обновлён и размещён, фотография стенда приложена.",
}
# (xml id of the site item, status, note)
SITE_FINDINGS = (
    (
        "sce_info_audit_item_site_04",
        "missing",
        "В разделе «Договоры» нет формы договора энергоснабжения для юридических лиц.",
    ),
    (
        "sce_info_audit_item_site_09",
        "outdated",
        "Тарифы на второе полугодие не опубликованы, висит таблица первого полугодия.",
    ),
)
STAND_NOTES = (
    "Образцы заполнения заявлений сняты со стенда, не возвращены.",
    "На стенде устаревший график работы, без изменений на праздничные дни.",
    "Нет визиток сотрудников, принимающих клиентов.",
    "Тарифы на стенде прошлого полугодия.",
    "Отчёт о последнем исследовании удовлетворённости клиентов не размещён.",
    "Схема размещения рабочих мест не соответствует залу после ремонта.",
)
# The demo register's appeals were created by the system: who registered them at the
# front office, by channel, for the registration criteria of the quality checks.
REGISTRARS = {
    "phone": "user_sce_operator",
    "voicemail": "user_sce_operator",
    "sms": "user_sce_operator",
    "central_office": "user_sce_consultant",
    "mro_center": "user_sce_consultant",
    "territorial_unit": "user_sce_consultant",
}
DEFAULT_REGISTRAR = "user_sce_router"
PHONE_SURVEY_SIZE = 26
CUSTOMERS = [("sce_customer_group", "=", "1"), ("sce_account_ids", "!=", False)]
# The outcomes on the call list, in the order the customers were taken.
PHONE_OUTCOMES = (
    ["done"] * 9
    + ["refused"] * 2
    + ["no_answer"] * 3
    + ["callback"] * 2
    + ["wrong_number"]
    + ["in_progress"]
)
PHONE_COMMENTS = (
    "Чаще бывают отключения по вечерам, хотелось бы предупреждений по СМС.",
    "Квитанции приходят поздно, не всегда успеваю оплатить до 10-го числа.",
    "Операторы вежливые, всё объяснили.",
    "Хочу видеть показания и оплату в личном кабинете.",
)


class ControlDemoGenerator:
    def __init__(self, env, seed=DEMO_SEED):
        self.env = env(context=dict(env.context, **DEMO_CONTEXT))
        self.rng = random.Random(seed)
        self.seed = seed
        self.now = fields.Datetime.now().replace(microsecond=0)
        self.today = (self.now + MSK).date()
        self.this_month = self.today.replace(day=1)
        self.mros = {key: env.ref(f"{A}sce_mro_{key}") for key in MRO_KEYS}
        self.mro_users = {key: env.ref(f"{A}user_sce_mro_{key}") for key in MRO_KEYS}
        self.head_office = env.ref(f"{A}user_sce_head_office")

    def generate(self):
        result = {
            "complaint_audits": self._complaint_audits(),
            "quality_samples": self._quality_samples(),
            "info_audits": self._info_audits(),
            "phone_survey": self._phone_survey(),
            "indicators": self._indicators(),
            "plan_entries": self._plan_day(),
        }
        _logger.info(
            "sce_survey control demo: %s",
            ", ".join(f"{len(records)} {name}" for name, records in result.items()),
        )
        return result

    # ------------------------------------------------------------------ helpers

    def _as(self, user, model):
        """``model`` as ``user`` (who did it: create_uid, asked_by, checker) without
        access checks: the demo acts for each role."""
        return self.env[model].with_user(user).sudo()

    def _month(self, back):
        return self.this_month - relativedelta(months=back)

    def _moment(self, day, hour_from=9, hour_to=17):
        """A working-hours moment of ``day`` (Moscow), as a UTC datetime, before now."""
        while day.weekday() >= 5:
            day += timedelta(days=1)
        local = datetime.combine(day, time(self.rng.randint(hour_from, hour_to - 1)))
        moment = local + timedelta(minutes=self.rng.randint(0, 59)) - MSK
        return min(moment, self.now - timedelta(hours=1))

    def _backdate_tasks(self, tasks, assigned):
        """Move control tasks' assignment back to ``assigned`` and their terms with it."""
        tasks.write({"date_assigned": assigned})
        tasks._sce_compute_deadlines()

    def _close_task(self, task, days_after):
        task.action_done()
        done = min(task.date_assigned + timedelta(days=days_after), self.now)
        task.write({"date_done": done, "resolution": TASK_RESOLUTION[task.source]})
        task._sce_refresh_deadline_state()

    # ------------------------------------------------------------------ CTRL-5 audit

    def _complaint_audits(self):
        audits = self.env["sce.complaint.audit"]
        discrepancies = {back: (item, fate) for back, item, fate in DISCREPANCIES}
        for back in range(AUDIT_MONTHS, 0, -1):
            month = self._month(back)
            month_audits = audits.browse()
            for index, key in enumerate(MRO_KEYS):
                Audit = self._as(self.mro_users[key], "sce.complaint.audit")
                audit = Audit.create(
                    {
                        "mro_id": self.mros[key].id,
                        "date_from": month,
                        "date_to": month + relativedelta(months=1, days=-1),
                    }
                )
                audit._sce_draw(seed=self.seed * 1000 + back * 10 + index + 1)
                month_audits |= audit
            lines = month_audits.line_ids.sorted(lambda line: (line.audit_id.id, line.id))
            odd = discrepancies.get(back)
            for position, line in enumerate(lines):
                self._ask(line, back, odd if position == 0 else None, position)
            if back > 1:
                month_audits.action_done()
            audits |= month_audits.with_env(self.env)
        return audits

    def _ask(self, line, back, discrepancy, position):
        """The client department asks the drawn customer by phone."""
        user = self.mro_users[next(k for k, m in self.mros.items() if m == line.mro_id)]
        line = line.with_user(user).sudo()
        asked = self._moment(self._month(back - 1) + timedelta(days=1 + position % 6))
        if back == 1 and discrepancy:
            asked = self._moment(self.today - timedelta(days=3))  # a fresh finding
        if back == 1 and not discrepancy and position % 3 == 2:
            return  # this month's asking is not over: still to ask
        if not discrepancy and position % 4 == 3:
            line.action_unreachable()
            line.write({"date_asked": asked})
            return
        values = dict.fromkeys(AUDIT_ITEMS, "yes")
        if discrepancy:
            item, fate = discrepancy
            values[item] = "no"
            values["note"] = CUSTOMER_WORDS[item]
        else:
            words = CUSTOMER_WORDS["confirmed"]
            values["note"] = words[position % len(words)]
        line.write(dict(values, method="phone"))
        line.action_record_answers()
        line.write({"date_asked": asked})
        if discrepancy:
            tasks = line.task_ids
            self._backdate_tasks(tasks, asked)
            if fate == "done":
                for task in tasks:
                    self._close_task(task, 6)

    # ------------------------------------------------------------------ CTRL-5 quality

    def _quality_samples(self):
        samples = self.env["sce.quality.sample"]
        skill = {}
        for back in range(QUALITY_MONTHS, 0, -1):
            month = self._month(back)
            for index, key in enumerate(QUALITY_MROS):
                Sample = self._as(self.mro_users[key], "sce.quality.sample")
                sample = Sample.create(
                    {
                        "mro_id": self.mros[key].id,
                        "date_from": month,
                        "date_to": month + relativedelta(months=1, days=-1),
                        "appeal_size": QUALITY_SAMPLE,
                        "call_size": 0,
                    }
                )
                sample._sce_draw(seed=self.seed * 2000 + back * 10 + index + 1)
                # the latest month is still being checked: two checks are left to do
                todo = sample.check_ids[:-2] if back == 1 else sample.check_ids
                self._score(todo, month, skill, QUALITY_MONTHS - back)
                if back > 1:
                    sample.action_done()
                samples |= sample.with_env(self.env)
        # the head office checks this month's calls of the call center's operators
        sample = self._as(self.head_office, "sce.quality.sample").create(
            {
                "date_from": self.this_month,
                "date_to": self.this_month + relativedelta(months=1, days=-1),
                "appeal_size": 0,
                "call_size": 8,
            }
        )
        sample._sce_draw(seed=self.seed * 2000 + 1)
        self._score(sample.check_ids[:5], self.this_month, skill, QUALITY_MONTHS)
        return samples | sample.with_env(self.env)

    def _score(self, checks, month, skill, progress):
        """Judge each criterion: every employee has a skill of their own, and the
        checks' remarks make everybody a little better month after month."""
        rng = self.rng
        for check in checks:
            self._registrar(check)
            for line in check.line_ids:
                employee = line.employee_id.id
                if employee not in skill:
                    skill[employee] = rng.uniform(0.62, 0.9)
                chance = min(0.97, skill[employee] + 0.03 * progress)
                line.passed = rng.random() < chance
            failed = check.line_ids.filtered(lambda ln: not ln.passed)
            if failed:
                check.note = "Замечания: " + "; ".join(failed.criterion_id.mapped("name")) + "."
            check.action_done()
            day = min(month + relativedelta(months=1, days=rng.randint(1, 9)), self.today)
            if month == self.this_month:
                day = self.today - timedelta(days=rng.randint(0, 3))
            check.date_checked = self._moment(day)

    def _registrar(self, check):
        """The front-office employee who registered the appeal, for an appeal of the
        demo register created by the system."""
        lines = check.line_ids.filtered(
            lambda ln: ln.role == "registration" and ln.employee_id._is_superuser()
        )
        if lines:
            code = check.ticket_id.channel_id.sce_code
            lines.employee_id = self.env.ref(A + REGISTRARS.get(code, DEFAULT_REGISTRAR))

    # ------------------------------------------------------------------ CTRL-4

    def _info_audits(self):
        month = self._month(1)
        Audit = self._as(self.head_office, "sce.info.audit")
        site = Audit.create({"scope": "site", "date_from": month})
        notes = {self.env.ref(X + xmlid): (status, note) for xmlid, status, note in SITE_FINDINGS}
        self._judge(site, notes, self.head_office, month)
        audits = site.with_env(self.env)
        centers = self.env["sce.service.center"].search([("active", "=", True)], order="id")
        stand_items = self.env["sce.info.audit.item"].search([("scope", "=", "stand")])
        for index, center in enumerate(centers):
            key = next((k for k, m in self.mros.items() if m == center.mro_id), None)
            user = self.mro_users[key] if key else self.head_office
            audit = self._as(user, "sce.info.audit").create(
                {"scope": "stand", "center_id": center.id, "date_from": month}
            )
            item = stand_items[(index * 3 + 2) % len(stand_items)]
            status = "outdated" if index % 3 == 1 else "missing"
            self._judge(audit, {item: (status, STAND_NOTES[index % len(STAND_NOTES)])}, user, month)
            audits |= audit.with_env(self.env)
        # half the corrective tasks are put right already
        tasks = audits.line_ids.task_ids.sorted("id")
        for task in tasks[::2]:
            self._close_task(task, 3)
        # this month's audits are opened, as the cron opens them on the 1st
        opened = self._as(self.head_office, "sce.info.audit")._sce_month_audits(self.this_month)
        return audits | opened.with_env(self.env)

    def _judge(self, audit, findings, user, month):
        for line in audit.line_ids:
            status, note = findings.get(line.item_id, ("ok", False))
            line.write({"status": status, "note": note})
        audit.action_done()
        checked = self._moment(month + timedelta(days=self.rng.randint(2, 6)))
        audit.date_checked = checked
        self._backdate_tasks(audit.line_ids.task_ids, checked)

    # ------------------------------------------------------------------ CC-7 23–24

    def _phone_survey(self):
        survey = self.env.ref(X + "survey_survey_sce_phone_group")
        operators = self.env.ref(A + "user_sce_operator") | self.env.ref(A + "user_sce_consultant")
        organizer = self.mro_users["vladikavkaz"]
        phone_survey = self._as(organizer, "sce.survey.phone").create(
            {
                "name": "Качество электроснабжения и обслуживания: бытовые потребители",
                "survey_id": survey.id,
                "date_start": self.today - timedelta(days=9),
                "date_end": self.today + timedelta(days=14),
                "partner_domain": repr(CUSTOMERS),
                "operator_ids": [fields.Command.set(operators.ids)],
                "max_attempts": 3,
                "retry_minutes": 60,
            }
        )
        partners = self.env["res.partner"].search(CUSTOMERS, order="id", limit=PHONE_SURVEY_SIZE)
        # the energy manager of a business customer, added by hand with a number typed
        # wrong (contacts are not checked as customers are): listed as blocked
        company = self.env["res.partner"].search(
            [("sce_customer_group", "=", "3"), ("is_company", "=", True)], order="id", limit=1
        )
        no_phone = self.env["res.partner"].create(
            {
                "name": "Дзуцев Батраз Ахсарбекович",
                "parent_id": company.id,
                "type": "contact",
                "function": "Главный энергетик",
                "phone": "8-867-2",
            }
        )
        phone_survey._sce_add_customers(partners | no_phone)
        phone_survey.action_start()
        entries = phone_survey.entry_ids.filtered(lambda e: e.state == "to_call").sorted("id")
        questions = survey.question_ids.filtered(lambda q: not q.is_page)
        for position, (entry, outcome) in enumerate(zip(entries, PHONE_OUTCOMES, strict=False)):
            operator = operators[position % 2] if outcome != "in_progress" else operators[0]
            # the list has been worked on for a week, in the call center's hours
            days_ago = 1 + (len(PHONE_OUTCOMES) - position) // 3
            claimed = self._moment(self.today - timedelta(days=days_ago), 9, 19)
            if outcome == "in_progress":
                claimed = self.now - timedelta(minutes=2)
            vals = {
                "state": "in_progress",
                "user_id": operator.id,
                "date_claimed": claimed,
                "date_last_attempt": claimed,
                "attempt_count": 1,
            }
            entry.write(vals)
            entry._sce_ensure_answer()
            answer = entry.user_input_id
            if outcome == "done":
                self._phone_answers(answer, questions, claimed)
            elif outcome in ("refused", "wrong_number"):
                answer.unlink()
            elif outcome == "no_answer":
                attempts = 1 + position % 3
                entry.attempt_count = attempts
                entry.date_last_attempt = claimed + timedelta(hours=2 * (attempts - 1))
            elif outcome == "callback":
                entry.callback_at = datetime.combine(
                    self.today + timedelta(days=1 + position % 2), time(7 + position % 2 * 4)
                )
                entry.note = "Просил перезвонить после работы."
            if outcome != "in_progress":
                entry.state = outcome
            if answer.exists():
                # the answer set dates from the call, as the lists and reports show it
                self.env.cr.execute(
                    "UPDATE survey_user_input SET create_date = %s WHERE id = %s",
                    (claimed, answer.id),
                )
                answer.invalidate_recordset(["create_date"])
                self._make_room(answer, claimed)
        return phone_survey.with_env(self.env)

    def _make_room(self, answer, claimed):
        """FB-4: a customer is asked at most once in three months, the telephone surveys
        counting (the planner skips whoever they asked). The demo year of passive
        invitations was drawn before the call list: the invitations of this customer
        within three months of the call give way to it."""
        self.env["survey.user_input"].search(
            [
                ("partner_id", "=", answer.partner_id.id),
                ("id", "!=", answer.id),
                ("sce_invite_channel", "!=", False),
                ("create_date", ">", claimed - MIN_GAP),
                ("create_date", "<", claimed + MIN_GAP),
            ]
        ).unlink()

    def _phone_answers(self, answer, questions, claimed):
        rng = self.rng
        lines = []
        for question in questions:
            if question.question_type == "text_box":
                if rng.random() < 0.5:
                    lines.append(
                        {
                            "question_id": question.id,
                            "answer_type": "text_box",
                            "value_text_box": rng.choice(PHONE_COMMENTS),
                        }
                    )
                continue
            choices = question.suggested_answer_ids.sorted("sequence")
            if question.sce_indicator:
                weights = (4, 5, 2, 1, 0.5)  # mostly good, a few poor
            else:
                weights = (3, 2, 1)
            choice = rng.choices(choices, weights=weights[: len(choices)])[0]
            lines.append(
                {
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": choice.id,
                }
            )
        answer.write(
            {
                "state": "done",
                "start_datetime": claimed + timedelta(seconds=40),
                "end_datetime": claimed + timedelta(minutes=rng.randint(3, 6)),
                "user_input_line_ids": [fields.Command.create(line) for line in lines],
            }
        )

    # ------------------------------------------------------------------ GEN-8, FB-4

    def _indicators(self):
        """The monthly monitoring of the last year, as its cron computes it: the GEN-8
        indicators per MRO and month with their survey and audit inputs."""
        Indicator = self.env["sce.quality.indicator"]
        indicators = Indicator.browse()
        for back in range(12, 0, -1):
            month = self._month(back)
            indicators |= Indicator._sce_recompute(month, month + relativedelta(months=1, days=-1))
        return indicators

    def _plan_day(self):
        """Today's run of the shipped feedback planner as shipped (its settings are the
        organizer's to make): who is due, resting or blocked, and why."""
        plan = self.env.ref(X + "sce_survey_plan_main", raise_if_not_found=False)
        if not plan:
            return self.env["res.partner"]
        Entry = self.env["sce.survey.plan.entry"]
        Entry._sce_plan_day(plan)
        return Entry.search([("plan_id", "=", plan.id)])
