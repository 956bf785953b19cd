from . import test_answer_context
from . import test_complaint_audit
