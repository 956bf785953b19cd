from odoo.tests import TransactionCase

from .inform_common import API_ID, InformCommon, SmsRuProcess


class TestSmsGateway(InformCommon, TransactionCase):
    """The SMS gateway interface (CC-2, FB-6) and its SMS.RU adapter, against a real
    process of ours speaking SMS.RU's sms/send JSON API."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_inform()

    def test_fb6_smsru_adapter_sends_and_reports_errors(self):
        """FB-6: a message accepted gets its sms_id; a wrong api_id, a refused number and
        an unreachable gateway are failures with the provider's code, never exceptions."""
        gateway = self.gateway.with_user(self.supervisor)
        with SmsRuProcess() as server:
            gateway.sudo().write({"api_url": server.url, "sender": "SCE-Alania"})
            sent = gateway._sce_send_sms("+79188251101", "Проверка связи")
            refused = gateway._sce_send_sms("+79180000000", "Проверка")
            gateway.sudo().api_key = "wrong"
            wrong_key = gateway._sce_send_sms("+79188251101", "Проверка")
            messages = server.messages()
        self.assertEqual(sent, {"state": "sent", "external_id": "000000-00000001"})
        self.assertEqual(
            messages,
            [
                {
                    "to": "79188251101",
                    "msg": "Проверка связи",
                    "sms_id": "000000-00000001",
                    "from": "SCE-Alania",
                }
            ],
        )
        self.assertEqual(refused["state"], "failed")
        self.assertIn("207", refused["error"])
        self.assertEqual(wrong_key["state"], "failed")
        self.assertIn("200", wrong_key["error"])
        gateway.sudo().write({"api_key": API_ID, "api_url": "http://127.0.0.1:9/sms/send"})
        down = gateway._sce_send_sms("+79188251101", "Проверка")
        self.assertEqual(down["state"], "failed")

    def test_fb6_gateway_key_hidden_from_operators(self):
        """GEN-7: the gateway's API key is readable by the supervisor only."""
        self.assertEqual(self.gateway.with_user(self.supervisor).api_key, API_ID)
        self.assertFalse(self.env["sce.sms.gateway"].with_user(self.operator).has_access("read"))
