{
    "name": "SCE Service Center",
    "summary": "Service centers and their electronic queue: tickets by service with "
    "priority for the individual approach, call-next per window, a live hall board",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "category": "Services/Helpdesk",
    "author": "SCE Customer Service",
    "website": "https://example.com/sce",
    "depends": ["sce_appeals", "bus"],
    "data": [
        "security/sce_service_center_groups.xml",
        "security/ir.model.access.csv",
        "data/sce_queue_service_data.xml",
        "views/sce_service_center_views.xml",
        "views/sce_queue_service_views.xml",
        "views/sce_queue_window_views.xml",
        "wizards/sce_queue_transfer_wizard_views.xml",
        "views/sce_queue_ticket_views.xml",
        "views/sce_queue_board_templates.xml",
        "views/sce_service_center_menus.xml",
        "data/sce_center_offered_service_data.xml",
        "report/sce_center_compliance_report.xml",
        "views/sce_service_center_compliance_views.xml",
        "data/sce_site_breakpoint_data.xml",
        "report/sce_site_assessment_report.xml",
        "views/sce_site_assessment_views.xml",
    ],
    "demo": [
        "demo/sce_service_center_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_frontend": [
            "sce_service_center/static/src/board/*",
        ],
    },
}
