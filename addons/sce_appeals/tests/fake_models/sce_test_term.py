from odoo import api, fields, models

from ...models.sce_deadline_mixin import DEADLINE_STATES, DeadlineWatch

WATCH = DeadlineWatch("term", "deadline", "done", "state", "reminded", "escalated")


class SceTestTerm(models.Model):
    """A legal term of no particular addon: the deadline mechanism on its own."""

    _name = "sce.test.term"
    _inherit = ["mail.thread", "mail.activity.mixin", "sce.deadline.mixin"]
    _description = "Test term"

    name = fields.Char()
    user_id = fields.Many2one("res.users")
    controller_id = fields.Many2one("res.users")
    deadline = fields.Datetime(index=True)
    done = fields.Datetime()
    state = fields.Selection(DEADLINE_STATES, default="none", index=True)
    reminded = fields.Datetime()
    escalated = fields.Boolean()

    @api.model
    def _sce_deadline_watches(self):
        return (WATCH,)

    def _sce_deadline_controllers(self, watch):
        return {term.id: term.controller_id for term in self}
