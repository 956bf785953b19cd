import re

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged, users, warmup

from .common import QueueCommon

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestQueueKiosk(QueueCommon, HttpCase):
    """SC-7 / GEN-6: the public kiosk page of a center issues tickets only with the
    center's kiosk token, behind CSRF and a rate limit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()
        cls.token = cls.center.sudo().kiosk_token
        cls.kiosk = f"/sce/queue/{cls.center.id}/kiosk"

    def _csrf(self):
        page = self.url_open(f"{self.kiosk}?token={self.token}")
        self.assertEqual(page.status_code, 200)
        return CSRF_RE.search(page.text).group(1)

    def _post(self, data, csrf=True):
        if csrf:
            data = {"csrf_token": self._csrf(), **data}
        return self.url_open(f"{self.kiosk}/ticket", data=data, allow_redirects=False)

    def _kiosk_tickets(self):
        return self.env["sce.queue.ticket"].search(
            [("center_id", "=", self.center.id), ("source", "=", "kiosk")]
        )

    def test_sc7_kiosk_page_needs_the_centers_token(self):
        """SC-7: without the kiosk token (or with another center's) there is no kiosk;
        with it the page shows the services of the center's windows as buttons."""
        self.assertEqual(self.url_open(self.kiosk).status_code, 404)
        other_token = self.other_center.sudo().kiosk_token
        self.assertNotEqual(other_token, self.token)
        self.assertEqual(self.url_open(f"{self.kiosk}?token={other_token}").status_code, 404)
        page = self.url_open(f"{self.kiosk}?token={self.token}")
        self.assertEqual(page.status_code, 200)
        names = self.svc_consult.with_context(lang="ru_RU").name
        self.assertIn(names, page.text)
        buttons = re.findall(r'name="service_id" class="[^"]*" value="(\d+)"', page.text)
        # reception is served by no window of this center: no button
        self.assertEqual(sorted(map(int, buttons)), sorted((self.svc_consult | self.svc_cash).ids))
        self.assertIn('name="priority"', page.text)

    def test_sc7_kiosk_issues_a_ticket_with_its_pdf(self):
        """SC-7 / SC-8: a kiosk POST issues a ticket of the service; the 80 mm ticket shows
        the service, the number and the estimated wait."""
        self.assertEqual(
            self._post(
                {"token": self.token, "service_id": self.svc_consult.id}, csrf=False
            ).status_code,
            400,
        )
        self.assertFalse(self._kiosk_tickets())
        response = self._post({"token": self.token, "service_id": self.svc_consult.id})
        self.assertEqual(response.status_code, 303)
        ticket = self._kiosk_tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(
            (ticket.name, ticket.service_id, ticket.state), ("К-001", self.svc_consult, "waiting")
        )
        self.assertFalse(ticket.is_priority)
        self.assertIn(f"/kiosk/ticket/{ticket.id}", response.headers["Location"])
        page = self.url_open(f"{self.kiosk}/ticket/{ticket.id}?token={self.token}")
        self.assertIn("К-001", page.text)
        pdf = self.url_open(f"{self.kiosk}/ticket/{ticket.id}/pdf?token={self.token}")
        self.assertEqual(pdf.status_code, 200)
        self.assertIn("К-001", pdf.text)
        self.assertIn(self.svc_consult.with_context(lang="ru_RU").name, pdf.text)
        # without the token, or for a ticket of the desk, nothing
        self.assertEqual(self.url_open(f"{self.kiosk}/ticket/{ticket.id}/pdf").status_code, 404)
        desk = (
            self.env["sce.queue.ticket"]
            .with_user(self.administrator)
            .create(
                {
                    "center_id": self.center.id,
                    "service_id": self.svc_consult.id,
                    "partner_id": self.customer.id,
                }
            )
        )
        self.assertEqual(
            self.url_open(f"{self.kiosk}/ticket/{desk.id}/pdf?token={self.token}").status_code, 404
        )

    def test_sc7_kiosk_refuses_a_service_the_center_does_not_offer(self):
        """SC-7: the request names the service, the kiosk checks it against the center's
        windows (no sudo() on what the request names)."""
        for service_id in (self.svc_admin.id, "abc", 0):
            response = self._post({"token": self.token, "service_id": service_id})
            self.assertEqual(response.status_code, 400)
        response = self._post({"token": "wrong", "service_id": self.svc_consult.id})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self._kiosk_tickets())

    def test_sc7_kiosk_is_rate_limited(self):
        """SC-7: more kiosk tickets per minute than the parameter allows are refused."""
        self.env["ir.config_parameter"].sudo().set_param(
            "sce_service_center.kiosk_tickets_per_minute", "2"
        )
        statuses = [
            self._post({"token": self.token, "service_id": self.svc_cash.id}).status_code
            for _i in range(3)
        ]
        self.assertEqual(statuses, [303, 303, 429])
        self.assertEqual(len(self._kiosk_tickets()), 2)

    def test_gen6_kiosk_priority_waits_for_the_administrator(self):
        """GEN-6: the privileged-category button asks for a priority; the ticket goes first
        only once the hall administrator confirms it."""
        with freeze_time("2026-11-02 07:00:00"):
            earlier = (
                self.env["sce.queue.ticket"]
                .with_user(self.administrator)
                .create({"center_id": self.center.id, "service_id": self.svc_consult.id})
            )
        with freeze_time("2026-11-02 07:05:00"):
            self._post({"token": self.token, "service_id": self.svc_consult.id, "priority": "1"})
            asked = self._kiosk_tickets()
            self.assertTrue(asked.priority_requested)
            self.assertFalse(asked.is_priority)
            with self.assertRaises(AccessError):
                asked.with_user(self.consultant).action_confirm_priority_veteran()
            asked.with_user(self.administrator).action_confirm_priority_veteran()
            self.assertEqual((asked.priority_reason, asked.priority_requested), ("veteran", False))
            action = self.window_consult.with_user(self.consultant).action_call_next()
        self.assertEqual(action["res_id"], asked.id)
        self.assertEqual(earlier.state, "waiting")
        self.assertIn("priority", asked.event_ids.mapped("kind"))


