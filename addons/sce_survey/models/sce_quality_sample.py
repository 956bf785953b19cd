from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .sce_complaint_audit import draw_sample, new_seed

DEFAULT_APPEAL_SAMPLE = 10
DEFAULT_CALL_SAMPLE = 10


class SceQualitySample(models.Model):
    """The month's sample of appeals (and, for the head office, calls) whose
    registration and processing the client department checks (CTRL-5): drawn by a
    recorded seed, as the complainant audit is, each drawn one gets a check."""

    _name = "sce.quality.sample"
    _inherit = ["mail.thread"]
    _description = "Quality check sample"
    _order = "date_from desc, mro_id"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    mro_id = fields.Many2one(
        "sce.mro",
        string="MRO",
        index=True,
        help="The MRO whose appeals are checked; empty: every MRO and the call center "
        "(head office).",
    )
    date_from = fields.Date(string="Month", required=True, index=True)
    date_to = fields.Date(required=True)
    appeal_size = fields.Integer(string="Appeals to check", default=DEFAULT_APPEAL_SAMPLE)
    call_size = fields.Integer(
        string="Calls to check",
        default=DEFAULT_CALL_SAMPLE,
        help="Calls are checked by the head office only (samples without an MRO).",
    )
    seed = fields.Integer(readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        [("draft", "To draw"), ("drawn", "Checking"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    check_ids = fields.One2many("sce.quality.check", "sample_id", string="Checks")

    @api.depends("mro_id", "date_from")
    def _compute_name(self):
        for sample in self:
            month = sample.date_from and sample.date_from.strftime("%m.%Y") or ""
            where = sample.mro_id.name or self.env._("Head office")
            sample.name = f"{where} {month}"

    @api.onchange("date_from")
    def _onchange_date_from(self):
        if self.date_from:
            self.date_from = self.date_from.replace(day=1)
            self.date_to = self.date_from + relativedelta(months=1, days=-1)

    def _sce_candidate_appeals(self):
        """Appeals of the month's registrations (received in the month) of the MRO."""
        self.ensure_one()
        start, end = self.env["sce.quality.indicator"]._sce_bounds(self.date_from, self.date_to)
        domain = [
            ("date_received", ">=", start),
            ("date_received", "<", end),
            ("appeal_kind", "!=", False),
            ("company_id", "=", self.company_id.id),
        ]
        if self.mro_id:
            domain.append(("mro_id", "=", self.mro_id.id))
        return self.env["helpdesk.ticket"].search(domain).ids

    def _sce_candidate_calls(self):
        """Answered calls of the month (head office samples only)."""
        self.ensure_one()
        if self.mro_id or not self.call_size:
            return []
        start, end = self.env["sce.quality.indicator"]._sce_bounds(self.date_from, self.date_to)
        return (
            self.env["sce.call"]
            .search(
                [
                    ("date_answer", ">=", start),
                    ("date_answer", "<", end),
                    ("user_id", "!=", False),
                    ("company_id", "=", self.company_id.id),
                ]
            )
            .ids
        )

    def _sce_draw(self, seed=None):
        Check = self.env["sce.quality.check"]
        for sample in self:
            if sample.check_ids.filtered(lambda c: c.state == "done"):
                raise UserError(
                    self.env._(
                        "%(sample)s: checks are done; the draw cannot be redone.",
                        sample=sample.name,
                    )
                )
            sample_seed = seed or sample.seed or new_seed()
            appeals = draw_sample(sample_seed, sample._sce_candidate_appeals(), sample.appeal_size)
            calls = draw_sample(sample_seed, sample._sce_candidate_calls(), sample.call_size)
            sample.check_ids.unlink()
            sample.write({"seed": sample_seed, "state": "drawn"})
            Check.create(
                [{"sample_id": sample.id, "ticket_id": ticket_id} for ticket_id in appeals]
                + [{"sample_id": sample.id, "call_id": call_id} for call_id in calls]
            )
        return True

    def action_draw(self):
        """Draw the appeals and calls to check (the seed is kept: drawing again replays it)."""
        return self._sce_draw()

    def action_done(self):
        self.write({"state": "done"})
        return True
