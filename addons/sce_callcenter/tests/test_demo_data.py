import io
import wave

from odoo.tests import TransactionCase, tagged

from ..demo.recordings import demo_wav

DISPOSITIONS = {"answered", "missed", "abandoned", "closed_ivr"}


@tagged("post_install", "-at_install")
class TestCallCenterDemoData(TransactionCase):
    """The demo month of calls (CC-3, CC-6, CC-7) made by the CTI ingestion: it tests the
    demo database itself, so it reads demo data when the module was installed with it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env.ref("base.module_sce_callcenter").demo
        cls.source = cls.env.ref("sce_callcenter.sce_cti_source_demo", raise_if_not_found=False)
        cls.calls = cls.env["sce.call"].search([("source_id", "=", cls.source.id or 0)])

    def test_cc3_demo_pbx_and_operators(self):
        if not self.demo:
            self.assertFalse(self.source, "Demo records in a database without demo data.")
            return
        self.assertEqual(self.source.code, "demo_pbx")
        self.assertEqual(self.source.name, "Облачная АТС (демо)")
        operator = self.env.ref("sce_appeals.user_sce_operator")
        consultant = self.env.ref("sce_appeals.user_sce_consultant")
        self.assertTrue(operator.has_group("sce_callcenter.group_sce_cc_operator_line1"))
        self.assertTrue(consultant.has_group("sce_callcenter.group_sce_cc_operator_line2"))
        self.assertTrue(operator.sce_extension and consultant.sce_extension)

    def test_fb6_demo_campaigns_speak_russian(self):
        """Russian everywhere: every demo campaign's name and text are Russian, the
        outage's one too (its text comes from code while the demo loads in English)."""
        if not self.demo:
            return
        outage = self.env.ref("sce_callcenter.sce_outage_demo_tp47")
        campaigns = self.env.ref("sce_callcenter.sce_inform_campaign_demo_debt") | self.env[
            "sce.inform.campaign"
        ].search([("outage_id", "=", outage.id)])
        self.assertEqual(len(campaigns), 2)
        for campaign in campaigns:
            for text in (campaign.name, campaign.template):
                self.assertRegex(text, "[а-яА-Я]", f"{campaign.name}: {text}")
                self.assertNotRegex(text, r"\b(Outage|there will be|power)\b")

    def test_cc3_cc6_demo_calls_ended_with_dispositions(self):
        if not self.demo:
            self.assertFalse(self.calls)
            return
        self.assertTrue(250 <= len(self.calls) <= 350, len(self.calls))
        self.assertEqual(set(self.calls.mapped("state")), {"ended"})
        self.assertEqual(set(self.calls.mapped("disposition")), DISPOSITIONS)
        self.assertEqual(set(self.calls.mapped("direction")), {"inbound", "outbound"})
        operators = self.env.ref("sce_appeals.user_sce_operator") | self.env.ref(
            "sce_appeals.user_sce_consultant"
        )
        for call in self.calls:
            # replayed from its events: one event per sequence number, none lost
            self.assertEqual(len(call.event_ids), call.last_sequence, call.external_call_id)
            if call.disposition in ("answered", "missed"):
                self.assertIn(call.user_id, operators, call.external_call_id)
                self.assertTrue(call.wait_duration >= 0)
            if call.disposition == "answered":
                self.assertGreater(call.talk_duration, 0, call.external_call_id)
            else:
                self.assertEqual(call.talk_duration, 0, call.external_call_id)
        # the month ends before today: no call of the demo is still ringing somewhere
        self.assertEqual(len(set(self.calls.mapped("external_call_id"))), len(self.calls))

    def test_cc3_demo_callers_matched_to_customers(self):
        if not self.demo:
            self.assertFalse(self.calls)
            return
        matched = self.calls.filtered("partner_id")
        self.assertGreater(len(matched), len(self.calls) / 2, "Callers are mostly customers.")
        self.assertTrue(self.calls.filtered(lambda c: not c.matched_partner_ids), "Unknown numbers")
        for call in matched:
            partner = call.partner_id
            self.assertTrue(partner.sce_customer_group, call.external_call_id)
            self.assertIn(call.customer_phone, (partner.sce_phone_e164, partner.sce_mobile_e164))
            self.assertIn(partner, call.matched_partner_ids)

    def test_cc7_demo_appeals_registered_from_calls(self):
        appeals = self.env["helpdesk.ticket"].search([("sce_call_id", "in", self.calls.ids)])
        if not self.demo:
            self.assertFalse(appeals)
            return
        self.assertTrue(5 <= len(appeals) <= 10, len(appeals))
        phone = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        for appeal in appeals:
            self.assertRegex(appeal.number, r"^\d{4}-\d{6}$", "numbered as an appeal")
            self.assertTrue(appeal.sce_state and appeal.appeal_kind)
            self.assertEqual(appeal.partner_id, appeal.sce_call_id.partner_id)
            self.assertEqual(appeal.channel_id, phone)
            self.assertEqual(appeal.sce_call_id.disposition, "answered")
            self.assertIn(appeal.sce_call_id.customer_phone, appeal.description)

    def test_cc3_demo_history_sent_no_screen_pop(self):
        """Old demo calls must not open cards in the operators' browsers."""
        pops = self.env["bus.bus"].search_count(
            [("message", "like", "sce_callcenter/screen_pop"), ("message", "like", '"demo-')]
        )
        self.assertEqual(pops, 0)

    def test_cc3_demo_recordings_generated_audio(self):
        """CC-3: a few answered demo calls of each operator have a short generated WAV
        recording, stored and playable (no audio file is kept in the repository)."""
        recordings = self.env["sce.call.recording"].search([("call_id", "in", self.calls.ids)])
        if not self.demo:
            self.assertFalse(recordings)
            return
        self.assertEqual(len(recordings), 6)
        self.assertEqual(set(recordings.mapped("state")), {"downloaded"})
        self.assertEqual(set(recordings.mapped("mimetype")), {"audio/wav"})
        self.assertEqual(set(recordings.call_id.mapped("disposition")), {"answered"})
        self.assertEqual(len(recordings.call_id.user_id), 2)
        for recording in recordings:
            self.assertTrue(4 <= recording.duration <= 8, recording.duration)
            self.assertLess(recording.file_size, 150_000)

    def test_cc3_demo_wav_generator(self):
        """CC-3: the demo audio is a valid WAV file of the asked length, 8 kHz mono,
        not silent, the same for the same seed."""
        data = demo_wav(7, seconds=5)
        with wave.open(io.BytesIO(data)) as audio:
            self.assertEqual(
                (audio.getnchannels(), audio.getframerate(), audio.getsampwidth()), (1, 8000, 2)
            )
            self.assertEqual(audio.getnframes(), 5 * 8000)
            frames = audio.readframes(audio.getnframes())
        self.assertGreater(max(frames), 0)
        self.assertEqual(demo_wav(7, seconds=5), data)
        self.assertNotEqual(demo_wav(8, seconds=5), data)
