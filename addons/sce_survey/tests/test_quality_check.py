from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from odoo.addons.sce_appeals.tests.common import msk

from ..models.sce_complaint_audit import draw_sample
from .control_common import SceControlCase


@tagged("post_install", "-at_install")
class TestQualityCheck(SceControlCase):
    """CTRL-5: registration and processing quality checks of a monthly sample of appeals
    and calls, a weighted checklist, scores per operator and specialist, monthly trends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sce.quality.criterion"].search([]).active = False  # our own checklist
        Criterion = cls.env["sce.quality.criterion"]
        cls.c_registered = Criterion.create(
            {"name": "Зарегистрировано верно", "role": "registration", "weight": 2, "sequence": 1}
        )
        cls.c_classified = Criterion.create(
            {"name": "Классифицировано верно", "role": "registration", "weight": 1, "sequence": 2}
        )
        cls.c_answered = Criterion.create(
            {"name": "Ответ по ETI-3", "role": "processing", "weight": 3, "sequence": 3}
        )
        cls.c_call = Criterion.create(
            {"name": "Ответ до третьего гудка", "role": "call", "weight": 1, "sequence": 4}
        )
        customers = cls._customers(4, cls.mro_a, prefix="Проверка")
        # three appeals registered by the operator in October, one in September
        cls.october = cls._registered(customers[:3], msk(2026, 10, 12, 10, 0))
        cls.september = cls._registered(customers[3], msk(2026, 9, 14, 10, 0))

    @classmethod
    def _registered(cls, partners, received):
        appeals = cls.env["helpdesk.ticket"]
        for partner in partners:
            appeals |= cls._appeal(
                partner_id=partner.id,
                account_id=False,
                mro_id=cls.mro_a.id,
                appeal_kind="inquiry",
                category_id=cls.topic_billing.id,
                user_id=cls.specialist.id,
                date_received=received,
            )
        return appeals

    def _sample(self, month_start, month_end, size, sudo=False):
        samples = self.env["sce.quality.sample"]
        sample = (samples.sudo() if sudo else samples).create(
            {
                "mro_id": self.mro_a.id,
                "date_from": month_start,
                "date_to": month_end,
                "appeal_size": size,
            }
        )
        sample._sce_draw(seed=5)
        return sample

    @staticmethod
    def _judge(check, passed):
        for line in check.line_ids:
            line.passed = line.criterion_id in passed
        check.action_done()

    @users("sce-mro-a")
    def test_ctrl5_sample_is_reproducible_and_checklists_name_the_employees(self):
        sample = self._sample(date(2026, 10, 1), date(2026, 10, 31), 2)
        self.assertEqual(sample.seed, 5)
        self.assertEqual(sample.check_ids.ticket_id.ids, draw_sample(5, self.october.ids, 2))
        check = sample.check_ids[0]
        self.assertEqual(check.kind, "appeal")
        self.assertEqual(check.mro_id, self.mro_a)
        by_criterion = {line.criterion_id: line.employee_id for line in check.line_ids}
        self.assertEqual(
            by_criterion,
            {
                self.c_registered: self.operator,
                self.c_classified: self.operator,
                self.c_answered: self.specialist,
            },
            "registration judges who registered, processing the specialist; no call criterion",
        )

    @users("sce-mro-a")
    def test_ctrl5_scores_per_check_employee_and_month(self):
        october = self._sample(date(2026, 10, 1), date(2026, 10, 31), 2)
        first, second = october.check_ids
        self._judge(first, self.c_registered | self.c_answered)  # 2 + 3 of 6
        self._judge(second, self.c_registered | self.c_classified)  # 2 + 1 of 6
        self.assertEqual(first.score, round(500 / 6, 1), "stored with one decimal")
        self.assertAlmostEqual(second.score, 50.0)
        september = self._sample(date(2026, 9, 1), date(2026, 9, 30), 5)
        self._judge(september.check_ids, self.c_registered)  # 2 of 6
        Line = self.env["sce.quality.check.line"]
        scores = Line._sce_scores(
            [("mro_id", "=", self.mro_a.id)], ["date_from:month", "employee_id"]
        )
        self.assertEqual(
            {(month.month, user): round(score, 2) for (month, user), score in scores.items()},
            {
                (10, self.operator): round(100 * (2 + 0 + 2 + 1) / 6, 2),  # 83.33
                (10, self.specialist): 50.0,  # 3 of 6
                (9, self.operator): round(100 * 2 / 3, 2),
                (9, self.specialist): 0.0,
            },
        )
        # the pivot's and graph's figures: weighted, not the mean of the lines
        groups = Line.read_group(
            [("mro_id", "=", self.mro_a.id), ("state", "=", "done")],
            ["score"],
            ["date_from:month"],
        )
        trend = {group["date_from:month"]: round(group["score"], 2) for group in groups}
        self.assertEqual(len(trend), 2)
        self.assertIn(round(100 * 8 / 12, 2), trend.values(), "October: 8 of 12")
        self.assertIn(round(100 * 2 / 6, 2), trend.values(), "September: 2 of 6")

    @users("sce-head")
    def test_ctrl5_head_office_checks_call_handling(self):
        source = self.env["sce.cti.source"].sudo().create({"name": "АТС", "code": "svaudit-pbx"})
        calls = (
            self.env["sce.call"]
            .sudo()
            .create(
                [
                    {
                        "source_id": source.id,
                        "company_id": self.env.company.id,
                        "external_call_id": f"svaudit-{index}",
                        "user_id": self.cc_operator.id,
                        "date_start": msk(2020, 3, 10, 9, index),
                        "date_answer": msk(2020, 3, 10, 9, index),
                    }
                    for index in range(3)
                ]
            )
        )
        sample = self.env["sce.quality.sample"].create(
            {
                "date_from": date(2020, 3, 1),  # a month of no demo calls
                "date_to": date(2020, 3, 31),
                "appeal_size": 0,
                "call_size": 1,
            }
        )
        sample._sce_draw(seed=3)
        check = sample.check_ids
        self.assertEqual(check.call_id.id, draw_sample(3, calls.ids, 1)[0])
        self.assertEqual(check.kind, "call")
        self.assertEqual(check.line_ids.criterion_id, self.c_call)
        self.assertEqual(check.line_ids.employee_id, self.cc_operator)
        self._judge(check, self.c_call)
        self.assertEqual(check.score, 100.0)

    @users("sce-mro-b")
    def test_ctrl5_another_mros_checks_are_refused(self):
        sample = self._sample(date(2026, 10, 1), date(2026, 10, 31), 1, sudo=True)
        with self.assertRaises(AccessError):
            sample.check_ids.with_env(self.env).read(["score"])
        with self.assertRaises(AccessError):
            sample.with_env(self.env).read(["seed"])
        self.assertFalse(
            self.env["sce.quality.check.line"].search([("check_id", "in", sample.check_ids.ids)])
        )
