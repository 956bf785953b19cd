from odoo import fields, models

from odoo.addons.sce_appeals.models.sce_sla_policy import APPEAL_KINDS


class SceCallScript(models.Model):
    """A call script (CC-7 item 16): the questions the operator asks for one kind of
    request; the answers fill the appeal registered from the call."""

    _name = "sce.call.script"
    _description = "Call script"
    _order = "sequence, name, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Topic", help="The topic of the appeal."
    )
    appeal_kind = fields.Selection(APPEAL_KINDS, string="Kind", help="The kind of the appeal.")
    question_ids = fields.One2many("sce.call.script.question", "script_id", string="Questions")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )


class SceCallScriptQuestion(models.Model):
    _name = "sce.call.script.question"
    _description = "Call script question"
    _order = "sequence, id"

    script_id = fields.Many2one("sce.call.script", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Question", required=True)
    answer_type = fields.Selection(
        [("text", "Text"), ("yes_no", "Yes or no")], required=True, default="text"
    )
    target = fields.Selection(
        [("description", "Appeal description"), ("subject", "Appeal subject")],
        string="Fills",
        required=True,
        default="description",
        help="The answer becomes the appeal's subject, or a line of its description.",
    )
    required = fields.Boolean()


class SceCall(models.Model):
    _inherit = "sce.call"  # pylint: disable=consider-merging-classes-inherited

    def action_run_script(self):
        """The call script dialog for this call (CC-7 item 16)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Call script"),
            "res_model": "sce.call.script.run",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_call_id": self.id},
        }
