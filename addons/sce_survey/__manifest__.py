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
        "security/sce_survey_plan_rules.xml",
        "data/sce_survey_plan_data.xml",
        "views/survey_survey_views.xml",
        "views/survey_user_input_views.xml",
        "views/sce_survey_plan_views.xml",
        "views/sce_survey_plan_entry_views.xml",
        "views/sce_inform_campaign_views.xml",
        "views/sce_survey_menus.xml",
    ],
}
