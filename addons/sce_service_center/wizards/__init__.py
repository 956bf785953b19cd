from . import (
    sce_cash_reversal_wizard,
    sce_queue_appeal_wizard,
    sce_queue_stats_wizard,
    sce_queue_transfer_wizard,
)
