from . import (
    test_answer_context,
    test_complaint_audit,
    test_info_audit,
    test_quality_check,
)
