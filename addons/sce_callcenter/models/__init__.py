from . import (
    helpdesk_ticket,
    res_partner,
    res_users,
    sce_call,
    sce_call_callback,
    sce_call_event,
    sce_call_recording,
    sce_cti_source,
    sce_recording_access_log,
    sce_recording_rule,
)
