from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sce_appeals.models.sce_sla_policy import APPEAL_KINDS


class SceQueueAppealWizard(models.TransientModel):
    """The served visit becomes a new appeal or joins the customer's open one (SC-5)."""

    _name = "sce.queue.appeal.wizard"
    _description = "Appeal from a visit"

    ticket_id = fields.Many2one("sce.queue.ticket", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="ticket_id.partner_id")
    mode = fields.Selection(
        [("new", "New appeal"), ("attach", "Add to an open appeal")],
        required=True,
        default="new",
    )
    appeal_kind = fields.Selection(APPEAL_KINDS, string="Kind")
    name = fields.Char(string="Subject")
    description = fields.Html()
    open_appeal_ids = fields.Many2many(related="partner_id.sce_open_appeal_ids")
    appeal_id = fields.Many2one(
        "helpdesk.ticket", string="Open appeal", domain="[('id', 'in', open_appeal_ids)]"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "sce.queue.ticket":
            values["ticket_id"] = self.env.context.get("active_id")
        return values

    def action_apply(self):
        self.ensure_one()
        if self.mode == "attach":
            if not self.appeal_id:
                raise UserError(self.env._("Choose the open appeal."))
            appeal = self.ticket_id._attach_to_appeal(self.appeal_id)
        else:
            if not (self.name and self.appeal_kind):
                raise UserError(self.env._("Give the appeal's kind and subject."))
            appeal = self.ticket_id._register_appeal(
                {
                    "name": self.name,
                    "appeal_kind": self.appeal_kind,
                    "description": self.description or False,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": appeal.id,
            "view_mode": "form",
        }


class SceQueueMemoWizard(models.TransientModel):
    """The written memo of SC-10: what the visitor must bring, when to come back, the
    call center's phone."""

    _name = "sce.queue.memo.wizard"
    _description = "Visitor's memo"

    ticket_id = fields.Many2one("sce.queue.ticket", required=True, ondelete="cascade")
    documents = fields.Text(string="Documents to bring", help="One document a line.")
    next_visit = fields.Date(string="Next visit")
    notes = fields.Text()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "sce.queue.ticket":
            ticket = self.env["sce.queue.ticket"].browse(self.env.context.get("active_id"))
            values["ticket_id"] = ticket.id
            values.setdefault("documents", ticket.memo_documents)
            values.setdefault("next_visit", ticket.memo_next_visit)
            values.setdefault("notes", ticket.memo_notes)
        return values

    def action_print(self):
        self.ensure_one()
        self.ticket_id._set_memo(self.documents, self.next_visit, self.notes)
        return self.env.ref("sce_service_center.action_report_queue_memo").report_action(
            self.ticket_id
        )
