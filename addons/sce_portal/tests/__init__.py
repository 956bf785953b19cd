from . import test_portal_appeals, test_reception
