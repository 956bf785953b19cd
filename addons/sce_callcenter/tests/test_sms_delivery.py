import json

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged, users

from .common import CC_GROUPS
from .inform_common import InformCommon, SmsRuProcess

PROGRESS = "sce_callcenter/campaign_progress"


class SmsDeliveryCommon(InformCommon):
    @classmethod
    def _setup_delivery(cls):
        cls._setup_inform()
        # The SMS.RU stand-in reports numbers ending in 9 as expired (104).
        cls.debtor_2.mobile = "+7 918 825-11-09"

    def _sent_campaign(self, server):
        """An SMS campaign sent through the stand-in: two recipients "sent"."""
        self.gateway.sudo().write({"api_url": server.url, "status_url": server.status_url})
        campaign = self._campaign().with_user(self.supervisor)
        campaign.action_build_recipients()
        campaign.action_start()
        campaign._sce_dispatch()
        self.env.invalidate_all()
        return campaign

    def _recipient(self, campaign, partner):
        self.env.invalidate_all()
        return campaign.recipient_ids.filtered(lambda r: r.partner_id == partner)

    def _progress_messages(self, user):
        self.env.cr.precommit.run()  # the bus writes its notifications just before commit
        channel = json.dumps(
            [self.env.cr.dbname, "res.partner", user.partner_id.id], separators=(",", ":")
        )
        notifications = self.env["bus.bus"].sudo().search([("channel", "=", channel)])
        messages = [json.loads(n.message) for n in notifications]
        return [m["payload"] for m in messages if m["type"] == PROGRESS]


class TestSmsDeliveryPolling(SmsDeliveryCommon, TransactionCase):
    """FB-6: an SMS accepted by the gateway is *sent*; its delivery result is asked of
    SMS.RU's sms/status (a real process of ours) and recorded once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_delivery()

    def test_fb6_sms_sent_then_delivered_or_failed_by_status_polling(self):
        """FB-6: after the send both recipients are "sent" (awaiting the result); a
        poll makes one delivered and one failed with SMS.RU's code; a second poll and a
        poll of a message still in transit change nothing."""
        with SmsRuProcess() as server:
            campaign = self._sent_campaign(server)
            customer = self._recipient(campaign, self.customer)
            debtor = self._recipient(campaign, self.debtor_2)
            self.assertEqual((customer.state, debtor.state), ("sent", "sent"))
            self.assertEqual(campaign.count_sent, 2)
            self.assertEqual(campaign.progress, 0.0)
            gateway = self.gateway.with_user(self.supervisor)
            self.assertEqual(gateway._sce_poll_statuses(), 2)
            self.env.invalidate_all()
            self.assertEqual(customer.state, "delivered")
            self.assertEqual(debtor.state, "failed")
            self.assertIn("104", debtor.error)
            self.assertTrue(customer.date_result)
            self.assertEqual(campaign.progress, 100.0)
            self.assertEqual(gateway._sce_poll_statuses(), 0)
            self.assertEqual(gateway._sce_status_smsru(["000000-99999999"]), {})

    def test_fb6_unreachable_status_method_changes_nothing(self):
        """FB-6: a gateway that cannot be reached answers no statuses; recipients stay
        sent for the next poll."""
        with SmsRuProcess() as server:
            campaign = self._sent_campaign(server)
        self.assertEqual(self.gateway.with_user(self.supervisor)._sce_poll_statuses(), 0)
        self.assertEqual(set(campaign.recipient_ids.mapped("state")), {"sent", "excluded"})

    def test_cc2_progress_sent_on_the_bus_to_readers_of_the_campaign_only(self):
        """CC-2, FB-6 (live progress): each batch of results (a dispatch run, a poll)
        sends one bus message with the campaign id to every user who may read the
        campaign (the supervisors), on their own channel; operators and back office
        get nothing."""
        supervisor_2 = new_test_user(
            self.env, login="sce-cc-supervisor-2", groups=CC_GROUPS["supervisor"], name="Второй"
        )
        with SmsRuProcess() as server:
            campaign = self._sent_campaign(server)
            expected = [{"campaign_id": campaign.id}]
            self.assertEqual(self._progress_messages(self.supervisor), expected)
            self.assertEqual(self._progress_messages(supervisor_2), expected)
            self.gateway.with_user(self.supervisor)._sce_poll_statuses()
            self.assertEqual(self._progress_messages(self.supervisor), expected * 2)
        for user in (self.operator, self.operator_2, self.specialist):
            self.assertFalse(campaign.with_user(user).has_access("read"))
            self.assertEqual(self._progress_messages(user), [], user.login)

    def test_cc2_no_progress_message_when_nothing_changed(self):
        """CC-2: a poll that changes no result sends nothing."""
        with SmsRuProcess() as server:
            self._sent_campaign(server)
            self.gateway.with_user(self.supervisor)._sce_poll_statuses()
            before = len(self._progress_messages(self.supervisor))
            self.gateway.with_user(self.supervisor)._sce_poll_statuses()
            self.assertEqual(len(self._progress_messages(self.supervisor)), before)

    @users("sce-cc-supervisor")
    def test_fb6_callback_secret_only_for_supervisors(self):
        """GEN-7: the callback URL carries the gateway's secret: supervisors only."""
        gateway = self.gateway.with_user(self.supervisor)
        self.assertIn(f"/sce/sms/smsru/{gateway.id}/", gateway.callback_url)
        old = gateway.callback_url
        gateway.action_new_callback_token()
        self.assertNotEqual(gateway.callback_url, old)
        self.assertFalse(self.env["sce.sms.gateway"].with_user(self.operator).has_access("read"))