@tagged("post_install", "-at_install")
class TestQueueTicketPrint(QueueCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()

    def _issue(self, **vals):
        return (
            self.env["sce.queue.ticket"]
            .with_user(self.administrator)
            .create({"center_id": self.center.id, "service_id": self.svc_consult.id, **vals})
        )

    def test_sc8_estimated_wait_from_the_queue_ahead_and_the_norm(self):
        """SC-8: the wait printed on a ticket is the tickets ahead, served in parallel by
        the service's two windows, each in the 15-minute norm; a priority ticket counts
        only the priority tickets ahead (GEN-6)."""
        with freeze_time("2026-11-02 07:00:00") as frozen:
            waits = []
            for _i in range(5):
                waits.append(self._issue().estimated_wait_minutes)
                frozen.tick(60)
            veteran = self._issue(priority_reason="veteran")
        self.assertEqual(waits, [0, 15, 15, 30, 30])
        self.assertEqual(veteran.estimated_wait_minutes, 0)

    def test_sc7_desk_prints_the_same_80mm_ticket(self):
        """SC-7: the administrator's desk prints the ticket on the 80 mm roll."""
        ticket = self._issue(partner_id=self.customer.id)
        report = self.env.ref("sce_service_center.action_report_queue_ticket")
        self.assertEqual(report.paperformat_id.page_width, 80)
        self.assertEqual(
            ticket.with_user(self.administrator).action_print_ticket()["report_name"],
            report.report_name,
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.administrator)
            .with_context(lang="ru_RU")
            ._render_qweb_html(report.report_name, ticket.ids)[0]
            .decode()
        )
        self.assertIn("К-001", html)
        self.assertIn(self.svc_consult.with_context(lang="ru_RU").name, html)
        self.assertNotIn("Хетагуров", html)

    @users("sce-sc-administrator")
    @warmup
    def test_sc8_issue_with_its_estimate_has_a_query_budget(self):
        """SC-8: issuing a ticket with its estimated wait costs a pinned number of queries,
        however long the queue (the tickets ahead are counted by one query)."""
        Ticket = self.env["sce.queue.ticket"]
        Ticket.create([{"center_id": self.center.id, "service_id": self.svc_consult.id}] * 30)
        with self.assertQueryCount(**{"sce-sc-administrator": 7}):
            ticket = Ticket.create({"center_id": self.center.id, "service_id": self.svc_consult.id})
        self.assertEqual(ticket.estimated_wait_minutes, 15 * 15)
