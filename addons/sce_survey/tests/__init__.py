from . import (
    test_answer_context,
    test_survey_phone,
    test_survey_phone_concurrency,
    test_survey_phone_http,
    test_survey_phone_tour,
)
