from . import test_queue, test_queue_board, test_queue_concurrency
