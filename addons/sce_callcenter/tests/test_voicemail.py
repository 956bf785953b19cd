from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .test_call_recording import RecordingCommon


@tagged("post_install", "-at_install")
class TestVoicemail(RecordingCommon, TransactionCase):
    """Voicemail (CC-3, issue 6 section 2): the PBX's “voicemail received” event keeps
    the message as a recording to download and listen to, even where calls are not
    recorded; the operator registers an appeal from it and marks it processed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_recordings()

    def _voicemail(self, call_id):
        events = [
            self._event(
                call_id, 1, "call_started", 0, caller="+7 (8672) 53-12-34", called="88002000000"
            ),
            self._event(call_id, 2, "queued", 20, queue="line1"),
            self._event(
                call_id,
                3,
                "voicemail_received",
                95,
                data={"url": "http://127.0.0.1:9/vm/1.wav", "duration": 42},
            ),
        ]
        return self._ingest(events)

    def test_cc3_voicemail_event_keeps_the_message_to_process(self):
        """The call ends with a new voicemail whose file waits for its download."""
        self.env.ref("sce_callcenter.sce_recording_rule_all_calls").record = False
        call = self._voicemail("vm-1")
        self.assertEqual(call.state, "ended")
        self.assertEqual(call.voicemail_state, "new")
        message = call.sudo().recording_ids
        self.assertEqual(len(message), 1, "kept although the rule records no calls")
        self.assertTrue(message.is_voicemail)
        self.assertEqual((message.state, message.duration), ("pending", 42))
        self.assertEqual(call.partner_id, self.customer)
        duplicate = self._event(
            "vm-1",
            3,
            "voicemail_received",
            95,
            data={"url": "http://127.0.0.1:9/vm/1.wav", "duration": 42},
        )
        self._ingest([duplicate])
        self.assertEqual(len(call.sudo().recording_ids), 1)

    def test_cc3_operator_registers_an_appeal_and_marks_it_processed(self):
        """The line-1 operator registers the appeal from the message's call and marks
        the voicemail processed; a specialist cannot."""
        call = self._voicemail("vm-2")
        as_operator = call.with_user(self.operator)
        action = as_operator.action_register_appeal()
        self.assertEqual(action["context"]["default_sce_call_id"], call.id)
        with self.assertRaises(AccessError):
            call.with_user(self.specialist).action_sce_voicemail_processed()
        as_operator.action_sce_voicemail_processed()
        self.assertEqual(call.voicemail_state, "processed")
        self.assertEqual(call.voicemail_processed_by, self.operator)
        self.assertTrue(call.voicemail_processed_at)
        listed = (
            self.env["sce.call"].with_user(self.operator).search([("voicemail_state", "=", "new")])
        )
        self.assertNotIn(call, listed)
