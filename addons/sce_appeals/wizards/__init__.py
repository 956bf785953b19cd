from . import sce_appeal_extend_wizard
from . import sce_appeal_refuse_wizard
from . import sce_billing_import_wizard
from . import sce_monitoring_export_wizard
