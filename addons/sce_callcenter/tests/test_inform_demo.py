from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInformDemoData(TransactionCase):
    """The demo campaign and outage in Vladikavkaz (FB-6, CC-2), when installed with demo."""

    def test_fb6_demo_campaign_and_outage(self):
        outage = self.env.ref("sce_callcenter.sce_outage_demo_tp47", raise_if_not_found=False)
        if not self.env.ref("base.module_sce_callcenter").demo:
            self.assertFalse(outage, "Demo records in a database without demo data.")
            return
        self.assertEqual(outage.state, "announced")
        self.assertTrue(outage._sce_affected_accounts(), "the outage affects demo customers")
        self.assertEqual(len(outage.campaign_ids), 1)
        debt = self.env.ref("sce_callcenter.sce_inform_campaign_demo_debt")
        self.assertTrue(debt.recipient_ids)
        self.assertEqual(set(debt.recipient_ids.mapped("state")) - {"pending", "excluded"}, set())
