# The abstract base first: the models below inherit it.
from . import sce_appeal_wizard

# isort: split
from . import (
    sce_appeal_extend_wizard,
    sce_appeal_refuse_wizard,
    sce_billing_import_wizard,
    sce_monitoring_export_wizard,
)
