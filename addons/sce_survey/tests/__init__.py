from . import (
    test_answer_context,
    test_complaint_audit,
    test_demo_control,
    test_demo_data,
    test_info_audit,
    test_quality_check,
    test_questionnaires,
    test_survey_link_http,
    test_survey_phone,
    test_survey_phone_concurrency,
    test_survey_phone_http,
    test_survey_phone_tour,
)
