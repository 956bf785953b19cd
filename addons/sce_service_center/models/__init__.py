from . import (
    sce_center_offered_service,
    sce_queue_counter,
    sce_queue_service,
    sce_queue_ticket,
    sce_queue_ticket_event,
    sce_queue_window,
    sce_service_center,
    sce_service_center_check,
    sce_service_center_compliance,
    sce_service_center_equipment,
    sce_site_assessment,
    sce_site_breakpoint,
)
