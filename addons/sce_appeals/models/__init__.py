# The abstract bases first: the models below inherit them.
from . import sce_deadline_mixin, sce_tabular_import_mixin

# isort: split
from . import (
    helpdesk_ticket,
    helpdesk_ticket_channel,
    helpdesk_ticket_stage,
    helpdesk_ticket_team,
    ir_http,
    res_company,
    res_config_settings,
    res_partner,
    res_partner_card,
    res_users,
    resource_calendar,
    sce_account,
    sce_account_move,
    sce_appeal_import,
    sce_appeal_import_error,
    sce_calendar_day,
    sce_faq_article,
    sce_meter,
    sce_meter_reading,
    sce_mro,
    sce_quality_indicator,
    sce_sla_policy,
    sce_territorial_unit,
)
