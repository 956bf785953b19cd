{
    "name": "SCE Call Center",
    "summary": "Calls from any PBX through a signed CTI API, the operator's screen pop "
    "and appeals registered from calls",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "category": "Services/Helpdesk",
    "author": "SCE Customer Service",
    "website": "https://example.com/sce",
    "depends": ["sce_appeals", "bus"],
    "data": [
        "security/sce_callcenter_groups.xml",
        "security/ir.model.access.csv",
        "security/sce_callcenter_rules.xml",
        "security/sce_ivr_rules.xml",
        "views/sce_cti_source_views.xml",
        "views/sce_cti_source_vendor_views.xml",
        "views/sce_ivr_node_views.xml",
        "views/sce_call_views.xml",
        "views/res_users_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/sce_callcenter_menus.xml",
    ],
    "demo": [
        "demo/sce_callcenter_demo.xml",
        "demo/sce_ivr_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_backend": [
            "sce_callcenter/static/src/screen_pop/*",
        ],
    },
}
