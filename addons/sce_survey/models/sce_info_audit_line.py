from odoo import fields, models


class SceInfoAuditLine(models.Model):
    """One item of an information audit (CTRL-4): present, missing or outdated; an item
    not right gets a corrective control task."""

    _name = "sce.info.audit.line"
    _description = "Information audit item checked"
    _order = "audit_id, sequence, id"
    _rec_name = "item_id"

    audit_id = fields.Many2one(
        "sce.info.audit", required=True, index=True, ondelete="cascade", readonly=True
    )
    item_id = fields.Many2one(
        "sce.info.audit.item", required=True, readonly=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="item_id.sequence")
    mro_id = fields.Many2one(related="audit_id.mro_id", store=True, index=True)
    status = fields.Selection(
        [("ok", "Present and current"), ("missing", "Missing"), ("outdated", "Outdated")]
    )
    note = fields.Char(string="What is wrong")
    task_ids = fields.One2many("sce.control.task", "info_audit_line_id", string="Tasks")

    def _sce_open_tasks(self):
        """A corrective task per item not right, for the item's department and
        responsible (else the auditor), with the information audit's term."""
        Task = self.env["sce.control.task"]
        statuses = dict(self._fields["status"]._description_selection(self.env))
        return Task.create(
            [
                {
                    "name": f"{line.item_id.name}: {statuses[line.status]}",
                    "description": self.env._(
                        "%(audit)s. %(note)s", audit=line.audit_id.name, note=line.note or ""
                    ),
                    "source": "info_audit",
                    "mro_id": line.mro_id.id,
                    "team_id": line.item_id.team_id.id,
                    "user_id": (
                        line.item_id.user_id or line.item_id.team_id.user_id or self.env.user
                    ).id,
                    "info_audit_line_id": line.id,
                }
                for line in self
            ]
        )
