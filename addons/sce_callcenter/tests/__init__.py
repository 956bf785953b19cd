from . import (
    test_bulk_data,
    test_call_callback,
    test_call_recording,
    test_call_workstation,
    test_click_to_dial,
    test_cti_api,
    test_cti_vendors,
    test_demo_data,
    test_ivr,
    test_recording_route,
    test_self_service,
)
from . import (
    test_inform_campaign,
    test_outage,
    test_sms_gateway,
)
