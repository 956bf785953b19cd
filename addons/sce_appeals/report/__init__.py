from . import sce_monitoring_xlsx
