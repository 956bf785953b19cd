from . import (
    test_demo_data,
    test_demo_history,
    test_queue,
    test_queue_appeal,
    test_queue_board,
    test_queue_booking,
    test_queue_centers,
    test_queue_concurrency,
    test_queue_kiosk,
    test_queue_stats,
)
