from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import normalize_phone

CUSTOMER_GROUPS = [
    ("1", "1. Citizens (household needs)"),
    ("2", "2. Utility-service providers"),
    ("3", "3. Legal entities and entrepreneurs (own needs)"),
    ("4", "4. Legal entities buying for resale"),
    ("5", "5. Grid organisations (losses)"),
]

ANSWER_CHANNELS = [
    ("email", "E-mail"),
    ("post", "Post"),
    ("cabinet", "Personal cabinet"),
    ("phone", "Phone call"),
    ("sms", "SMS"),
    ("in_person", "In person"),
]

PERSONAL_DATA_GROUP = "sce_appeals.group_sce_personal_data"
CONTACT_DATA_GROUP = "sce_appeals.group_sce_contact_data"
# Customers' contacts (GEN-7, 152-FZ): shown only to the roles that talk to customers.
CONTACT_FIELDS = (
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "email",
    "email_formatted",
    "email_normalized",
    "phone",
    "mobile",
    "phone_sanitized",
    "phone_mobile_search",
    "contact_address",
    "contact_address_complete",
    "sce_phone_e164",
    "sce_mobile_e164",
)


class ResPartner(models.Model):
    """Customers of the guaranteeing supplier (GEN-4, GEN-6, GEN-7, ETI-1)."""

    _inherit = "res.partner"

    sce_customer_group = fields.Selection(
        CUSTOMER_GROUPS,
        string="Customer group",
        index=True,
        help="1 – citizens buying electricity for personal, family and household needs "
        "and consumers equated to them by tariff regulation;\n"
        "2 – utility-service providers buying electricity to provide utility services "
        "to citizens;\n"
        "3 – legal entities and entrepreneurs buying electricity for their own needs;\n"
        "4 – legal entities buying electricity for resale;\n"
        "5 – territorial grid organisations buying electricity to cover losses in "
        "their networks.",
    )
    sce_surname = fields.Char(string="Surname", index=True)
    sce_first_name = fields.Char(string="First name")
    sce_patronymic = fields.Char(string="Patronymic")
    sce_polite_name = fields.Char(
        string="Address as",
        compute="_compute_sce_polite_name",
        help="First name and patronymic, used to address the customer (ETI-1).",
    )
    sce_is_disabled = fields.Boolean(string="Disabled person", groups=PERSONAL_DATA_GROUP)
    sce_is_veteran = fields.Boolean(string="Veteran", groups=PERSONAL_DATA_GROUP)
    sce_is_socially_vulnerable = fields.Boolean(
        string="Socially vulnerable", groups=PERSONAL_DATA_GROUP
    )
    sce_is_small_business = fields.Boolean(string="Small business / entrepreneur")
    sce_needs_priority = fields.Boolean(
        string="Individual approach",
        compute="_compute_sce_needs_priority",
        store=True,
        index=True,
        compute_sudo=True,
        help="Disabled, veteran, socially vulnerable or small business (GEN-6): "
        "served with priority.",
    )
    sce_birth_date = fields.Date(string="Birth date", groups=PERSONAL_DATA_GROUP)
    sce_consent_date = fields.Date(string="Personal data consent date", groups=PERSONAL_DATA_GROUP)
    sce_consent_channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        string="Consent given via",
        groups=PERSONAL_DATA_GROUP,
    )
    sce_consent_document = fields.Char(string="Consent document", groups=PERSONAL_DATA_GROUP)
    sce_preferred_answer_channel = fields.Selection(
        ANSWER_CHANNELS,
        string="Preferred answer channel",
        help="Answers to the customer's appeals go through this channel (FB-3).",
    )
    sce_home_mro_id = fields.Many2one("sce.mro", string="Home MRO", index=True)
    sce_phone_e164 = fields.Char(
        string="Phone (E.164)",
        compute="_compute_sce_phone_e164",
        store=True,
        index=True,
    )
    sce_mobile_e164 = fields.Char(
        string="Mobile (E.164)",
        compute="_compute_sce_phone_e164",
        store=True,
        index=True,
    )
    sce_account_ids = fields.One2many("sce.account", "partner_id", string="Personal accounts")

    @api.depends("sce_first_name", "sce_patronymic", "name")
    def _compute_sce_polite_name(self):
        for partner in self:
            parts = [p for p in (partner.sce_first_name, partner.sce_patronymic) if p]
            partner.sce_polite_name = " ".join(parts) or partner.name

    @api.depends(
        "sce_is_disabled",
        "sce_is_veteran",
        "sce_is_socially_vulnerable",
        "sce_is_small_business",
    )
    def _compute_sce_needs_priority(self):
        for partner in self:
            partner.sce_needs_priority = (
                partner.sce_is_disabled
                or partner.sce_is_veteran
                or partner.sce_is_socially_vulnerable
                or partner.sce_is_small_business
            )

    @api.depends("phone", "mobile", "country_id")
    def _compute_sce_phone_e164(self):
        for partner in self:
            region = partner._sce_phone_region()
            partner.sce_phone_e164 = self._sce_try_normalize(partner.phone, region)
            partner.sce_mobile_e164 = self._sce_try_normalize(partner.mobile, region)

    def _sce_phone_region(self, country_id=None):
        """Numbers without +country are read in the partner's country, Russia by default."""
        country = self.env["res.country"].browse(country_id) if country_id else self[:1].country_id
        return country.code or "RU"

    @api.model
    def _sce_try_normalize(self, number, region="RU"):
        try:
            return normalize_phone(number, region) if number else False
        except ValueError:
            return False

    @api.constrains("phone", "mobile", "sce_customer_group")
    def _check_sce_phone(self):
        """Customers' numbers must be real: they are used for caller lookup, callbacks
        and SMS. Other contacts (staff, suppliers) keep whatever they were given."""
        for partner in self.filtered("sce_customer_group"):
            for fname in ("phone", "mobile"):
                number = partner[fname]
                if number and not self._sce_try_normalize(number, partner._sce_phone_region()):
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(partner)s: “%(number)s” is not a valid "
                            "phone number. Enter it as +7 XXX XXX-XX-XX or 8 XXX XXX-XX-XX.",
                            field=self._fields[fname].get_description(self.env)["string"],
                            partner=partner.display_name,
                            number=number,
                        )
                    )

    @api.model
    def _sce_full_name(self, vals):
        parts = [vals.get(f) for f in ("sce_surname", "sce_first_name", "sce_patronymic")]
        return " ".join(p.strip() for p in parts if p and p.strip())

    def _sce_normalize_vals(self, vals):
        region = self._sce_phone_region(vals.get("country_id"))
        for fname in ("phone", "mobile"):
            if vals.get(fname):
                # An invalid number stays as typed: the constraint reports it clearly.
                vals[fname] = self._sce_try_normalize(vals[fname], region) or vals[fname]
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._sce_normalize_vals(vals)
            if not vals.get("is_company") and self._sce_full_name(vals):
                vals["name"] = self._sce_full_name(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._sce_check_contact_write(vals)
        self._sce_normalize_vals(vals)
        name_fields = {"sce_surname", "sce_first_name", "sce_patronymic"}
        if name_fields & set(vals) and "name" not in vals:
            for partner in self:
                merged = {f: vals.get(f, partner[f]) for f in name_fields}
                full = self._sce_full_name(merged)
                if full and not partner.is_company:
                    super(ResPartner, partner).write(dict(vals, name=full))
                else:
                    super(ResPartner, partner).write(vals)
            return True
        return super().write(vals)

    # ------------------------------------------------------------------ privacy

    @api.model
    def _sce_hides_contacts(self):
        """Whether the current user must not see customers' contacts (specialists,
        managers): the server still reads them to send letters and mail."""
        return not self.env.su and not self.env.user.has_group(CONTACT_DATA_GROUP)

    def _sce_customers(self):
        return self.filtered(lambda p: p.sce_customer_group or p.sce_account_ids)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        hidden = [f for f in fnames if f in CONTACT_FIELDS]
        if hidden and self._sce_hides_contacts():
            customer_ids = set(self._sce_customers().ids)
            for values in result:
                if values["id"] in customer_ids:
                    values.update(dict.fromkeys(hidden, False))
        return result

    def export_data(self, fields_to_export):
        contact = [f for f in fields_to_export if f.split("/")[0] in CONTACT_FIELDS]
        if contact and self._sce_hides_contacts() and self._sce_customers():
            raise AccessError(
                self.env._("Your role may not export customers' contact data (GEN-7).")
            )
        return super().export_data(fields_to_export)

    def _sce_check_contact_write(self, vals):
        if set(vals) & set(CONTACT_FIELDS) and self._sce_hides_contacts() and self._sce_customers():
            raise AccessError(
                self.env._("Your role may not change customers' contact data (GEN-7).")
            )

    @api.model
    def _sce_find_by_phone(self, number):
        """Partners whose phone or mobile is ``number`` (any format): caller lookup."""
        e164 = self._sce_try_normalize(number)
        if not e164:
            return self.browse()
        return self.search(["|", ("sce_phone_e164", "=", e164), ("sce_mobile_e164", "=", e164)])

    def sce_salutation(self):
        """“Dear Ivan Petrovich!” with the grammatical gender read from the patronymic
        (ETI-1, ETI-3); an appeal without a customer record is answered politely too."""
        if len(self) != 1 or self.is_company or not self.sce_first_name:
            return self.env._("Dear customer!")
        patronymic = (self.sce_patronymic or "").lower()
        if patronymic.endswith(("вна", "чна", "кызы")):
            return self.env._("Dear Ms %(name)s!", name=self.sce_polite_name)
        return self.env._("Dear Mr %(name)s!", name=self.sce_polite_name)

    @api.onchange("sce_surname", "sce_first_name", "sce_patronymic")
    def _onchange_sce_name_parts(self):
        full = self._sce_full_name(
            {f: self[f] for f in ("sce_surname", "sce_first_name", "sce_patronymic")}
        )
        if full and not self.is_company:
            self.name = full
