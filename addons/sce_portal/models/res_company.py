from odoo import fields, models


class ResCompany(models.Model):
    """The payee's bank details printed on the receipt and encoded in its payment QR code
    (GOST R 56042-2014)."""

    _inherit = "res.company"

    sce_payee_name = fields.Char(string="Payee name on receipts")
    sce_payee_inn = fields.Char(string="Payee INN")
    sce_payee_kpp = fields.Char(string="Payee KPP")
    sce_bank_name = fields.Char(string="Payee's bank")
    sce_bank_bic = fields.Char(string="Bank BIC")
    sce_bank_account = fields.Char(string="Settlement account")
    sce_bank_corr_account = fields.Char(string="Correspondent account")
