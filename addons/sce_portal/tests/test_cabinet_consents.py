from odoo.tests import tagged

from .common import SceCabinetCase


@tagged("post_install", "-at_install")
class TestCabinetConsents(SceCabinetCase):
    """FB-3 (answer channel), FB-6 (auto-informing per channel), GEN-7 (personal data
    consent): chosen by the customer in the cabinet, each change kept in the history."""

    def _save(self, **choices):
        return self._post_form("/my/consents", choices)

    def test_fb3_fb6_gen7_choices_are_saved_with_history(self):
        self._login(self.portal_a)
        page = self._save(answer_channel="email", inform_sms="1", personal_data="1")
        self.assertEqual(page.status_code, 200)
        partner = self.portal_a.partner_id.sudo()
        self.assertEqual(partner.sce_preferred_answer_channel, "email")
        self.assertTrue(partner.sce_inform_sms)
        self.assertFalse(partner.sce_inform_email)
        self.assertTrue(partner.sce_consent_date)
        logs = partner.sce_consent_log_ids
        self.assertEqual(
            sorted(logs.mapped("kind")), ["answer_channel", "inform_sms", "personal_data"]
        )
        self.assertEqual(set(logs.mapped("user_id")), {self.portal_a})
        self.assertEqual(set(logs.mapped("source")), {"cabinet"})
        # Withdrawing the SMS consent adds one row, unchanged choices add none.
        page = self._save(answer_channel="email", personal_data="1")
        self.assertEqual(len(partner.sce_consent_log_ids), 4)
        latest = partner.sce_consent_log_ids[0]
        self.assertEqual(
            (latest.kind, latest.old_value, latest.new_value), ("inform_sms", "yes", "no")
        )
        self.assertEqual(page.text.count("o_sce_consent_log"), 4)

    def test_fb3_answer_channel_drives_the_appeals_answer_channel(self):
        self._login(self.portal_a)
        self._save(answer_channel="sms")
        appeal = self.env["helpdesk.ticket"].create(
            {
                "name": "Вопрос",
                "description": "<p>Текст</p>",
                "channel_id": self.channel_web.id,
                "appeal_kind": "inquiry",
                "category_id": self.topic.id,
                "partner_id": self.portal_a.partner_id.id,
            }
        )
        self.assertEqual(appeal.answer_channel, "sms")

    def test_gen7_unknown_channel_is_ignored_and_history_is_private(self):
        self._login(self.portal_a)
        self._save(answer_channel="carrier_pigeon", inform_email="1")
        partner = self.portal_a.partner_id.sudo()
        self.assertFalse(partner.sce_preferred_answer_channel)
        self.assertEqual(partner.sce_consent_log_ids.kind, "inform_email")
        self._login(self.portal_b)
        page = self._get("/my/consents").text
        self.assertNotIn("o_sce_consent_log", page)
        logs = self.env["sce.consent.log"].with_user(self.portal_b).search([])
        self.assertFalse(logs)
