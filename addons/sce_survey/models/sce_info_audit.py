from odoo import api, fields, models
from odoo.exceptions import UserError

from .sce_info_audit_item import INFO_AUDIT_SCOPES


class SceInfoAudit(models.Model):
    """The monthly information audit (CTRL-4) of the corporate site (head office) or of
    the information stands of one service center: each item present, missing or
    outdated, who checked, and a corrective control task with a term per item that is
    not right."""

    _name = "sce.info.audit"
    _inherit = ["mail.thread"]
    _description = "Information audit"
    _order = "date_from desc, scope, center_id"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    scope = fields.Selection(INFO_AUDIT_SCOPES, required=True, default="site")
    center_id = fields.Many2one(
        "sce.service.center", string="Service center", index=True, ondelete="cascade"
    )
    mro_id = fields.Many2one(
        "sce.mro", string="MRO", compute="_compute_mro_id", store=True, index=True
    )
    date_from = fields.Date(string="Month", required=True, index=True)
    checker_id = fields.Many2one("res.users", string="Checked by", readonly=True, tracking=True)
    date_checked = fields.Datetime(string="Checked on", readonly=True)
    state = fields.Selection(
        [("draft", "To check"), ("done", "Checked")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    line_ids = fields.One2many("sce.info.audit.line", "audit_id", string="Checklist")
    missing_count = fields.Integer(
        compute="_compute_missing_count", store=True, string="Missing or outdated"
    )

    _sql_constraints = [
        (
            "month_scope_center_uniq",
            "unique(company_id, scope, center_id, date_from)",
            "This information audit of the month exists already.",
        ),
    ]

    @api.depends("scope", "center_id", "date_from")
    def _compute_name(self):
        scopes = dict(self._fields["scope"]._description_selection(self.env))
        for audit in self:
            month = audit.date_from and audit.date_from.strftime("%m.%Y") or ""
            where = audit.center_id.name if audit.scope == "stand" else scopes.get(audit.scope)
            audit.name = f"{where or ''} {month}"

    @api.depends("center_id.mro_id")
    def _compute_mro_id(self):
        for audit in self:
            audit.mro_id = audit.center_id.mro_id

    @api.depends("line_ids.status")
    def _compute_missing_count(self):
        for audit in self:
            audit.missing_count = len(audit.line_ids.filtered(lambda line: line.status != "ok"))

    @api.model_create_multi
    def create(self, vals_list):
        audits = super().create(vals_list)
        audits._sce_fill_checklist()
        return audits

    def _sce_fill_checklist(self):
        """Every active item of the audit's scope, not yet judged."""
        items = self.env["sce.info.audit.item"].search([("active", "=", True)])
        self.env["sce.info.audit.line"].create(
            [
                {"audit_id": audit.id, "item_id": item.id}
                for audit in self
                for item in items
                if item.scope == audit.scope and item not in audit.line_ids.item_id
            ]
        )

    def action_done(self):
        """The audit is checked: a corrective task for every item missing or outdated."""
        for audit in self:
            if audit.state == "done":
                raise UserError(self.env._("%(audit)s is already checked.", audit=audit.name))
            unjudged = audit.line_ids.filtered(lambda line: not line.status)
            if unjudged:
                raise UserError(
                    self.env._(
                        "%(audit)s: judge every item first (%(items)s).",
                        audit=audit.name,
                        items=", ".join(unjudged.item_id.mapped("name")),
                    )
                )
        self.write(
            {"state": "done", "checker_id": self.env.uid, "date_checked": fields.Datetime.now()}
        )
        self.line_ids.filtered(lambda line: line.status != "ok")._sce_open_tasks()
        return True

    @api.model
    def _sce_month_audits(self, date_from):
        """The month's site audit and one stand audit per active service center."""
        existing = self.search([("date_from", "=", date_from)])
        vals_list = []
        if not existing.filtered(lambda a: a.scope == "site"):
            vals_list.append({"scope": "site", "date_from": date_from})
        centers = self.env["sce.service.center"].search([("active", "=", True)])
        for center in centers - existing.center_id:
            vals_list.append({"scope": "stand", "center_id": center.id, "date_from": date_from})
        return existing | self.create(vals_list)

    @api.model
    def _cron_sce_open_month(self):
        """CTRL-4: each month's audits are opened on its first day."""
        tz = self.env["helpdesk.ticket"]._sce_calendar()._sce_tz()
        today = fields.Date.context_today(self.with_context(tz=tz.zone))
        return self._sce_month_audits(today.replace(day=1))

    @api.onchange("date_from")
    def _onchange_date_from(self):
        if self.date_from:
            self.date_from = self.date_from.replace(day=1)
