# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Marketing",
    "summary": "Market research plans and reports, target markets, marketing "
    "plans with budgets approved before execution, activities as UTM "
    "campaigns, costs, feedback surveys and measured effect",
    "version": "18.0.1.0.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "bizreg_base",
        "crm",
        "utm",
        "survey",
        "sale_crm",
    ],
    "data": [
        "security/bizreg_marketing_security.xml",
        "security/bizreg_marketing_research_security.xml",
        "security/bizreg_marketing_plan_security.xml",
        "security/ir.model.access.csv",
        "views/bizreg_marketing_menus.xml",
        "data/bizreg_marketing_research_method_data.xml",
        "data/bizreg_marketing_research_numbering_data.xml",
        "data/bizreg_marketing_research_tier_data.xml",
        "data/bizreg_marketing_research_cron_data.xml",
        "data/bizreg_marketing_plan_data.xml",
        "data/ir_cron_data.xml",
        "views/bizreg_marketing_research_method_views.xml",
        "views/bizreg_marketing_research_plan_views.xml",
        "views/bizreg_marketing_research_entry_views.xml",
        "views/bizreg_marketing_research_report_views.xml",
        "views/bizreg_marketing_segment_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/bizreg_marketing_feedback_wizard_views.xml",
        "views/bizreg_marketing_research_menus.xml",
        "views/bizreg_marketing_plan_views.xml",
        "views/bizreg_marketing_activity_views.xml",
        "views/bizreg_marketing_request_views.xml",
        "views/bizreg_marketing_cost_views.xml",
        "views/bizreg_marketing_effect_report_views.xml",
        "report/bizreg_marketing_plan_report.xml",
        "report/bizreg_marketing_research_report_report.xml",
    ],
    "demo": [
        "demo/bizreg_marketing_users_demo.xml",
        "demo/bizreg_marketing_plan_demo.xml",
        "demo/bizreg_marketing_research_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bizreg_marketing/static/tests/tours/**/*",
        ],
    },
}
