import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ANSWERED_STATES = ("answered", "closed")
MAX_SUMMARY = 4000
PUBLIC_LIMIT = 100


class HelpdeskTicket(models.Model):
    """Published answers to complaints (WEB-5): an anonymised summary of an answered
    complaint, shown on the public page "Answers to complaints"."""

    _inherit = "helpdesk.ticket"

    sce_summary_published = fields.Boolean(
        string="Publish summary",
        copy=False,
        index=True,
        tracking=True,
        help="Show the anonymised summary on the public page “Answers to complaints”.",
    )
    sce_public_summary = fields.Text(
        string="Anonymised summary",
        copy=False,
        tracking=True,
        help="The complaint and the answer without any personal data: no names, personal "
        "account numbers, addresses, phones or e-mails.",
    )

    def _sce_personal_terms(self):
        """The customer's data that must never appear in a public summary."""
        self.ensure_one()
        ticket = self.sudo()
        partner, account = ticket.partner_id, ticket.account_id
        terms = [
            partner.sce_surname,
            partner.sce_first_name,
            partner.sce_patronymic,
            partner.name,
            ticket.partner_name,
            partner.email,
            ticket.partner_email,
            partner.street,
            account.name,
            account.supply_address,
            *partner.sce_account_ids.mapped("name"),
            *partner.sce_account_ids.mapped("supply_address"),
        ]
        return [term.strip() for term in terms if term and len(term.strip()) >= 3]

    def _sce_personal_phones(self):
        self.ensure_one()
        partner = self.sudo().partner_id
        digits = (re.sub(r"\D", "", phone or "") for phone in (partner.phone, partner.mobile))
        return [number[-7:] for number in digits if len(number) >= 7]

    @api.constrains("sce_summary_published", "sce_public_summary", "appeal_kind", "stage_id")
    def _check_public_summary(self):
        for ticket in self.filtered("sce_summary_published"):
            if ticket.appeal_kind != "complaint" or ticket.sce_state not in ANSWERED_STATES:
                raise ValidationError(
                    self.env._("Only the summary of an answered complaint can be published.")
                )
            summary = (ticket.sce_public_summary or "").strip()
            if not summary:
                raise ValidationError(self.env._("Write the anonymised summary to publish."))
            if len(summary) > MAX_SUMMARY:
                raise ValidationError(
                    self.env._("The summary is longer than %(max)s characters.", max=MAX_SUMMARY)
                )
            folded = summary.casefold()
            found = [term for term in ticket._sce_personal_terms() if term.casefold() in folded]
            digits = re.sub(r"\D", "", summary)
            found += [phone for phone in ticket._sce_personal_phones() if phone in digits]
            if found:
                raise ValidationError(
                    self.env._(
                        "The summary of %(number)s contains the customer's personal data "
                        "(%(found)s): remove it before publishing.",
                        number=ticket.number,
                        found=", ".join(found),
                    )
                )

    @api.model
    def _sce_published_summaries(self, search="", topic=None):
        """Published summaries for the public page: only the topic, the summary and the
        month of the answer are read from them, nothing of the customer."""
        domain = [
            ("sce_summary_published", "=", True),
            ("appeal_kind", "=", "complaint"),
            ("sce_state", "in", ANSWERED_STATES),
        ]
        if search:
            domain += ["|", ("sce_public_summary", "ilike", search), ("category_id.name", "ilike", search)]
        if topic:
            domain.append(("category_id", "=", topic.id))
        tickets = self.sudo().search(domain, order="date_answered desc, id desc", limit=PUBLIC_LIMIT)
        return [
            {
                "topic": ticket.category_id.name or "",
                "topic_id": ticket.category_id.id,
                "summary": ticket.sce_public_summary,
                "answered": ticket.sce_local_date("date_answered"),
            }
            for ticket in tickets
        ]
