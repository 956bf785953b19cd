from . import (
    test_answer_context,
    test_quality_indicator_survey_inputs,
    test_survey_results,
    test_yearly_report,
)
