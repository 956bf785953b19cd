from . import sce_queue_stats_xlsx
