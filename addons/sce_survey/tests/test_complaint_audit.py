from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users, warmup

from odoo.addons.sce_appeals.tests.common import NO_MAIL_NOISE, msk

from ..models.sce_complaint_audit import audit_sample_size, draw_sample
from .control_common import SceControlCase


@tagged("post_install", "-at_install")
class TestComplaintAudit(SceControlCase):
    """CTRL-5: the monthly 1 % complainant audit, drawn reproducibly, asked by phone or
    e-mail; each discrepancy is a control task of the department concerned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complainants = cls._customers(101, cls.mro_a)
        october = msk(2026, 10, 15, 12, 0)
        cls.complaints = cls._answered_appeals(cls.complainants, cls.mro_a, october)
        # not candidates: another MRO, an inquiry, a complaint answered in September
        others = cls._customers(3, cls.mro_b, prefix="Другой")
        cls._answered_appeals(others[0], cls.mro_b, october)
        cls._answered_appeals(others[1], cls.mro_a, october, kind="inquiry")
        cls._answered_appeals(others[2], cls.mro_a, msk(2026, 9, 30, 12, 0))
        cls.audit_survey = cls._audit_questionnaire()

    @classmethod
    def _audit_questionnaire(cls, items=("measures_done", "recorded_in_crm")):
        survey = (
            cls.env["survey.survey"]
            .with_context(**NO_MAIL_NOISE)
            .create(
                {"title": "Опрос заявителей жалоб", "sce_kind": "audit", "access_mode": "token"}
            )
        )
        for sequence, item in enumerate(items, 1):
            cls.env["survey.question"].create(
                {
                    "survey_id": survey.id,
                    "sequence": sequence,
                    "title": f"Вопрос {item}",
                    "question_type": "simple_choice",
                    "sce_audit_item": item,
                    "suggested_answer_ids": [
                        (0, 0, {"value": "Да", "answer_score": 1}),
                        (0, 0, {"value": "Нет", "answer_score": 0}),
                    ],
                }
            )
        cls.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "sequence": 9,
                "title": "Комментарий",
                "question_type": "text_box",
            }
        )
        return survey

    def _new_audit(self, mro=None, sudo=False):
        audits = self.env["sce.complaint.audit"]
        return (audits.sudo() if sudo else audits).create(
            {
                "mro_id": (mro or self.mro_a).id,
                "date_from": date(2026, 10, 1),
                "date_to": date(2026, 10, 31),
            }
        )

    def test_ctrl5_sample_size_is_the_ceiling_of_one_percent(self):
        self.assertEqual(
            [audit_sample_size(n) for n in (0, 1, 99, 100, 101, 200, 201, 250000)],
            [0, 1, 1, 1, 2, 2, 3, 2500],
        )

    def test_ctrl5_draw_is_a_pure_function_of_seed_and_sorted_candidates(self):
        """CTRL-5: the same seed over the same complainants, in any order, draws the same."""
        ids = list(range(1000, 1101))
        drawn = draw_sample(4242, ids, 2)
        self.assertEqual(drawn, draw_sample(4242, list(reversed(ids)), 2))
        self.assertEqual(len(drawn), 2)
        self.assertNotEqual(drawn, draw_sample(4243, ids, 2))

    @users("sce-mro-a")
    def test_ctrl5_draws_exactly_ceil_one_percent_reproducibly(self):
        audit = self._new_audit()
        audit.action_draw()
        self.assertEqual(audit.candidate_count, 101, "only this MRO's complaints of October")
        self.assertEqual(audit.sample_size, 2)
        self.assertEqual(len(audit.line_ids), 2)
        self.assertTrue(audit.seed)
        drawn = audit.line_ids.partner_id
        self.assertLessEqual(drawn, self.complainants.with_env(self.env))
        self.assertEqual(drawn.ids, draw_sample(audit.seed, self.complainants.ids, 2))
        for line in audit.line_ids:
            self.assertEqual(line.ticket_id.partner_id, line.partner_id)
        audit.action_draw()  # replayed from the recorded seed
        self.assertEqual(audit.line_ids.partner_id, drawn)

    @users("sce-mro-a")
    @warmup
    def test_ctrl5_draw_query_budget(self):
        """CTRL-5: the draw reads the month's complainants in one grouped query, however
        many there are, and writes the drawn ones in one go."""
        audit = self._new_audit()
        audit.flush_recordset()
        with self.assertQueryCount(7):
            audit._sce_draw(seed=7)
            audit.flush_recordset()
        self.assertEqual(audit.sample_size, 2)

    @users("sce-mro-a")
    def test_ctrl5_phone_discrepancy_opens_a_task_for_the_profile_department(self):
        audit = self._new_audit()
        with freeze_time("2026-10-05 07:00:00"):  # Monday, 10:00 in Moscow
            audit._sce_draw(seed=7)
            confirmed, missed = audit.line_ids
            confirmed.write({"measures_done": "yes", "recorded_in_crm": "yes"})
            confirmed.action_record_answers()
            missed.write(
                {"measures_done": "no", "recorded_in_crm": "yes", "note": "Перерасчёта нет"}
            )
            missed.action_record_answers()
        self.assertEqual(confirmed.state, "confirmed")
        self.assertFalse(confirmed.task_ids)
        self.assertEqual(missed.state, "discrepancy")
        self.assertEqual(missed.method, "phone")
        task = missed.task_ids
        self.assertEqual(len(task), 1, "one discrepancy, one task")
        self.assertEqual(task.source, "complaint_audit")
        self.assertEqual(task.team_id, self.team_billing, "the topic's department, not the router")
        self.assertEqual(task.user_id, self.specialist, "the department's head")
        self.assertEqual(task.mro_id, self.mro_a)
        self.assertEqual(task.ticket_id, missed.ticket_id)
        # 10 working days from Monday 5 October 2026: Monday 19 October, 23:59:59 Moscow
        self.assertEqual(task.term_days, 10)
        self.assertEqual(task.deadline, msk(2026, 10, 19, 23, 59, 59))
        self.assertEqual(task.deadline_state, "on_track")
        self.assertEqual(audit.discrepancy_count, 1)
        self.assertEqual(audit.task_count, 1)
        with self.assertRaises(UserError):
            missed.action_record_answers()

    @users("sce-mro-a")
    def test_ctrl5_two_discrepancies_two_tasks_tracked_to_closure(self):
        audit = self._new_audit()
        with freeze_time("2026-10-05 07:00:00"):
            audit._sce_draw(seed=7)
            line = audit.line_ids[0]
            line.write({"measures_done": "no", "recorded_in_crm": "no"})
            line.action_record_answers()
        tasks = line.task_ids
        self.assertEqual(len(tasks), 2)
        with freeze_time("2026-10-20 07:00:00"):
            self.env["sce.control.task"].sudo()._cron_sce_deadlines()
            overdue = self.env["sce.control.task"].search([("deadline_state", "=", "overdue")])
            self.assertEqual(overdue, tasks, "the organizer sees the overdue tasks")
            tasks[0].with_user(self.specialist).action_done()
        self.assertEqual(tasks[0].state, "done")
        self.assertEqual(tasks[0].deadline_state, "done_late")
        self.assertEqual(tasks[1].deadline_state, "overdue")

    @users("sce-mro-a")
    def test_ctrl5_email_survey_answers_fill_the_line(self):
        audit = self._new_audit()
        audit._sce_draw(seed=11)
        yes_line, no_line = audit.line_ids
        (yes_line | no_line).action_send_survey()
        self.assertEqual(yes_line.state, "sent")
        answer = yes_line.user_input_id
        self.assertEqual(answer.sce_ticket_id, yes_line.ticket_id)
        self.assertEqual(answer.partner_id, yes_line.partner_id)
        self.assertEqual(answer.sce_invite_channel, "email")
        # the customers answer through their token links (the survey controller's sudo)
        self._answer(yes_line.user_input_id, {"measures_done": True, "recorded_in_crm": True})
        self._answer(no_line.user_input_id, {"measures_done": True, "recorded_in_crm": False})
        self.assertEqual(yes_line.state, "confirmed")
        self.assertEqual(no_line.state, "discrepancy")
        self.assertEqual(no_line.recorded_in_crm, "no")
        self.assertEqual(no_line.task_ids.name, "The measures are not recorded in the CRM")

    def _answer(self, user_input, choices, comment=None):
        """The customer's answers through the token link: ``choices`` maps the audit
        items asked to True (an answer scoring above zero) or False."""
        user_input = user_input.sudo()
        for question in user_input.survey_id.question_ids:
            if question.sce_audit_item:
                choice = question.suggested_answer_ids.filtered(
                    lambda a, q=question: (a.answer_score > 0) == choices[q.sce_audit_item]
                )
                user_input._save_lines(question, choice.id)
            elif question.question_type == "text_box" and comment:
                user_input._save_lines(question, comment)
        user_input._mark_done()
        self.env.invalidate_all()

    @users("sce-mro-a")
    def test_ctrl5_email_survey_without_the_crm_question_is_completed_by_the_organizer(self):
        survey = self._audit_questionnaire(items=("measures_done",))
        audit = self._new_audit()
        audit._sce_draw(seed=11)
        line = audit.line_ids[0]
        line.action_send_survey()
        self.assertEqual(line.user_input_id.survey_id, survey, "the newest audit questionnaire")
        self._answer(line.user_input_id, {"measures_done": True}, comment="Счётчик заменили")
        self.assertEqual(line.state, "sent", "the CRM is for the organizer to check")
        self.assertEqual((line.measures_done, line.note), ("yes", "Счётчик заменили"))
        line.recorded_in_crm = "no"
        line.action_record_answers()
        self.assertEqual((line.state, line.method), ("discrepancy", "email"))
        self.assertEqual(line.task_ids.name, "The measures are not recorded in the CRM")

    def test_ctrl5_gen8_audit_share_per_mro(self):
        """GEN-8, CTRL-5: the share of confirmed measures among the complainants asked."""
        audit = self._new_audit().with_user(self.mro_user)
        audit._sce_draw(seed=7)
        confirmed, missed = audit.line_ids
        confirmed.write({"measures_done": "yes", "recorded_in_crm": "yes"})
        missed.write({"measures_done": "yes", "recorded_in_crm": "no"})
        (confirmed | missed).action_record_answers()
        indicators = (
            self.env["sce.quality.indicator"]
            .with_user(self.manager)
            ._sce_recompute(date(2026, 10, 1), date(2026, 10, 31))
        )
        row = indicators.filtered(lambda i: i.mro_id == self.mro_a)
        self.assertEqual((row.audit_asked_count, row.audit_confirmed_count), (2, 1))
        self.assertAlmostEqual(row.audit_confirmed_share, 0.5)
        row_b = indicators.filtered(lambda i: i.mro_id == self.mro_b)
        self.assertEqual((row_b.audit_asked_count, row_b.audit_confirmed_share), (0, 0.0))

    @users("sce-mro-b")
    def test_ctrl5_another_mros_audit_is_refused(self):
        audit = self._new_audit(sudo=True)
        audit._sce_draw(seed=7)
        with self.assertRaises(AccessError):
            audit.with_env(self.env).read(["seed"])
        with self.assertRaises(AccessError):
            audit.line_ids[:1].with_env(self.env).read(["partner_id"])
        self.assertFalse(self.env["sce.complaint.audit"].search([]))
        with self.assertRaises(AccessError):
            self.env["sce.complaint.audit"].create(
                {
                    "mro_id": self.mro_a.id,
                    "date_from": date(2026, 9, 1),
                    "date_to": date(2026, 9, 30),
                }
            )

    @users("sce-head")
    def test_ctrl5_head_office_sees_every_mro_and_the_cron_draws_each(self):
        with freeze_time("2026-11-02 09:00:00"):
            audits = self.env["sce.complaint.audit"].sudo()._cron_sce_draw_previous_month()
        mine = audits.filtered(lambda a: a.mro_id in (self.mro_a | self.mro_b))
        self.assertEqual(mine.mapped("sample_size"), [2, 1])
        self.assertEqual(self.env["sce.complaint.audit"].search([("id", "in", mine.ids)]), mine)
