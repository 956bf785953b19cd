from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .resource_calendar import UNITS

APPEAL_KINDS = [
    ("complaint", "Complaint / claim"),
    ("inquiry", "Inquiry / consultation"),
    ("service_request", "Additional service request"),
    ("contract", "Contract application"),
    ("feedback", "Feedback / review"),
    ("suggestion", "Suggestion"),
]


class SceSlaPolicy(models.Model):
    """Legal limits of an appeal by channel and kind.

    Limits are counted from the moment the appeal was received: registration ends
    ``registration`` after it, the answer is due ``registration + answer`` after it,
    one extension may add ``extension`` to the answer deadline, and the answer can
    never be later than ``total`` after receipt.
    """

    _name = "sce.sla.policy"
    _description = "Appeal deadline policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    channel_ids = fields.Many2many(
        "helpdesk.ticket.channel", string="Channels", help="Empty: every channel."
    )
    appeal_kind = fields.Selection(APPEAL_KINDS, string="Kind", help="Empty: every kind.")
    legal_basis = fields.Char(help="The clause of the standard that sets these limits.")
    registration_limit = fields.Integer(default=1)
    registration_unit = fields.Selection(UNITS, default="calendar_days", required=True)
    answer_limit = fields.Integer(required=True)
    answer_unit = fields.Selection(UNITS, default="calendar_days", required=True)
    extension_limit = fields.Integer(
        default=10, help="At most this much can be added, once, with a reason."
    )
    extension_unit = fields.Selection(UNITS, default="calendar_days", required=True)
    total_limit = fields.Integer(help="0: no overall cap beyond answer + extension.")
    total_unit = fields.Selection(UNITS, default="calendar_days", required=True)
    specificity = fields.Integer(compute="_compute_specificity", store=True)

    @api.depends("channel_ids", "appeal_kind")
    def _compute_specificity(self):
        for policy in self:
            policy.specificity = (2 if policy.channel_ids else 0) + (1 if policy.appeal_kind else 0)

    @api.constrains("registration_limit", "answer_limit", "extension_limit", "total_limit")
    def _check_limits(self):
        for policy in self:
            limits = (
                policy.registration_limit,
                policy.answer_limit,
                policy.extension_limit,
                policy.total_limit,
            )
            if any(limit < 0 for limit in limits):
                raise ValidationError(self.env._("Deadline limits cannot be negative."))
            if policy.extension_unit in ("calendar_days", "working_days") and (
                policy.extension_limit > 10
            ):
                raise ValidationError(self.env._("An extension cannot exceed 10 days (POST-3)."))

    @api.model
    def _sce_find(self, channel, kind):
        """The most specific active policy for a channel and a kind."""
        candidates = self.search(
            [
                "|",
                ("channel_ids", "=", False),
                ("channel_ids", "in", channel.ids or [0]),
                "|",
                ("appeal_kind", "=", False),
                ("appeal_kind", "=", kind or False),
            ]
        )
        return candidates.sorted(lambda p: (-p.specificity, p.sequence, p.id))[:1]
