from . import sce_service_center
