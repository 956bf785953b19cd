from . import (
    test_call_workstation,
    test_cti_api,
    test_cti_vendors,
    test_demo_data,
    test_ivr,
    test_self_service,
)
