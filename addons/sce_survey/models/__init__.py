from . import (
    sce_call_survey_phone,
    sce_survey_phone,
    sce_survey_phone_entry,
    survey_question,
    survey_survey,
    survey_user_input,
    survey_user_input_phone,
)
