from . import sce_queue_transfer_wizard
