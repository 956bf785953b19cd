from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import NO_MAIL_NOISE


@tagged("post_install", "-at_install")
class TestDeadlineControlTour(HttpCase):
    """CC-7 item 20, in Chromium: deadline control shows breaches in colour."""

    def test_cc7_deadline_control_tour(self):
        topic = self.env.ref("sce_appeals.helpdesk_ticket_category_readings")
        self.env["sce.faq.article"].create(
            {
                "name": "Tour: how to pass meter readings",
                "answer": "<p>Through the personal cabinet, by phone or at a center.</p>",
                "category_id": topic.id,
                "is_published": True,
            }
        )
        self.env["helpdesk.ticket"].with_context(**NO_MAIL_NOISE).create(
            {
                "name": "Tour: meter not replaced",
                "description": "<p>The meter was not replaced on time.</p>",
                "channel_id": self.env.ref("sce_appeals.helpdesk_ticket_channel_post").id,
                "appeal_kind": "service_request",
                "category_id": topic.id,
                "date_received": fields.Datetime.now() - timedelta(days=60),
            }
        )
        self.start_tour("/odoo", "sce_appeals_deadline_control", login="admin")
