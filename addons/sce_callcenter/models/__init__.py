from . import (
    helpdesk_ticket,
    res_partner,
    res_users,
    sce_call,
    sce_call_callback,
    sce_call_event,
    sce_call_recording,
    sce_cti_source,
    sce_cti_source_vendor,
    sce_ivr_node,
    sce_ivr_self_service,
    sce_recording_access_log,
    sce_recording_rule,
)
from . import (
    res_partner_inform,
    sce_cti_source_autodial,
    sce_inform_campaign,
    sce_outage,
    sce_sms_gateway,
)
