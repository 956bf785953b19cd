from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sce_appeals.models.sce_sla_policy import APPEAL_KINDS

CLIENT_BOX_CHANNEL = "sce_appeals.helpdesk_ticket_channel_client_box"


class SceClientBoxBatch(models.Model):
    """One taking-out of a center's client box by the hall administrator: the letters
    found in it, registered together as appeals of the channel "client box" (SC-9).
    The appeals are received at the moment the box was emptied, so the post deadlines
    of sce_appeals' policies (POST-*) run from then."""

    _name = "sce.client.box.batch"
    _description = "Client box taking"
    _order = "date_taken desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    center_id = fields.Many2one(
        "sce.service.center", string="Service center", required=True, index=True
    )
    date_taken = fields.Datetime(
        string="Taken out",
        required=True,
        default=fields.Datetime.now,
        help="When the letters were taken out of the box: the appeals are received then.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Taken out by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    state = fields.Selection(
        [("draft", "Being entered"), ("registered", "Registered")],
        default="draft",
        required=True,
        readonly=True,
    )
    letter_ids = fields.One2many("sce.client.box.letter", "batch_id", string="Letters")
    letter_count = fields.Integer(compute="_compute_letter_count", string="Letters found")

    @api.depends("center_id.name", "date_taken")
    def _compute_name(self):
        for batch in self:
            batch.name = "%s, %s" % (
                batch.center_id.name or "",
                fields.Datetime.to_string(batch.date_taken or fields.Datetime.now())[:16],
            )

    @api.depends("letter_ids")
    def _compute_letter_count(self):
        for batch in self:
            batch.letter_count = len(batch.letter_ids)

    def action_register(self):
        """Register every letter of the taking-out as an appeal of the channel "client
        box", received when the box was emptied; the scans go with them."""
        channel = self.env.ref(CLIENT_BOX_CHANNEL)
        for batch in self:
            if batch.state != "draft":
                raise UserError(self.env._("These letters are registered already."))
            if not batch.letter_ids:
                raise UserError(self.env._("Enter the letters found in the box first."))
            letters = batch.letter_ids
            # created as the administrator: their rights on appeals apply
            appeals = self.env["helpdesk.ticket"].create(
                [letter._appeal_values(channel) for letter in letters]
            )
            for letter, appeal in zip(letters, appeals, strict=True):
                letter.appeal_id = appeal
                letter._attach_scan(appeal)
            batch.state = "registered"
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        if any(batch.state == "registered" for batch in self):
            raise UserError(self.env._("A registered taking-out of the box is kept."))


class SceClientBoxLetter(models.Model):
    """A letter taken out of the client box, entered (and scanned) before registration."""

    _name = "sce.client.box.letter"
    _description = "Client box letter"
    _order = "batch_id, id"

    batch_id = fields.Many2one(
        "sce.client.box.batch", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    sender_name = fields.Char(
        string="Sender as written", help="Name and address as the letter gives them."
    )
    appeal_kind = fields.Selection(APPEAL_KINDS, string="Kind", required=True, default="inquiry")
    subject = fields.Char(required=True)
    summary = fields.Text(string="Contents")
    page_count = fields.Integer(string="Pages", default=1)
    scan = fields.Binary(attachment=True)
    scan_filename = fields.Char()
    appeal_id = fields.Many2one("helpdesk.ticket", readonly=True)

    def _appeal_values(self, channel):
        self.ensure_one()
        lines = [self.summary or self.subject]
        if self.sender_name:
            lines.append(self.env._("Sender: %s", self.sender_name))
        return {
            "name": self.subject,
            "appeal_kind": self.appeal_kind,
            "channel_id": channel.id,
            "partner_id": self.partner_id.id,
            "date_received": self.batch_id.date_taken,
            "description": Markup("").join(Markup("<p>%s</p>") % line for line in lines),
        }

    def _attach_scan(self, appeal):
        """The scan becomes an attachment of the appeal."""
        self.ensure_one()
        if not self.scan:
            return
        self.env["ir.attachment"].create(
            {
                "name": self.scan_filename or self.env._("Letter scan"),
                "datas": self.scan,
                "res_model": "helpdesk.ticket",
                "res_id": appeal.id,
            }
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_unregistered_only(self):
        if any(letter.appeal_id for letter in self):
            raise UserError(self.env._("A registered letter is kept."))
