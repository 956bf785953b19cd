from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, users

from ..models.sce_inform_words import amount_to_words_ru, date_to_words_ru
from .http_server import PbxTestServer, Reply
from .inform_common import InformCommon, SmsRuProcess


class TestInformWords(TransactionCase):
    def test_fb6_amounts_and_dates_spoken_as_russian_words(self):
        """FB-6: the phone reads money and dates: roubles and kopecks in their
        grammatical forms, dates as genitive ordinals."""
        self.assertEqual(
            amount_to_words_ru(1234.56),
            "одна тысяча двести тридцать четыре рубля пятьдесят шесть копеек",
        )
        self.assertEqual(amount_to_words_ru(21.01), "двадцать один рубль одна копейка")
        self.assertEqual(amount_to_words_ru(2012.02), "две тысячи двенадцать рублей две копейки")
        self.assertEqual(amount_to_words_ru(5), "пять рублей ноль копеек")
        self.assertEqual(
            date_to_words_ru(date(2026, 11, 26)),
            "двадцать шестого ноября две тысячи двадцать шестого года",
        )
        self.assertEqual(
            date_to_words_ru(date(2027, 3, 13)),
            "тринадцатого марта две тысячи двадцать седьмого года",
        )


class TestInformCampaign(InformCommon, TransactionCase):
    """Auto-informing campaigns (CC-2, FB-6), run as the call-center supervisor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_inform()

    def _results(self, campaign):
        self.env.invalidate_all()
        return {r.partner_id: r.state for r in campaign.recipient_ids}

    @users("sce-cc-supervisor")
    def test_fb6_recipients_only_with_contract_and_consent_excluded_listed(self):
        """FB-6: only customers with a contract in force and consent on the channel get
        the notice; the others are listed with the reason. Imported account numbers too."""
        campaign = self._campaign()
        campaign.action_build_recipients()
        reasons = {r.partner_id: (r.state, r.exclusion_reason) for r in campaign.recipient_ids}
        self.assertEqual(reasons[self.customer], ("pending", False))
        self.assertEqual(reasons[self.debtor_2], ("pending", False))
        self.assertEqual(reasons[self.no_consent], ("excluded", "no_consent"))
        self.assertEqual(reasons[self.no_contract], ("excluded", "no_contract"))
        self.assertEqual((campaign.count_total, campaign.count_excluded), (2, 2))
        # Building again adds nobody twice.
        campaign.action_build_recipients()
        self.assertEqual(len(campaign.recipient_ids), 4)

        imported = self._campaign(partner_domain="[]", min_debt=1000)
        imported.import_accounts = "CC-150100000001;x\nCC-150100000002\nCC-NOSUCH\n"
        imported.action_import_recipients()
        reasons = {r.account_id.name: r.exclusion_reason for r in imported.recipient_ids}
        self.assertEqual(reasons, {"CC-150100000001": False, "CC-150100000002": "no_debt"})
        self.assertIn("CC-NOSUCH", imported.message_ids[0].body)

    def test_fb6_operators_do_not_run_campaigns(self):
        """FB-6: campaigns and their recipients are the supervisor's; an operator
        neither reads nor starts them."""
        campaign = self._campaign()
        with self.assertRaises(AccessError):
            campaign.with_user(self.operator).read(["name"])
        with self.assertRaises(AccessError):
            campaign.with_user(self.operator).sudo(False).action_start()

    @users("sce-cc-supervisor")
    def test_fb6_template_for_voice_speaks_amounts_in_words(self):
        """FB-6: placeholders filled per recipient; for autodial the debt is spoken in
        words, for SMS written in figures."""
        campaign = self._campaign(event_date="2026-11-30")
        campaign.template = "{name}, долг {debt}, оплатите до {date}."
        campaign.action_build_recipients()
        recipient = campaign.recipient_ids.filtered(lambda r: r.partner_id == self.customer)
        self.assertEqual(
            campaign._sce_render(recipient),
            "Тимур Казбекович, долг 1 234,56 руб., оплатите до 30.11.2026.",
        )
        campaign.channel = "phone"
        self.assertEqual(
            campaign._sce_render(recipient),
            "Тимур Казбекович, долг одна тысяча двести тридцать четыре рубля пятьдесят шесть "
            "копеек, оплатите до тридцатого ноября две тысячи двадцать шестого года.",
        )

    @users("sce-cc-supervisor")
    def test_fb6_email_campaign_through_odoo_mail_run_twice_sends_once(self):
        """FB-6, CC-2: e-mail through Odoo mail; the dispatch job run a second time (a
        restarted campaign) sends nothing again; the campaign ends with its times."""
        campaign = self._campaign(channel="email", email_subject="Задолженность")
        campaign.action_build_recipients()
        campaign.action_start()
        job = (
            self.env["queue.job"]
            .sudo()
            .search(
                [("model_name", "=", "sce.inform.campaign"), ("method_name", "=", "_sce_dispatch")]
            )
        )
        self.assertEqual(job.channel, "root.sce_inform")
        campaign._sce_dispatch()
        campaign._sce_dispatch()
        mails = self.env["mail.mail"].sudo().search([("subject", "=", "Задолженность")])
        self.assertEqual(
            sorted(mails.mapped("email_to")), ["dziova@example.ru", "khetagurov@example.ru"]
        )
        results = self._results(campaign)
        self.assertEqual(campaign.recipient_ids.mapped("error"), [False] * 4)
        self.assertEqual(results[self.customer], "delivered")
        self.assertEqual(results[self.debtor_2], "delivered")
        self.assertEqual(campaign.state, "done")
        self.assertTrue(campaign.date_started and campaign.date_finished)
        self.assertEqual(campaign.progress, 100.0)

    @users("sce-cc-supervisor")
    def test_fb6_sms_campaign_restart_after_crash_between_claim_and_result(self):
        """FB-6: a send is claimed in a committed transaction of its own before it goes
        out. A run that died between the claim and the result (simulated: the claim
        made, nothing more) leaves the recipient failed with an unknown outcome, never
        resent; the others are sent once, whatever the number of runs."""
        with SmsRuProcess() as gateway:
            self.gateway.sudo().api_url = gateway.url
            campaign = self._campaign()
            campaign.action_build_recipients()
            campaign.action_start()
            crashed = campaign.recipient_ids.filtered(lambda r: r.partner_id == self.customer)
            self.assertTrue(crashed._sce_claim())
            self.assertFalse(crashed._sce_claim(), "a claimed send is never claimed again")
            campaign._sce_dispatch()
            campaign._sce_dispatch()
            messages = gateway.messages()
        self.assertEqual([m["to"] for m in messages], ["79188251102"])
        self.assertEqual(
            messages[0]["msg"], "Залина Руслановна, долг по л/с CC-150100000002: 500,00 руб."
        )
        results = self._results(campaign)
        self.assertEqual(results[self.debtor_2], "sent")
        self.assertEqual(results[self.customer], "failed")
        self.assertIn("outcome unknown", crashed.error)
        other = campaign.recipient_ids.filtered(lambda r: r.partner_id == self.debtor_2)
        self.assertEqual(other.external_id, "000000-00000001")

    @users("sce-cc-supervisor")
    def test_fb6_throttling_and_window_in_customer_time_zone(self):
        """FB-6: at most ``throttle_per_minute`` sends a run, the next run a minute
        later; nobody is called outside the window of their own time zone (Moscow by
        default), the next run waits for the window to open."""
        self.debtor_2.sudo().tz = "Asia/Yekaterinburg"  # UTC+5
        with SmsRuProcess() as gateway:
            self.gateway.sudo().api_url = gateway.url
            campaign = self._campaign(throttle_per_minute=1, window_start=9.0, window_end=21.0)
            campaign.action_build_recipients()
            campaign.action_start()
            # 17:30 UTC: 20:30 in Moscow (open), 22:30 in Yekaterinburg (closed).
            result = campaign._sce_dispatch(now=datetime(2026, 11, 26, 17, 30))
            self.assertIn("sent 1", result)
            self.assertEqual(len(gateway.messages()), 1)
            self.assertIn("next run at 2026-11-27 04:00:00", result)
            self.assertEqual(campaign.state, "running")
            result = campaign._sce_dispatch(now=datetime(2026, 11, 27, 4, 0))
            self.assertIn("campaign done", result)
            self.assertEqual(len(gateway.messages()), 2)

    @users("sce-cc-supervisor")
    def test_fb6_autodial_through_the_pbx_and_results_reported(self):
        """FB-6, CC-2: autodial goes through the PBX's originate API with the text to
        read (amounts in words) and a reference; the PBX reports the outcome (delivered,
        no answer, switched to operator), only for a call it was asked to place."""
        with PbxTestServer() as pbx:
            pbx.reply("/originate", Reply(200, b'{"status": "queued", "call_id": "ad-1"}'))
            self.source.sudo().originate_url = pbx.url("/originate")
            campaign = self._campaign(channel="phone", cti_source_id=self.source.id)
            campaign.action_build_recipients()
            campaign.action_start()
            campaign._sce_dispatch()
            requests_ = pbx.requests
        self.assertEqual(len(requests_), 2)
        first = next(r.json() for r in requests_ if r.json()["to"] == "+79188251101")
        self.assertEqual(first["mode"], "autoinform")
        self.assertEqual(first["to"], "+79188251101")
        self.assertIn("одна тысяча двести тридцать четыре рубля", first["text"])
        self.assertEqual(self._results(campaign)[self.customer], "sent")
        Recipient = self.env["sce.inform.recipient"]
        recipients = {r.partner_id: r for r in campaign.recipient_ids}
        self.assertTrue(Recipient._sce_autodial_result(first["reference"], "operator"))
        self.assertFalse(Recipient._sce_autodial_result(first["reference"], "no_answer"))
        self.assertFalse(Recipient._sce_autodial_result("sce-inform-0", "delivered"))
        self.assertTrue(
            Recipient._sce_autodial_result(
                f"sce-inform-{recipients[self.debtor_2].id}", "no_answer"
            )
        )
        self.assertEqual(campaign.count_operator, 1)
        self.assertEqual(campaign.count_no_answer, 1)
        report, _format = self.env["ir.actions.report"]._render_qweb_html(
            "sce_callcenter.report_sce_inform_campaign", campaign.ids
        )
        self.assertIn(b"CC-150100000001", report)
