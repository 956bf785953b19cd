import pytz

from odoo import models


class SurveyUserInput(models.Model):
    """The invitation texts of a personal answer set (FB-4, FB-5): the e-mail of
    ``mail_template_sce_survey_invitation`` and a short SMS, both addressing the customer
    by first name and patronymic (ETI-1) and carrying the personal link. The planner's
    campaigns send them; this addon only writes them."""

    _inherit = "survey.user_input"  # pylint: disable=consider-merging-classes-inherited

    def _sce_send_invitation_email(self, force_send=False):
        """Queue the invitation e-mail of each answer set (one ``mail.mail`` each, in
        the customer's language, rendered in batches); returns the mails. Answer sets
        without an e-mail address are skipped: the planner offers them another channel."""
        template = self.env.ref("sce_survey.mail_template_sce_survey_invitation")
        with_address = self.filtered(lambda a: a.partner_id.email or a.email)
        if not with_address:
            return self.env["mail.mail"]
        return template.send_mail_batch(with_address.ids, force_send=force_send)

    def _sce_invitation_sms_text(self):
        """The SMS inviting the customer to this answer set: the polite name, the
        personal link and the company, in the customer's language."""
        self.ensure_one()
        partner = self.partner_id
        answer = self.with_context(lang=partner.lang or self.env.lang)
        if partner.sce_first_name:
            return answer.env._(
                "%(name)s, please rate our service: %(url)s %(company)s",
                name=partner.sce_polite_name,
                url=self._sce_url(),
                company=self.env.company.name,
            )
        return answer.env._(
            "Please rate our service: %(url)s %(company)s",
            url=self._sce_url(),
            company=self.env.company.name,
        )

    def _sce_deadline_date(self):
        """The day the link closes (DD.MM.YYYY), in the production calendar's time zone
        the customer service counts its days in."""
        self.ensure_one()
        if not self.deadline:
            return ""
        company = self.env.company
        tz = (company.sce_calendar_id or company.resource_calendar_id)._sce_tz()
        return pytz.utc.localize(self.deadline).astimezone(tz).strftime("%d.%m.%Y")
