# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation",
    "summary": "The whole suite in one install: every area of the regulation, "
    "the regulation map with live compliance figures, and the onboarding "
    "checklist",
    "version": "18.0.1.1.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "application": True,
    "depends": [
        "bizreg_base",
        "bizreg_sale",
        "bizreg_helpdesk",
        "bizreg_marketing",
        "bizreg_marketing_helpdesk",
        "bizreg_rnd",
        "bizreg_project",
        "bizreg_data",
        "bizreg_document",
        "bizreg_meeting",
        "bizreg_appraisal",
        "bizreg_appraisal_sale",
        "bizreg_appraisal_helpdesk",
        "bizreg_appraisal_marketing",
        "bizreg_appraisal_rnd",
        "bizreg_appraisal_project",
        "bizreg_appraisal_meeting",
        "spreadsheet_dashboard",
    ],
    "data": [
        "security/ir.model.access.csv",
        "views/bizreg_regulation_clause_views.xml",
        "views/res_config_settings_views.xml",
        "data/bizreg_regulation_clause_data.xml",
        "data/bizreg_dashboard_data.xml",
    ],
    "demo": ["demo/bizreg_story_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "bizreg/static/tests/tours/**/*",
        ],
    },
}
