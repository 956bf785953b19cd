from werkzeug.urls import url_join

from odoo import api, fields, models

from odoo.addons.sce_appeals.models.res_partner import CUSTOMER_GROUPS

INVITE_CHANNELS = [
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("phone", "Autodial"),
    ("operator", "Operator's call"),
    ("in_person", "In person"),
]


class SurveyUserInput(models.Model):
    """An answer set of Odoo's survey, linked to the customer-service context it assesses:
    the customer, the appeal, service-center visit or call, and — stored for the
    reports' grouping (FB-5, CTRL-6) — the MRO, the channel and the customer group."""

    _inherit = "survey.user_input"

    sce_kind = fields.Selection(related="survey_id.sce_kind", store=True, index=True)
    sce_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", index="btree_not_null", ondelete="set null"
    )
    sce_call_id = fields.Many2one(
        "sce.call", string="Call", index="btree_not_null", ondelete="set null"
    )
    sce_queue_ticket_id = fields.Many2one(
        "sce.queue.ticket",
        string="Service-center visit",
        index="btree_not_null",
        ondelete="set null",
    )
    sce_invite_channel = fields.Selection(INVITE_CHANNELS, string="Invited by")
    sce_mro_id = fields.Many2one(
        "sce.mro",
        string="MRO",
        compute="_compute_sce_context",
        store=True,
        index=True,
        readonly=False,
    )
    sce_channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        string="Channel",
        compute="_compute_sce_context",
        store=True,
        index=True,
        readonly=False,
    )
    sce_customer_group = fields.Selection(
        CUSTOMER_GROUPS,
        string="Customer group",
        compute="_compute_sce_context",
        store=True,
        index=True,
        readonly=False,
    )

    @api.depends("partner_id", "sce_ticket_id", "sce_call_id", "sce_queue_ticket_id")
    def _compute_sce_context(self):
        phone_channel = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone", False)
        center_channels = {
            "mro": self.env.ref("sce_appeals.helpdesk_ticket_channel_mro_center", False),
            "territorial": self.env.ref(
                "sce_appeals.helpdesk_ticket_channel_territorial_unit", False
            ),
            "central": self.env.ref("sce_appeals.helpdesk_ticket_channel_central_office", False),
        }
        for answer in self:
            partner = answer.partner_id
            ticket, call = answer.sce_ticket_id, answer.sce_call_id
            visit = answer.sce_queue_ticket_id
            mro = channel = False
            if ticket:
                mro, channel = ticket.mro_id, ticket.channel_id
                partner = partner or ticket.partner_id
            elif visit:
                mro = visit.center_id.mro_id
                channel = center_channels.get(visit.center_id.tier) or False
                partner = partner or visit.partner_id
            elif call:
                channel = phone_channel
                partner = partner or call.partner_id
            answer.sce_mro_id = mro or partner.sce_home_mro_id
            answer.sce_channel_id = channel
            answer.sce_customer_group = partner.sce_customer_group

    def _sce_url(self):
        """The absolute personal link of this answer set, for e-mail, SMS or the operator."""
        self.ensure_one()
        return url_join(self.survey_id.get_base_url(), self.get_start_url())

    def _mark_done(self):
        res = super()._mark_done()
        audit_inputs = self.filtered(lambda answer: answer.sce_kind == "audit")
        if audit_inputs:
            # CTRL-5: a completed complainant-audit questionnaire gives its audit line the
            # customer's answers. The customer answers through the public token link: the
            # line is found by the answer set just completed, never by a value sent.
            self.env["sce.complaint.audit.line"].sudo()._sce_answers_from_survey(audit_inputs)
        return res
