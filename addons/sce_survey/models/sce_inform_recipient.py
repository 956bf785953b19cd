from werkzeug.urls import url_join

from odoo import fields, models


class SceInformRecipient(models.Model):
    """A customer invited by a survey campaign: the questionnaire and the interaction
    it assesses, and the personal answer set created when the invitation is sent."""

    _inherit = "sce.inform.recipient"

    sce_survey_id = fields.Many2one("survey.survey", string="Questionnaire", readonly=True)
    sce_ticket_id = fields.Many2one("helpdesk.ticket", string="Appeal assessed", readonly=True)
    sce_call_id = fields.Many2one("sce.call", string="Call assessed", readonly=True)
    sce_queue_ticket_id = fields.Many2one(
        "sce.queue.ticket", string="Visit assessed", readonly=True
    )
    sce_survey_answer_id = fields.Many2one(
        "survey.user_input",
        string="Survey answer",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )

    def _sce_send(self):
        # The send renders the real personal link; a preview or the start's check
        # renders the questionnaire's start page (see _sce_survey_url).
        return super(SceInformRecipient, self.with_context(sce_survey_invite=True))._sce_send()

    def _sce_survey_url(self, invite=False):
        """The personal link: with ``invite`` (the send of a claimed recipient), the
        answer set made by ``survey.survey._sce_invite`` in a transaction of its own,
        committed at once like the claim (the job's own transaction does not see the
        claim; a resent recipient reuses its answer set); otherwise the questionnaire's
        start page (a preview, the campaign start's check)."""
        self.ensure_one()
        if not invite:
            if self.sce_survey_answer_id:
                return self.sce_survey_answer_id._sce_url()
            survey = self.sce_survey_id.sudo()
            return url_join(survey.get_base_url(), survey.get_start_url()) if survey else ""
        with self.env.registry.cursor() as cr:
            recipient = self.with_env(self.env(cr=cr, su=True))
            answer = recipient.sce_survey_answer_id or recipient.sce_survey_id._sce_invite(
                recipient.partner_id,
                recipient.campaign_id.channel,
                ticket=recipient.sce_ticket_id,
                call=recipient.sce_call_id,
                visit=recipient.sce_queue_ticket_id,
                deadline=recipient.campaign_id.sce_survey_deadline,
            )
            recipient.sce_survey_answer_id = answer
            url = answer._sce_url()
            recipient.env.flush_all()
        self.invalidate_recordset(["sce_survey_answer_id"])
        return url
