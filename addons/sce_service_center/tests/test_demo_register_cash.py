from odoo.tests import TransactionCase, tagged

X = "sce_service_center."


@tagged("post_install", "-at_install")
class TestRegisterCashDemoData(TransactionCase):
    """The demo register facts, siting assessments and yesterday's closed cash shift
    (SC-1..SC-5): it tests the demo database itself when installed with demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env.ref("base.module_sce_service_center").demo

    def test_sc1_demo_centers_compliance(self):
        if not self.demo:
            self.assertFalse(self.env.ref(X + "sce_site_assessment_beslan", False))
            return
        expected = {
            "central": set(),
            "alagir": set(),
            "beslan": set(),
            "mozdok": {"corridor_width"},
            "digora": {"transport_distance", "accessible"},
            "ardon": {"equipment_mfp"},
        }
        for key, failed in expected.items():
            center = self.env.ref(X + f"sce_service_center_{key}")
            self.assertEqual(
                set(center.check_ids.filtered(lambda c: not c.passed).mapped("code")),
                failed,
                key,
            )
            self.assertEqual(
                center.compliance_state, "non_compliant" if failed else "compliant", key
            )

    def test_sc2_demo_assessments(self):
        if not self.demo:
            return
        beslan = self.env.ref(X + "sce_site_assessment_beslan")
        self.assertEqual((beslan.g_score, beslan.opening_advisable), (2.1, True))
        self.assertEqual((beslan.state, beslan.decision), ("decided", "open"))
        village = self.env.ref(X + "sce_site_assessment_kizlyar")
        self.assertEqual((village.g_score, village.opening_advisable), (0.3, False))

    def test_sc5_demo_closed_shift(self):
        if not self.demo:
            return
        cashier = self.env.ref(X + "user_sc_cashier")
        shift = self.env["sce.cash.shift"].search([("cashier_id", "=", cashier.id)])
        self.assertEqual(len(shift), 1)
        self.assertEqual(shift.state, "closed")
        self.assertEqual(shift.payment_count, 7)
        # 5,000 + 1,840.25 + 3,120.00 + 512.75 + 1,400.00 − 512.75 reversed
        self.assertAlmostEqual(shift.closing_balance, 11360.25)
        self.assertEqual(shift.card_in, 965.40 + 2287.10)
        moves = self.env["sce.account.move"].search(
            [("reference", "in", shift.payment_ids.mapped("name"))]
        )
        self.assertEqual(len(moves), 7)
        self.assertEqual(moves, shift.payment_ids.account_move_id)
