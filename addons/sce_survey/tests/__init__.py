from . import test_answer_context
from . import test_complaint_audit
from . import test_quality_check
from . import test_info_audit
