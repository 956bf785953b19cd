from odoo import fields, models


class SceFaqArticle(models.Model):
    """A knowledge base article (CC-7 item 22); published ones feed the portal FAQ."""

    _name = "sce.faq.article"
    _description = "Knowledge base article"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _rec_names_search = ["name", "answer"]

    name = fields.Char(string="Question", required=True, translate=True, index="trigram")
    answer = fields.Html(required=True, translate=True)
    category_id = fields.Many2one("helpdesk.ticket.category", string="Topic", index=True)
    sequence = fields.Integer(default=10)
    is_published = fields.Boolean(string="Published", tracking=True, index=True)
    active = fields.Boolean(default=True)
