from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import QueueCommon


@tagged("post_install", "-at_install")
class TestQueueAppeal(QueueCommon, TransactionCase):
    """SC-5 / SC-10 / GEN-3: a served visit becomes an appeal of the center's channel or
    joins the customer's open appeal, shows on the customer card's timeline, and the
    visitor gets the written memo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()
        cls.center.call_center_phone = "8-800-100-26-26"

    def _serve(self, partner=None, window=None, user=None):
        ticket = (
            self.env["sce.queue.ticket"]
            .with_user(self.administrator)
            .create(
                {
                    "center_id": self.center.id,
                    "service_id": self.svc_consult.id,
                    "partner_id": (partner or self.customer).id,
                }
            )
        )
        (window or self.window_consult).with_user(user or self.consultant).action_call_next()
        ticket.with_user(user or self.consultant).action_start()
        return ticket

    def _wizard(self, ticket, user, **vals):
        return (
            self.env["sce.queue.appeal.wizard"]
            .with_user(user)
            .with_context(active_model="sce.queue.ticket", active_id=ticket.id)
            .create(vals)
        )

    def test_sc5_served_visit_becomes_an_appeal_of_the_centers_channel(self):
        """SC-5: the consultant registers the visit as an appeal: channel of the center's
        tier (MRO center), the visit's customer, numbered; the visit links to it."""
        ticket = self._serve()
        with self.assertRaises(AccessError):
            self._wizard(
                ticket, self.consultant_2, appeal_kind="inquiry", name="Перерасчёт"
            ).action_apply()
        action = self._wizard(
            ticket,
            self.consultant,
            appeal_kind="inquiry",
            name="Перерасчёт за октябрь",
            description="<p>Просит проверить начисления</p>",
        ).action_apply()
        appeal = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.appeal_id, appeal)
        self.assertEqual(appeal.channel_id.sce_code, "mro_center")
        self.assertEqual(appeal.partner_id, self.customer)
        self.assertEqual(appeal.appeal_kind, "inquiry")
        self.assertNotEqual(appeal.number, "/")
        self.assertEqual(ticket.event_ids.mapped("kind")[-1], "appeal")
        with self.assertRaises(UserError):
            self._wizard(ticket, self.consultant, appeal_kind="inquiry", name="Ещё").action_apply()

    def test_sc5_visit_joins_the_customers_open_appeal(self):
        """SC-5: the visit about an appeal in progress is added to it (a note on the
        appeal); an appeal of another customer is refused."""
        channel = self.env["helpdesk.ticket.channel"].search([("sce_code", "=", "phone")])
        appeal, foreign = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": "Нет света",
                    "appeal_kind": "complaint",
                    "channel_id": channel.id,
                    "partner_id": partner.id,
                    "description": "<p>Жалоба</p>",
                }
                for partner in (self.customer, self.veteran)
            ]
        )
        ticket = self._serve()
        with self.assertRaises(UserError):
            self._wizard(
                ticket, self.consultant, mode="attach", appeal_id=foreign.id
            ).action_apply()
        self._wizard(ticket, self.consultant, mode="attach", appeal_id=appeal.id).action_apply()
        self.assertEqual(ticket.appeal_id, appeal)
        self.assertIn(ticket.name, appeal.message_ids[0].body)

    def test_gen3_visit_on_the_customer_card_timeline(self):
        """GEN-3: the customer's visit is on the card's timeline for the center's staff;
        a specialist without access to the queue, or the staff of another center, do
        not get it (and the card still opens)."""
        ticket = self._serve()
        events = self.customer.with_user(self.consultant)._sce_timeline_events(50)
        visits = [e for e in events if e["kind"] == "visit"]
        self.assertEqual(
            [(e["res_model"], e["res_id"]) for e in visits], [(ticket._name, ticket.id)]
        )
        self.assertIn(ticket.name, visits[0]["title"])
        self.assertIn(self.center.name, visits[0]["details"])
        specialist_events = self.customer.with_user(self.specialist)._sce_timeline_events(50)
        self.assertFalse([e for e in specialist_events if e["kind"] == "visit"])
        stranger = self._sc_user(
            "consultant", login="sce-sc-consultant-far", name="Дальний Консультант"
        )
        self.env["sce.queue.window"].create(
            {"center_id": self.other_center.id, "number": "9", "user_id": stranger.id}
        )
        far_events = self.customer.with_user(stranger)._sce_timeline_events(50)
        self.assertFalse([e for e in far_events if e["kind"] == "visit"])
        self.assertIn(ticket.name, self.customer.with_user(self.consultant).sce_timeline_html)

    def test_sc10_memo_for_the_visitor(self):
        """SC-10: the documents to bring, the next visit date and the call-center phone
        are printed for the visitor; the memo is a step of the visit."""
        ticket = self._serve()
        wizard = (
            self.env["sce.queue.memo.wizard"]
            .with_user(self.consultant)
            .with_context(active_model="sce.queue.ticket", active_id=ticket.id)
            .create(
                {
                    "documents": "Паспорт\nПравоустанавливающий документ на помещение\n",
                    "next_visit": date(2026, 12, 3),
                }
            )
        )
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "sce_service_center.report_queue_memo")
        self.assertEqual(ticket.memo_next_visit, date(2026, 12, 3))
        self.assertEqual(ticket.event_ids.mapped("kind")[-1], "memo")
        html = (
            self.env["ir.actions.report"]
            .with_user(self.consultant)
            .with_context(lang="ru_RU")
            ._render_qweb_html(action["report_name"], ticket.ids)[0]
            .decode()
        )
        self.assertIn("<li>Паспорт</li>", html)
        self.assertIn("<li>Правоустанавливающий документ на помещение</li>", html)
        self.assertIn("03.12.2026", html)
        self.assertIn("8-800-100-26-26", html)
        self.assertIn(ticket.name, html)
        # not for a visitor waiting in the queue, nor at a colleague's window
        waiting = (
            self.env["sce.queue.ticket"]
            .with_user(self.administrator)
            .create({"center_id": self.center.id, "service_id": self.svc_consult.id})
        )
        with self.assertRaises(UserError):
            waiting.with_user(self.administrator)._set_memo("Паспорт", False, False)
        with self.assertRaises(AccessError):
            ticket.with_user(self.consultant_2)._set_memo("Паспорт", False, False)
