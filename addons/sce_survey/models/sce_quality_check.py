from odoo import api, fields, models
from odoo.exceptions import UserError


class SceQualityCheck(models.Model):
    """The check of one appeal's registration and processing, or of one call's handling,
    against the checklist (CTRL-5): each criterion passed or not, the score the weighted
    share of the criteria passed, in per cent."""

    _name = "sce.quality.check"
    _description = "Quality check"
    _order = "date_from desc, id"

    sample_id = fields.Many2one(
        "sce.quality.sample", required=True, index=True, ondelete="cascade", readonly=True
    )
    mro_id = fields.Many2one(
        "sce.mro", string="MRO", compute="_compute_context", store=True, index=True
    )
    date_from = fields.Date(related="sample_id.date_from", store=True, string="Month", index=True)
    kind = fields.Selection(
        [("appeal", "Appeal"), ("call", "Call")], compute="_compute_context", store=True
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", readonly=True, index="btree_not_null"
    )
    call_id = fields.Many2one("sce.call", readonly=True, index="btree_not_null")
    checker_id = fields.Many2one("res.users", string="Checked by", readonly=True)
    date_checked = fields.Datetime(string="Checked on", readonly=True)
    state = fields.Selection(
        [("draft", "To check"), ("done", "Checked")], default="draft", required=True, readonly=True
    )
    line_ids = fields.One2many("sce.quality.check.line", "check_id", string="Checklist")
    score = fields.Float(
        compute="_compute_score",
        store=True,
        digits=(5, 1),
        aggregator="avg",
        help="Weighted share of the criteria passed, in per cent.",
    )
    note = fields.Text(string="Checker's remarks")

    @api.depends("sample_id.mro_id", "ticket_id", "call_id")
    def _compute_context(self):
        for check in self:
            check.kind = "call" if check.call_id else "appeal"
            check.mro_id = check.sample_id.mro_id or check.ticket_id.mro_id

    @api.depends("line_ids.earned", "line_ids.weight")
    def _compute_score(self):
        for check in self:
            weight = sum(check.line_ids.mapped("weight"))
            earned = sum(check.line_ids.mapped("earned"))
            check.score = 100.0 * earned / weight if weight else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        checks = super().create(vals_list)
        checks._sce_fill_checklist()
        return checks

    def _sce_fill_checklist(self):
        """One line per active criterion judging the check's kind, each naming the
        employee judged: who registered the appeal, its specialist, the call's operator."""
        criteria = self.env["sce.quality.criterion"].search([("active", "=", True)])
        vals_list = []
        for check in self:
            if check.call_id:
                # the head office checks calls; sudo() reads only the operator of a
                # call the sample drew among the company's calls
                employees = {"call": check.call_id.sudo().user_id}
            else:
                ticket = check.ticket_id
                employees = {
                    "registration": ticket.create_uid,
                    "processing": ticket.user_id or ticket.answer_user_id,
                }
            vals_list += [
                {
                    "check_id": check.id,
                    "criterion_id": criterion.id,
                    "weight": criterion.weight,
                    "employee_id": employees[criterion.role].id,
                }
                for criterion in criteria
                if criterion.role in employees
            ]
        self.env["sce.quality.check.line"].create(vals_list)

    def action_done(self):
        for check in self:
            if check.state == "done":
                raise UserError(self.env._("This check is already done."))
        self.write(
            {"state": "done", "checker_id": self.env.uid, "date_checked": fields.Datetime.now()}
        )
        return True

    def action_reset(self):
        self.write({"state": "draft"})
        return True
