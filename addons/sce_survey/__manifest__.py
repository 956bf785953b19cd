{
    "name": "SCE Surveys and Control",
    "summary": "Satisfaction surveys on Odoo's survey application, the passive-feedback "
    "planner, telephone group surveys, internal-control audits and the quality indicators' "
    "survey inputs",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "category": "Services/Helpdesk",
    "author": "SCE Customer Service",
    "website": "https://example.com/sce",
    "depends": ["survey", "sce_appeals", "sce_callcenter", "sce_service_center"],
    "data": [
        "security/sce_survey_groups.xml",
        "security/ir.model.access.csv",
        "views/survey_survey_views.xml",
        "views/survey_user_input_views.xml",
        "views/sce_survey_menus.xml",
        "security/sce_survey_phone_rules.xml",
        "views/sce_survey_phone_views.xml",
        "views/sce_survey_phone_entry_views.xml",
        "views/sce_survey_phone_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "sce_survey/static/src/phone_survey/*",
        ],
        "web.assets_tests": [
            "sce_survey/static/tests/tours/*.js",
        ],
    },
}
