from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SceAddressBookEntry(models.Model):
    """A number in the call center's address books (CC-7): the corporate book everyone
    in the call center reads and supervisors keep, and each operator's personal book
    that only its owner sees. Numbers are kept in E.164 as well, for the lookup."""

    _name = "sce.address.book.entry"
    _description = "Address book entry"
    _order = "name, id"

    name = fields.Char(required=True)
    phone = fields.Char(required=True)
    phone_e164 = fields.Char(
        string="Number (E.164)", compute="_compute_phone_e164", store=True, index=True
    )
    scope = fields.Selection(
        [("personal", "Personal"), ("corporate", "Corporate")],
        string="Address book",
        required=True,
        default="personal",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        index=True,
        help="Whose personal address book holds the number.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    call_id = fields.Many2one(
        "sce.call", string="Added from call", readonly=True, ondelete="set null"
    )
    note = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("phone")
    def _compute_phone_e164(self):
        for entry in self:
            entry.phone_e164 = self.env["res.partner"]._sce_try_normalize(entry.phone)

    @api.constrains("phone")
    def _check_phone(self):
        for entry in self:
            if not entry.phone_e164:
                raise ValidationError(
                    self.env._("Not a telephone number: %(number)s", number=entry.phone)
                )

    @api.constrains("scope", "user_id")
    def _check_owner(self):
        for entry in self:
            if entry.scope == "personal" and not entry.user_id:
                raise ValidationError(self.env._("A personal entry needs its owner."))

    @api.model
    def _sce_names_of(self, numbers):
        """{E.164 number: name} from the address books the user may read (their own
        personal book first, then the corporate one)."""
        entries = self.search(
            [("phone_e164", "in", [n for n in numbers if n])], order="scope desc, id"
        )
        names = {}
        for entry in entries:
            names.setdefault(entry.phone_e164, entry.name)
        return names


class SceCall(models.Model):
    _inherit = "sce.call"  # pylint: disable=consider-merging-classes-inherited

    address_book_name = fields.Char(
        string="In address book",
        compute="_compute_address_book_name",
        help="The name under which the number is in your or the corporate address book.",
    )

    @api.depends_context("uid")
    def _compute_address_book_name(self):
        names = self.env["sce.address.book.entry"]._sce_names_of(self.mapped("customer_phone"))
        for call in self:
            call.address_book_name = names.get(call.customer_phone, False)

    def action_add_to_address_book(self):
        """The form of a new entry of the personal address book with the call's number
        and customer (a supervisor may switch it to the corporate book)."""
        self.ensure_one()
        number = self.customer_phone or self.caller_number
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add to address book"),
            "res_model": "sce.address.book.entry",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_phone": number,
                "default_name": self.partner_id.name or number,
                "default_partner_id": self.partner_id.id,
                "default_call_id": self.id,
                "default_scope": "personal",
            },
        }
