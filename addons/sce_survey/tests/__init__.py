from . import (
    test_answer_context,
    test_demo_data,
    test_questionnaires,
    test_survey_link_http,
)
