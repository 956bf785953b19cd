from . import (
    sce_inform_campaign,
    sce_inform_recipient,
    sce_survey_plan,
    sce_survey_plan_entry,
    survey_question,
    survey_survey,
    survey_user_input,
)
