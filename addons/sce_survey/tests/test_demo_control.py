import re
from unittest.mock import patch

from lxml import etree

from odoo.tests import TransactionCase, tagged

from ..demo.control_demo import ControlDemoGenerator
from ..demo.survey_answers import SurveyAnswerDemoGenerator
from ..models.sce_complaint_audit import audit_sample_size, draw_sample
from ..models.sce_control_task_demo import DEMO_MARK as CONTROL_MARK
from ..models.survey_user_input_demo import DEMO_MARK as ANSWERS_MARK

CYRILLIC = re.compile("[а-яё]{3,}", re.IGNORECASE)


@tagged("post_install", "-at_install")
class TestControlDemoData(TransactionCase):
    """CTRL-4, CTRL-5, CC-7 items 23–24: the demo of the internal control and of the
    telephone surveys loads what demo/control_demo.py says — months of complainant audits
    replayable from their seeds with discrepancies turned into control tasks (one done,
    one overdue), quality checks of several employees over several months, the
    information audits of the site and of every service center with their corrective
    tasks, and a running telephone survey with customers in every state. It tests the
    demo database itself when installed with demo data; the shipped telephone-survey
    questionnaire is checked in every database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env.ref("base.module_sce_survey").demo

    def test_demo_is_generated_once_across_updates(self):
        """An update of the addon (``make run`` after a change) loads the demo files
        again: the generated demo (survey answers, FB-5; internal control, CTRL-5) is
        not generated a second time."""
        params = self.env["ir.config_parameter"].sudo()
        loaders = (
            (
                SurveyAnswerDemoGenerator,
                ANSWERS_MARK,
                "survey.user_input",
                "_sce_load_demo_answers",
            ),
            (ControlDemoGenerator, CONTROL_MARK, "sce.control.task", "_sce_load_demo_control"),
        )
        for generator, mark, model, loader in loaders:
            params.set_param(mark, False)
            empty = self.env["survey.user_input"] if model == "survey.user_input" else {}
            with patch.object(generator, "generate", return_value=empty) as generate:
                getattr(self.env[model], loader)()
                getattr(self.env[model], loader)()
            self.assertEqual(generate.call_count, 1, loader)
            self.assertTrue(params.get_param(mark))

    def test_cc7_telephone_survey_questionnaire_is_shipped_in_russian(self):
        survey = self.env.ref("sce_survey.survey_survey_sce_phone_group")
        self.assertEqual(survey.sce_kind, "phone_group")
        self.assertEqual(survey.access_mode, "token", "answers only through a personal set")
        self.assertEqual(survey.questions_layout, "one_page", "beside the call card")
        questions = survey.question_ids.filtered(lambda q: not q.is_page)
        self.assertTrue(3 <= len(questions) <= 6, "a few questions read out on the phone")
        self.assertIn("satisfaction", questions.mapped("sce_indicator"))
        ru = survey.with_context(lang="ru_RU")
        if self.env["res.lang"]._lang_get("ru_RU"):
            self.assertRegex(ru.title, CYRILLIC)
            for question in questions.with_context(lang="ru_RU"):
                self.assertRegex(question.title, CYRILLIC)

    def test_ctrl5_demo_complainant_audits_replay_and_open_tasks(self):
        audits = self.env["sce.complaint.audit"].search([])
        if not self.demo:
            return
        months = set(audits.mapped("date_from"))
        self.assertGreaterEqual(len(months), 4, "a few months of audits")
        self.assertEqual(len(audits.mro_id), 6, "every MRO")
        for audit in audits:
            candidates = audit._sce_candidates()
            self.assertEqual(audit.candidate_count, len(candidates), audit.name)
            self.assertEqual(audit.sample_size, audit_sample_size(len(candidates)), audit.name)
            self.assertEqual(
                sorted(audit.line_ids.partner_id.ids),
                draw_sample(audit.seed, candidates, audit.sample_size),
                f"{audit.name}: replayed from its seed",
            )
        lines = audits.line_ids
        states = set(lines.mapped("state"))
        self.assertTrue({"confirmed", "discrepancy", "to_ask", "unreachable"} <= states, states)
        discrepancies = lines.filtered(lambda line: line.state == "discrepancy")
        self.assertGreaterEqual(len(discrepancies), 2)
        self.assertTrue(all(CYRILLIC.search(line.note) for line in discrepancies))
        tasks = discrepancies.task_ids
        self.assertEqual(len(tasks), len(discrepancies), "a task per discrepancy")
        self.assertTrue(tasks.filtered(lambda t: t.state == "done" and t.resolution))
        overdue = tasks.filtered(lambda t: t.state == "open" and t.deadline_state == "overdue")
        self.assertTrue(overdue, "an overdue control task")
        self.assertTrue(all(task.team_id and task.user_id for task in tasks))

    def test_ctrl5_demo_quality_scores_trend_per_employee(self):
        lines = self.env["sce.quality.check.line"].search([("state", "=", "done")])
        if not self.demo:
            return
        scores = lines._sce_scores([], ["date_from:month", "employee_id"])
        months = {month for month, _employee in scores}
        employees = {employee for _month, employee in scores}
        self.assertGreaterEqual(len(months), 5, "a trend over the months")
        self.assertGreaterEqual(len(employees), 5, "operators and specialists")
        self.assertFalse(any(employee._is_superuser() for employee in employees))
        self.assertEqual(set(lines.mapped("role")), {"registration", "processing", "call"})
        values = set(scores.values())
        self.assertTrue(min(values) < 80 < max(values), "the scores differ")
        self.assertTrue(
            self.env["sce.quality.check"].search([("state", "=", "draft")]),
            "this month's checks are not all done",
        )

    def test_ctrl4_demo_information_audits_with_corrective_tasks(self):
        audits = self.env["sce.info.audit"].search([("state", "=", "done")])
        if not self.demo:
            return
        centers = self.env["sce.service.center"].search([])
        self.assertEqual(len(audits.filtered(lambda a: a.scope == "site")), 1)
        self.assertEqual(audits.center_id, centers, "one audit per service center")
        for audit in audits:
            self.assertTrue(audit.checker_id, audit.name)
            missing = audit.line_ids.filtered(lambda line: line.status != "ok")
            self.assertTrue(missing, f"{audit.name}: an item missing or outdated")
            self.assertEqual(len(missing.task_ids), len(missing), audit.name)
        tasks = audits.line_ids.task_ids
        self.assertTrue(tasks.filtered(lambda t: t.state == "done"))
        self.assertTrue(tasks.filtered(lambda t: t.state == "open"))
        opened = self.env["sce.info.audit"].search([("state", "=", "draft")])
        self.assertEqual(len(opened), len(centers) + 1, "this month's audits are opened")

    def test_cc7_demo_telephone_survey_in_every_state(self):
        phone_survey = self.env["sce.survey.phone"].search([("state", "=", "running")])
        if not self.demo:
            return
        self.assertEqual(len(phone_survey), 1)
        self.assertEqual(
            phone_survey.survey_id, self.env.ref("sce_survey.survey_survey_sce_phone_group")
        )
        entries = phone_survey.entry_ids
        self.assertEqual(
            set(entries.mapped("state")),
            {
                "to_call",
                "in_progress",
                "done",
                "refused",
                "no_answer",
                "callback",
                "wrong_number",
                "blocked",
            },
        )
        done = entries.filtered(lambda e: e.state == "done")
        self.assertTrue(all(e.user_input_id.state == "done" for e in done))
        self.assertTrue(all(e.user_input_id.user_input_line_ids for e in done))
        self.assertTrue(all(e.user_input_id.partner_id == e.partner_id for e in done))
        self.assertEqual(set(done.user_input_id.mapped("sce_invite_channel")), {"operator"})
        operator = self.env.ref("sce_appeals.user_sce_operator")
        calling = entries.filtered(lambda e: e.state == "in_progress")
        self.assertEqual(calling.user_id, operator, "the operator's screen has a customer")
        self.assertTrue(calling.with_user(operator).answer_url)
        self.assertLessEqual(
            phone_survey.operator_ids, operator | self.env.ref("sce_appeals.user_sce_consultant")
        )

    def test_gen8_fb4_demo_indicators_and_the_planners_day(self):
        """GEN-8: a year of monthly indicators per MRO with their survey inputs for the
        managers' trend; FB-4: today's run of the shipped planner lists the customers,
        the blocked ones with their reason."""
        indicators = self.env["sce.quality.indicator"].search([])
        if not self.demo:
            return
        self.assertGreaterEqual(len(set(indicators.mapped("date_from"))), 11)
        self.assertTrue(indicators.filtered("survey_answer_count"), "survey inputs")
        self.assertTrue(indicators.filtered("audit_asked_count"), "audit inputs")
        entries = self.env["sce.survey.plan.entry"].search([])
        self.assertTrue(entries)
        blocked = entries.filtered(lambda e: e.state == "blocked")
        self.assertTrue(all(blocked.mapped("block_reason")))

    def test_gen8_trend_lines_are_shares_not_stacked(self):
        """GEN-8: the managers' trend draws each MRO's share as its own line; stacked
        lines (Odoo's default) would add the MROs' shares up past 100 %."""
        arch = self.env.ref("sce_survey.sce_quality_indicator_view_graph_sce_survey").arch
        graph = etree.fromstring(arch)
        self.assertEqual(graph.get("type"), "line")
        self.assertEqual(graph.get("stacked"), "0")
