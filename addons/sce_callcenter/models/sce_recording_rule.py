from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SceRecordingRule(models.Model):
    """Which calls are recorded and how long their recordings are kept (CC-3:
    recording rules, archiving on schedule, retention limit), by queue and direction;
    the most specific active rule of a call applies."""

    _name = "sce.recording.rule"
    _description = "Call recording rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    queue = fields.Char(help="The PBX queue of the call; empty: every queue.")
    direction = fields.Selection(
        [("inbound", "Inbound"), ("outbound", "Outbound")], help="Empty: both directions."
    )
    record = fields.Boolean(
        string="Record calls",
        default=True,
        help="Off: recordings the PBX reports for these calls are not downloaded.",
    )
    archive_after_days = fields.Integer(
        string="Archive after (days)",
        default=180,
        help="Archived recordings leave the operators' lists; quality controllers still "
        "find and play them. 0: never archived.",
    )
    retention_days = fields.Integer(
        string="Delete after (days)",
        default=1095,
        help="The audio is deleted this long after the call; the call, its metadata and "
        "the access log stay. 0: kept without limit.",
    )
    recording_count = fields.Integer(compute="_compute_recording_count")

    @api.constrains("archive_after_days", "retention_days")
    def _check_days(self):
        for rule in self:
            if rule.archive_after_days < 0 or rule.retention_days < 0:
                raise ValidationError(self.env._("Days of a recording rule cannot be negative."))
            if (
                rule.retention_days
                and rule.archive_after_days
                and rule.archive_after_days > rule.retention_days
            ):
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: recordings cannot be archived after they are deleted.",
                        rule=rule.display_name,
                    )
                )

    def _compute_recording_count(self):
        counts = dict(
            self.env["sce.call.recording"]
            .with_context(active_test=False)
            ._read_group([("rule_id", "in", self.ids)], ["rule_id"], ["__count"])
        )
        for rule in self:
            rule.recording_count = counts.get(rule, 0)

    @api.model
    def _sce_find(self, call):
        """The most specific active rule for ``call`` (queue beats direction), or none."""
        rules = self.search(
            [
                ("company_id", "=", call.company_id.id),
                "|",
                ("queue", "=", False),
                ("queue", "=", call.queue or False),
                "|",
                ("direction", "=", False),
                ("direction", "=", call.direction),
            ]
        )
        return rules.sorted(lambda r: (-(2 * bool(r.queue) + bool(r.direction)), r.sequence, r.id))[
            :1
        ]
