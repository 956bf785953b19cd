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
        "data/survey_appeal_data.xml",
        "data/survey_visit_data.xml",
        "data/survey_call_data.xml",
        "data/survey_yearly_data.xml",
        "data/mail_template_data.xml",
        "views/survey_templates.xml",
    ],
    "demo": [
        "demo/survey_answers_demo.xml",
    ],
}
