import random
import secrets

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# CTRL-5: the share of complainants asked each month, in per cent.
AUDIT_PERCENT = 1


def audit_sample_size(candidates, percent=AUDIT_PERCENT):
    """⌈percent % of ``candidates``⌉: at least one as soon as there is one."""
    return -(-candidates * percent // 100)


def draw_sample(seed, candidate_ids, size):
    """``size`` ids drawn from ``candidate_ids`` by ``seed``: a pure function of the seed
    and the sorted candidates, so a recorded seed replays the draw exactly."""
    population = sorted(set(candidate_ids))
    return sorted(random.Random(seed).sample(population, min(size, len(population))))


def new_seed():
    return secrets.randbelow(2**31 - 1) + 1


class SceComplaintAudit(models.Model):
    """The monthly complainant audit of an MRO (CTRL-5): ⌈1 %⌉ of the customers whose
    complaints were answered in the month are drawn by a recorded seed and asked whether
    the measures promised in the answer were done and recorded in the CRM."""

    _name = "sce.complaint.audit"
    _inherit = ["mail.thread"]
    _description = "Complainant audit"
    _order = "date_from desc, mro_id"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    mro_id = fields.Many2one(
        "sce.mro",
        string="MRO",
        index=True,
        help="The MRO whose complaints are audited; empty: every MRO (head office).",
    )
    date_from = fields.Date(string="Month", required=True, index=True)
    date_to = fields.Date(required=True)
    seed = fields.Integer(
        readonly=True,
        copy=False,
        tracking=True,
        help="The draw's seed: the same seed over the same complainants draws the same ones.",
    )
    candidate_count = fields.Integer(
        string="Complainants",
        readonly=True,
        help="Customers with a complaint answered in the month.",
    )
    sample_size = fields.Integer(string="Drawn", readonly=True)
    state = fields.Selection(
        [("draft", "To draw"), ("in_progress", "Asking"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    line_ids = fields.One2many("sce.complaint.audit.line", "audit_id", string="Customers asked")
    confirmed_count = fields.Integer(compute="_compute_counts", string="Confirmed")
    discrepancy_count = fields.Integer(compute="_compute_counts", string="Discrepancies")
    task_count = fields.Integer(compute="_compute_counts", string="Control tasks")

    _sql_constraints = [
        (
            "period_mro_uniq",
            "unique(company_id, mro_id, date_from)",
            "There is already a complainant audit of this MRO for this month.",
        ),
    ]

    @api.depends("mro_id", "date_from")
    def _compute_name(self):
        for audit in self:
            month = audit.date_from and audit.date_from.strftime("%m.%Y") or ""
            where = audit.mro_id.name or self.env._("All MROs")
            audit.name = f"{where} {month}"

    def _compute_counts(self):
        lines = self.env["sce.complaint.audit.line"]._read_group(
            [("audit_id", "in", self.ids)], ["audit_id", "state"], ["__count"]
        )
        tasks = dict(
            self.env["sce.control.task"]._read_group(
                [("complaint_audit_line_id.audit_id", "in", self.ids)],
                ["complaint_audit_line_id"],
                ["__count"],
            )
        )
        by_audit = {}
        for audit, state, count in lines:
            by_audit.setdefault(audit, {})[state] = count
        for audit in self:
            counts = by_audit.get(audit, {})
            audit.confirmed_count = counts.get("confirmed", 0)
            audit.discrepancy_count = counts.get("discrepancy", 0)
            audit.task_count = sum(count for line, count in tasks.items() if line.audit_id == audit)

    # ------------------------------------------------------------------ the draw

    def _sce_candidates(self):
        """{customer id: the latest complaint answered in the month}: complaints of the
        audit's MRO answered (or answered and closed) in the month."""
        self.ensure_one()
        start, end = self.env["sce.quality.indicator"]._sce_bounds(self.date_from, self.date_to)
        domain = [
            ("appeal_kind", "=", "complaint"),
            ("sce_state", "in", ("answered", "closed")),
            ("date_answered", ">=", start),
            ("date_answered", "<", end),
            ("partner_id", "!=", False),
            ("company_id", "=", self.company_id.id),
        ]
        if self.mro_id:
            domain.append(("mro_id", "=", self.mro_id.id))
        latest = self.env["helpdesk.ticket"]._read_group(domain, ["partner_id"], ["id:max"])
        return {partner.id: ticket_id for partner, ticket_id in latest}

    def _sce_draw(self, seed=None):
        """Draw the customers to ask by ``seed`` (a new one if none) and record it."""
        for audit in self:
            if audit.line_ids.filtered(lambda line: line.state != "to_ask"):
                raise UserError(
                    self.env._(
                        "%(audit)s: customers were already asked; the draw cannot be redone.",
                        audit=audit.name,
                    )
                )
            candidates = audit._sce_candidates()
            audit_seed = seed or audit.seed or new_seed()
            size = audit_sample_size(len(candidates))
            drawn = draw_sample(audit_seed, candidates, size)
            audit.line_ids.unlink()
            audit.write(
                {
                    "seed": audit_seed,
                    "candidate_count": len(candidates),
                    "sample_size": len(drawn),
                    "state": "in_progress" if drawn else "done",
                    "line_ids": [
                        (0, 0, {"partner_id": partner_id, "ticket_id": candidates[partner_id]})
                        for partner_id in drawn
                    ],
                }
            )
        return True

    def action_draw(self):
        """Draw the customers to ask (the seed is kept: drawing again replays it)."""
        return self._sce_draw()

    def action_done(self):
        self.write({"state": "done"})
        return True

    @api.model
    def _sce_month_audits(self, date_from):
        """The audits of the month starting ``date_from``, one per active MRO, drawn."""
        date_to = date_from + relativedelta(months=1, days=-1)
        audits = self.browse()
        for mro in self.env["sce.mro"].search([("company_id", "=", self.env.company.id)]):
            audit = self.search(
                [
                    ("mro_id", "=", mro.id),
                    ("date_from", "=", date_from),
                    ("company_id", "=", self.env.company.id),
                ]
            )
            if not audit:
                audit = self.create({"mro_id": mro.id, "date_from": date_from, "date_to": date_to})
            audits |= audit
        audits.filtered(lambda a: a.state == "draft")._sce_draw()
        return audits

    @api.model
    def _cron_sce_draw_previous_month(self):
        """CTRL-5: on the first days of a month, draw last month's complainants."""
        tz = self.env["helpdesk.ticket"]._sce_calendar()._sce_tz()
        today = fields.Date.context_today(self.with_context(tz=tz.zone))
        return self._sce_month_audits(today.replace(day=1) - relativedelta(months=1))
