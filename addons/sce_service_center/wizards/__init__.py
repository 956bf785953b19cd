from . import sce_queue_transfer_wizard
from . import sce_cash_reversal_wizard  # noqa: I001
