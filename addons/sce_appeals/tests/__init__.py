from . import (
    test_access,
    test_deadline_mixin,
    test_deadlines,
    test_demo_data,
    test_helpdesk_mgmt_compat,
    test_letters,
    test_monitoring,
    test_personal_data,
    test_register,
    test_reminders,
    test_role_workflows,
    test_tour,
)
