from . import (
    survey_question,
    survey_survey,
    survey_user_input,
    survey_user_input_demo,
    survey_user_input_invitation,
)
