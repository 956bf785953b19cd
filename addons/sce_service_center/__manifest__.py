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
        "security/sce_service_center_booking_groups.xml",
        "security/ir.model.access.csv",
        "security/sce_service_center_rules.xml",
        "data/sce_queue_service_data.xml",
        "views/sce_service_center_views.xml",
        "views/sce_queue_service_views.xml",
        "views/sce_queue_window_views.xml",
        "wizards/sce_queue_transfer_wizard_views.xml",
        "views/sce_queue_ticket_views.xml",
        "views/sce_queue_board_templates.xml",
        "views/sce_service_center_menus.xml",
        "report/sce_queue_ticket_report.xml",
        "views/sce_queue_kiosk_views.xml",
        "views/sce_queue_kiosk_templates.xml",
        "views/sce_queue_booking_views.xml",
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
