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
        "security/sce_survey_result_rules.xml",
        "views/sce_survey_result_views.xml",
        "views/sce_quality_indicator_views.xml",
        "wizards/sce_survey_report_wizard_views.xml",
        "report/sce_survey_yearly_report.xml",
        "views/sce_survey_report_menus.xml",
    ],
}
