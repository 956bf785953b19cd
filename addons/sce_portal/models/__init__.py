from . import helpdesk_ticket, sce_reception_submission
