from odoo import api, fields, models

LINES = [("line1", "Line 1"), ("line2", "Line 2")]


class SceCallQueue(models.Model):
    """A queue of the PBX (the ``queue`` of CTI events) with the line of the call center
    it belongs to and the department it serves: the operator board shows waiting calls
    per queue to the lines that may see them (CC-7 item 15), and the statistics count
    transfers per department (CC-3). A queue the PBX reports but nobody configured
    belongs to line 1."""

    _name = "sce.call.queue"
    _description = "Call queue"
    _order = "line, code"
    _rec_name = "name"

    code = fields.Char(
        required=True, help="The queue as the PBX names it in its events (field “queue”)."
    )
    name = fields.Char(required=True)
    line = fields.Selection(LINES, required=True, default="line1")
    department = fields.Char(help="The department that takes the calls of this queue.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A queue code is unique per company."),
    ]

    @api.model
    def _sce_line_of_queues(self, codes):
        """{queue code: line} for ``codes``; unconfigured queues are on line 1."""
        queues = self.sudo().with_context(active_test=False).search([("code", "in", list(codes))])
        lines = {queue.code: queue.line for queue in queues}
        return {code: lines.get(code, "line1") for code in codes}
