{
    "name": "SCE Portal",
    "summary": "Internet reception and the customer's appeals in the portal "
    "for an electricity retailer",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "category": "Services/Helpdesk",
    "author": "SCE Customer Service",
    "website": "https://example.com/sce",
    "depends": ["sce_appeals", "portal", "website", "payment", "payment_demo"],
    "data": [
        "security/ir.model.access.csv",
        "views/sce_reception_templates.xml",
        "views/sce_portal_appeal_templates.xml",
        "security/sce_portal_rules.xml",
        "data/payment_data.xml",
        "views/sce_cabinet_register_templates.xml",
        "views/sce_cabinet_templates.xml",
        "views/sce_account_receipt_report.xml",
        "views/res_config_settings_views.xml",
        "views/sce_portal_backend_views.xml",
        "data/mail_template_data.xml",
        "data/sce_portal_service_data.xml",
        "views/sce_portal_service_views.xml",
        "views/sce_site_services_templates.xml",
        "views/sce_site_templates.xml",
        "views/sce_site_footer_templates.xml",
        "data/sce_site_menu_data.xml",
    ],
    "demo": [
        "demo/sce_portal_demo.xml",
        "demo/sce_cabinet_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_frontend": [
            "sce_portal/static/src/js/reception_faq.js",
        ],
        "web.assets_tests": [
            "sce_portal/static/tests/tours/*.js",
        ],
    },
}
