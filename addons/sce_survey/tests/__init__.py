from . import test_answer_context
