from . import (
    helpdesk_ticket,
    res_partner,
    res_users,
    sce_call,
    sce_call_event,
    sce_cti_source,
    sce_cti_source_vendor,
    sce_ivr_node,
    sce_ivr_self_service,
)
