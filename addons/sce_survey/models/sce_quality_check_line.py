from odoo import api, fields, models


class SceQualityCheckLine(models.Model):
    """One criterion of a quality check (CTRL-5), judging one employee's work. Reports
    group the lines by month, employee, role and MRO: the score of a group is the weighted
    share of the criteria passed, sum(earned) / sum(weight), from ``_read_group``."""

    _name = "sce.quality.check.line"
    _description = "Quality check criterion result"
    _order = "check_id, sequence, id"

    check_id = fields.Many2one(
        "sce.quality.check", required=True, index=True, ondelete="cascade", readonly=True
    )
    criterion_id = fields.Many2one(
        "sce.quality.criterion", required=True, readonly=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="criterion_id.sequence")
    role = fields.Selection(related="criterion_id.role", store=True)
    weight = fields.Float(
        readonly=True, aggregator="sum", help="The criterion's weight when the check was drawn."
    )
    passed = fields.Boolean()
    earned = fields.Float(compute="_compute_earned", store=True, aggregator="sum")
    score = fields.Float(
        compute="_compute_earned",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="Per cent of the weighted criteria passed (grouped: sum earned / sum weight).",
    )
    employee_id = fields.Many2one("res.users", readonly=True, index=True)
    mro_id = fields.Many2one(related="check_id.mro_id", store=True, index=True)
    date_from = fields.Date(related="check_id.date_from", store=True, string="Month", index=True)
    state = fields.Selection(related="check_id.state", store=True)
    comment = fields.Char()

    @api.depends("passed", "weight")
    def _compute_earned(self):
        for line in self:
            line.earned = line.weight if line.passed else 0.0
            line.score = 100.0 if line.passed else 0.0

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """The pivot's and graph's score of a group is weighted: sum earned / sum weight."""
        wants_score = any(spec.split(":")[0] == "score" for spec in fields)
        if wants_score:
            named = {spec.split(":")[0] for spec in fields}
            fields = list(fields) + [
                f"{fname}:sum" for fname in ("earned", "weight") if fname not in named
            ]
        groups = super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )
        if wants_score:
            for group in groups:
                weight = group.get("weight") or 0.0
                group["score"] = 100.0 * (group.get("earned") or 0.0) / weight if weight else 0.0
        return groups

    @api.model
    def _sce_scores(self, domain, groupby):
        """{group key tuple: score in per cent} of the checked lines of ``domain``
        grouped by ``groupby`` (e.g. ["date_from:month", "employee_id"])."""
        groups = self._read_group(
            list(domain) + [("state", "=", "done")], groupby, ["earned:sum", "weight:sum"]
        )
        return {
            tuple(group[:-2]): 100.0 * group[-2] / group[-1] if group[-1] else 0.0
            for group in groups
        }
