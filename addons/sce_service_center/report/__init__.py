from . import sce_center_compliance_xlsx
