from . import sce_queue_transfer_wizard
from . import sce_queue_appeal_wizard
from . import sce_queue_stats_wizard
