from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

X = "sce_service_center."


@tagged("post_install", "-at_install")
class TestSiteAssessment(TransactionCase):
    """SC-2: G = P1 + P2 + P3 + P4 of the standard's Table 2; opening a territorial unit
    is advisable when G ≥ 1.1. P3 and P4 use the default scales of the readme:
    density ≥ 50 / 200 / 1000 people/km² → 0.1 / 0.2 / 0.3, population ≥ 5 / 10 / 50
    thousand → 0.1 / 0.2 / 0.3."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = new_test_user(
            cls.env,
            login="sce-head-office-planner",
            name="Плановик Клиентского Отдела",
            groups="sce_appeals.group_sce_head_office",
            context=DISABLED_MAIL_CONTEXT,
        )
        cls.cashier = new_test_user(
            cls.env,
            login="sce-site-cashier",
            groups="sce_service_center.group_sce_sc_cashier",
            context=DISABLED_MAIL_CONTEXT,
        )

    def _assess(self, name, settlement_type, status, density, population):
        return (
            self.env["sce.site.assessment"]
            .with_user(self.planner)
            .with_context(**DISABLED_MAIL_CONTEXT)
            .create(
                {
                    "name": name,
                    "settlement_type": settlement_type,
                    "settlement_status": status,
                    "density": density,
                    "population": population,
                }
            )
        )

    def _scores(self, assessment):
        return (
            assessment.p1,
            assessment.p2,
            assessment.p3,
            assessment.p4,
            assessment.g_score,
            assessment.opening_advisable,
        )

    def test_sc2_town_municipal_centre_is_advisable(self):
        """SC-2: Беслан, a town (P1 = 1) and the centre of the Pravoberezhny district
        (P2 = 0.6), 2,500 people/km² (P3 = 0.3), 37 thousand people (P4 = 0.2):
        G = 1 + 0.6 + 0.3 + 0.2 = 2.1 ≥ 1.1."""
        beslan = self._assess("Беслан", "city", "municipal_center", 2500, 37.0)
        self.assertEqual(self._scores(beslan), (1.0, 0.6, 0.3, 0.2, 2.1, True))

    def test_sc2_settlement_municipal_centre_exactly_at_the_threshold(self):
        """SC-2: a settlement (P1 = 0.5) that is a district centre (P2 = 0.6), 40 people/km²
        and 3 thousand people (P3 = P4 = 0): G = 1.1, and G ≥ 1.1 is advisable."""
        assessment = self._assess("пос. Тестовый", "settlement", "municipal_center", 40, 3)
        self.assertEqual(self._scores(assessment), (0.5, 0.6, 0.0, 0.0, 1.1, True))

    def test_sc2_village_is_not_advisable(self):
        """SC-2: a village (P1 = 0), no status (P2 = 0), 120 people/km² (P3 = 0.1), 6
        thousand people (P4 = 0.1): G = 0.2 < 1.1."""
        assessment = self._assess("с. Тестовое", "other", "other", 120, 6)
        self.assertEqual(self._scores(assessment), (0.0, 0.0, 0.1, 0.1, 0.2, False))

    def test_sc2_breakpoints_are_inclusive_and_just_below_is_not(self):
        """SC-2: a settlement (0.5) without status (0): 1000 people/km² (0.3) and 50
        thousand (0.3) give G = 1.1; 999 people/km² (0.2) gives G = 1.0."""
        at = self._assess("пос. А", "settlement", "other", 1000, 50)
        below = self._assess("пос. Б", "settlement", "other", 999, 50)
        self.assertEqual((at.g_score, at.opening_advisable), (1.1, True))
        self.assertEqual((below.g_score, below.opening_advisable), (1.0, False))

    def test_sc2_capital_of_the_subject(self):
        """SC-2: Владикавказ, a city (1) and the capital of the republic (1), 1,650
        people/km² (0.3), 295 thousand (0.3): G = 2.6."""
        assessment = self._assess("Владикавказ", "city", "subject_capital", 1650, 295)
        self.assertEqual(self._scores(assessment), (1.0, 1.0, 0.3, 0.3, 2.6, True))

    def test_sc2_p3_p4_scales_are_configurable(self):
        """SC-2: the client department changes a step of the P4 scale; a draft scores
        again with it: a settlement (0.5) without status, 10 people/km², 20 thousand:
        P4 0.2 → 0.6 makes G = 1.1."""
        assessment = self._assess("пос. В", "settlement", "other", 10, 20)
        self.assertEqual(assessment.g_score, 0.7)
        step = self.env.ref(X + "sce_site_breakpoint_p4_10").with_user(self.planner)
        step.score = 0.6
        assessment.action_recompute()
        self.assertEqual(self._scores(assessment), (0.5, 0.0, 0.0, 0.6, 1.1, True))
        with self.assertRaises(AccessError):
            step.with_user(self.cashier).score = 1.0

    def test_sc2_justification_and_the_general_directors_decision(self):
        """SC-2: the client department submits the justification (PDF) and records the
        general director's decision; the scored parameters are then frozen."""
        assessment = self._assess("Алагир", "city", "municipal_center", 1300, 20.5)
        with self.assertRaises(UserError):
            assessment.action_decide_open()
        assessment.write({"justification": "<p>Ближайший ЦОК в 25 км.</p>"})
        assessment.action_submit()
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.planner)
            ._render_qweb_html(X + "action_report_sce_site_assessment", assessment.ids)
        )
        html = html.decode()
        self.assertIn("Алагир", html)
        self.assertIn("2.10", html)
        self.assertIn("Ближайший ЦОК в 25 км.", html)
        assessment.write({"decision_note": "Открыть с 1 марта."})
        assessment.action_decide_open()
        self.assertEqual(
            (assessment.state, assessment.decision, assessment.decision_recorded_by_id),
            ("decided", "open", self.planner),
        )
        self.assertTrue(assessment.decision_date)
        with self.assertRaises(UserError):
            assessment.population = 40
        with self.assertRaises(AccessError):
            self.env["sce.site.assessment"].with_user(self.cashier).create(
                {"name": "x", "settlement_type": "city", "settlement_status": "other"}
            )
