from . import (
    sce_center_compliance_xlsx,
    sce_queue_stats_xlsx,
)
