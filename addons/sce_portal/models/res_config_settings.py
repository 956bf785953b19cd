from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sce_payee_name = fields.Char(related="company_id.sce_payee_name", readonly=False)
    sce_payee_inn = fields.Char(related="company_id.sce_payee_inn", readonly=False)
    sce_payee_kpp = fields.Char(related="company_id.sce_payee_kpp", readonly=False)
    sce_bank_name = fields.Char(related="company_id.sce_bank_name", readonly=False)
    sce_bank_bic = fields.Char(related="company_id.sce_bank_bic", readonly=False)
    sce_bank_account = fields.Char(related="company_id.sce_bank_account", readonly=False)
    sce_bank_corr_account = fields.Char(related="company_id.sce_bank_corr_account", readonly=False)
