from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from odoo.addons.sce_callcenter.models.sce_inform_words import date_to_words_ru


class SceInformCampaign(models.Model):
    """Survey invitations go out as the call center's campaigns (FB-4): the planner
    makes one a day per channel; its recipients get a personal link ({survey_url})
    that closes at {survey_deadline}, counted in working days."""

    _inherit = "sce.inform.campaign"

    purpose = fields.Selection(
        selection_add=[("survey", "Satisfaction survey")], ondelete={"survey": "cascade"}
    )
    sce_survey_plan_id = fields.Many2one(
        "sce.survey.plan", string="Feedback planner", readonly=True, index="btree_not_null"
    )
    sce_survey_deadline = fields.Datetime(
        string="Links valid until",
        readonly=True,
        help="The personal links close then (working days of the production calendar).",
    )

    def action_build_recipients(self):
        self._sce_check_not_survey()
        return super().action_build_recipients()

    def action_import_recipients(self):
        self._sce_check_not_survey()
        return super().action_import_recipients()

    def _sce_check_not_survey(self):
        if any(campaign.purpose == "survey" for campaign in self):
            raise UserError(
                self.env._("The feedback planner chooses the recipients of survey campaigns.")
            )

    def _sce_render_values(self, recipient):
        """Survey campaigns add the personal link and its closing date."""
        values = super()._sce_render_values(recipient)
        if self.purpose != "survey":
            return values
        deadline = (
            self.sce_survey_deadline
            and fields.Datetime.context_timestamp(
                self.with_context(tz=self.default_tz), self.sce_survey_deadline
            ).date()
        )
        if not deadline:
            closing = ""
        elif self.channel == "phone":
            closing = date_to_words_ru(deadline)
        else:
            closing = format_date(self.env, deadline, lang_code="ru_RU")
        values.update(
            survey_url=recipient._sce_survey_url(
                invite=self.env.context.get("sce_survey_invite", False)
            ),
            survey_deadline=closing,
        )
        return values
