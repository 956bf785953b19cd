from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class SurveyPhone(Survey):
    """The operator of a telephone survey answers on the questionnaire's own page for
    the customer they are calling (CC-7 item 24). Odoo refuses a signed-in user whose
    partner is not the answer set's; the operator calling that customer is let in,
    nobody else."""

    def _check_validity(self, survey_token, answer_token, ensure_token=True, check_partner=True):
        validity = super()._check_validity(
            survey_token, answer_token, ensure_token=ensure_token, check_partner=check_partner
        )
        if validity == "answer_wrong_user" and answer_token:
            dummy, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
            if answer_sudo and answer_sudo._sce_operator_may_answer(request.env.user):
                return True
        return validity


class SurveyPhoneProgress(http.Controller):
    @http.route("/sce/survey/phone/progress", type="json", auth="user")
    def progress(self, phone_survey_id):
        """The live figures of a telephone survey for its supervisors, read as them."""
        user = request.env.user
        if not (
            user.has_group("sce_callcenter.group_sce_cc_supervisor")
            or user.has_group("sce_survey.group_sce_survey_organizer")
        ):
            raise AccessError(request.env._("The progress board is for supervisors."))
        phone_survey = request.env["sce.survey.phone"].browse(int(phone_survey_id)).exists()
        if not phone_survey:
            raise MissingError(request.env._("This telephone survey no longer exists."))
        phone_survey.check_access("read")
        return phone_survey._sce_progress()
