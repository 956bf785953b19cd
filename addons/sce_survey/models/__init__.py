from . import (
    sce_quality_indicator,
    sce_survey_result,
    survey_question,
    survey_survey,
    survey_user_input,
    survey_user_input_score,
)
