from . import (
    sce_queue_counter,
    sce_queue_service,
    sce_queue_ticket,
    sce_queue_ticket_event,
    sce_queue_window,
    sce_service_center,
)
from . import sce_service_center_kiosk, sce_queue_ticket_kiosk, sce_queue_ticket_event_kinds
from . import res_users, sce_queue_ticket_transfer
from . import sce_service_center_hours, sce_queue_booking
from . import res_partner, sce_queue_ticket_appeal
from . import sce_queue_ticket_stats
