from . import test_demo_data, test_queue, test_queue_board, test_queue_concurrency
from . import test_queue_kiosk
from . import test_queue_centers
from . import test_queue_booking
from . import test_queue_appeal
from . import test_queue_stats
