from . import test_site_service_centers