@tagged("post_install", "-at_install")
class TestSmsDeliveryCallback(SmsDeliveryCommon, HttpCase):
    """FB-6: SMS.RU's delivery reports POSTed over HTTP to the gateway's callback URL,
    whose secret is checked in constant time; unknown ids and repeated reports are
    acknowledged and change nothing; a malformed report writes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_delivery()

    def _post(self, gateway, token, reports):
        data = {f"data[{n}]": report for n, report in enumerate(reports)}
        return self.url_open(f"/sce/sms/smsru/{gateway.id}/{token}", data=data)

    def test_fb6_delivery_reports_by_callback(self):
        with SmsRuProcess() as server:
            campaign = self._sent_campaign(server)
        customer = self._recipient(campaign, self.customer)
        debtor = self._recipient(campaign, self.debtor_2)
        gateway = self.gateway.sudo()
        token = gateway.callback_token
        reports = [
            f"sms_status\n{customer.external_id}\n103\n1793602800",
            f"sms_status\n{debtor.external_id}\n104\n1793602801",
            "sms_status\n999999-00000001\n103\n1793602802",  # not ours
            "callcheck_status\n201737-542\n401\n1793602803",  # another kind: ignored
        ]
        # A wrong secret, or the right one on another gateway: 404, nothing read.
        other = self.env["sce.sms.gateway"].create({"name": "Другой", "api_url": server.url})
        for gateway_, token_ in ((gateway, token[:-1] + "x"), (other, token), (gateway, "")):
            response = self._post(gateway_, token_ or "-", reports)
            self.assertEqual(response.status_code, 404)
        # A malformed report refuses the whole request: nothing half-written.
        response = self._post(gateway, token, [reports[0], "sms_status\n000000-1\nnot a code"])
        self.assertEqual(response.status_code, 400)
        self.env.invalidate_all()
        self.assertEqual((customer.state, debtor.state), ("sent", "sent"))

        response = self._post(gateway, token, reports)
        self.assertEqual((response.status_code, response.text), (200, "100"))
        self.env.invalidate_all()
        self.assertEqual(customer.state, "delivered")
        self.assertEqual(debtor.state, "failed")
        self.assertIn("104", debtor.error)
        stamp = customer.date_result
        # SMS.RU repeats a report until it reads 100; a late "in transit" never rolls
        # a result back.
        response = self._post(
            gateway, token, [reports[0], f"sms_status\n{debtor.external_id}\n102\n1793602900"]
        )
        self.assertEqual((response.status_code, response.text), (200, "100"))
        self.env.invalidate_all()
        self.assertEqual((customer.state, debtor.state), ("delivered", "failed"))
        self.assertEqual(customer.date_result, stamp)
        self.assertEqual(self.url_open(f"/sce/sms/smsru/{gateway.id}/{token}").status_code, 405)
