from . import test_center_compliance  # noqa: I001 - one line per slice for clean merges
from . import test_demo_data, test_queue, test_queue_board, test_queue_concurrency
from . import test_site_assessment  # noqa: I001
from . import test_cash_desk  # noqa: I001
from . import test_demo_register_cash  # noqa: I001
