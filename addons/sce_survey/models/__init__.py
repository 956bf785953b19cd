from . import (
    survey_question,
    survey_survey,
    survey_user_input,
)
