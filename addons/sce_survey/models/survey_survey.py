from odoo import fields, models

SCE_SURVEY_KINDS = [
    ("appeal", "After an answered appeal"),
    ("visit", "After a service-center visit"),
    ("call", "After a call-center call"),
    ("yearly", "Yearly satisfaction study"),
    ("phone_group", "Telephone group survey"),
    ("audit", "Complainant audit"),
]


class SurveySurvey(models.Model):
    """A questionnaire of Odoo's survey application, tagged with what it is for in the
    customer service: the planner picks the questionnaire of the interaction a customer
    had (FB-4), the reports group answers by it (FB-5, CTRL-6)."""

    _inherit = "survey.survey"

    sce_kind = fields.Selection(
        SCE_SURVEY_KINDS,
        string="Customer-service purpose",
        index=True,
        help="What the questionnaire assesses. Empty for questionnaires outside the "
        "customer service (trainings, HR surveys…).",
    )

    def _sce_invite(self, partner, channel, ticket=None, call=None, visit=None, deadline=None):
        """The personal answer set (token link) inviting ``partner`` to this questionnaire
        through ``channel`` (a value of ``INVITE_CHANNELS``), linked to the appeal, call or
        service-center visit it assesses; ``deadline`` closes the link. The shared entry
        point of the planner's campaigns and the operators' telephone surveys."""
        self.ensure_one()
        return self._create_answer(
            partner=partner,
            check_attempts=False,
            sce_invite_channel=channel,
            sce_ticket_id=ticket.id if ticket else False,
            sce_call_id=call.id if call else False,
            sce_queue_ticket_id=visit.id if visit else False,
            deadline=deadline or False,
        )
