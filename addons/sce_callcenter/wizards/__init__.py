from . import sce_call_script_run, sce_call_stats_wizard
