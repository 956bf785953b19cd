from . import test_answer_context, test_survey_plan
