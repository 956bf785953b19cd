from . import (
    test_access,
    test_customer_card,
    test_deadlines,
    test_demo_data,
    test_helpdesk_mgmt_compat,
    test_letters,
    test_monitoring,
    test_register,
    test_reminders,
    test_tour,
)
