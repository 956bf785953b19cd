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

    def _sce_survey_url(self):
        """The personal link: created by ``survey.survey._sce_invite`` once the recipient
        is claimed for sending, in a transaction of its own committed at once (like the
        claim); before that (a preview, the start's check) the questionnaire's start
        page."""
        self.ensure_one()
        if self.sce_survey_answer_id:
            return self.sce_survey_answer_id._sce_url()
        if self.state != "sending" or not self.sce_survey_id:
            survey = self.sce_survey_id.sudo()
            return url_join(survey.get_base_url(), survey.get_start_url()) if survey else ""
        with self.env.registry.cursor() as cr:
            recipient = self.with_env(self.env(cr=cr, su=True))
            answer = recipient.sce_survey_id._sce_invite(
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
