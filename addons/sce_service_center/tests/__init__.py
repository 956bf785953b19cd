from . import (
    test_cash_desk,
    test_center_compliance,
    test_demo_data,
    test_demo_register_cash,
    test_queue,
    test_queue_board,
    test_queue_concurrency,
    test_site_assessment,
)
