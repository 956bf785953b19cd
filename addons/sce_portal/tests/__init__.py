from . import test_demo_data, test_portal_appeals, test_reception
