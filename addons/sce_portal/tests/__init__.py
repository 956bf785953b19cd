from . import (
    test_appeal_actions,
    test_bulk_data,
    test_cabinet_accounts,
    test_cabinet_consents,
    test_cabinet_registration,
    test_cabinet_tour,
    test_complaint_answers,
    test_demo_data,
    test_portal_appeals,
    test_reception,
    test_service_requests,
)
