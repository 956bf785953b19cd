from . import sce_call_stats_xlsx
