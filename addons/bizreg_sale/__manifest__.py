# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Sales",
    "summary": "Prospect screening, negotiation, contract review and signing "
    "before confirmation, order execution tracking, contract ledger",
    "version": "18.0.1.3.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "bizreg_base",
        "crm",
        "sale_management",
        "sale_margin",
        "sale_crm",
    ],
    "data": [
        "security/bizreg_sale_security.xml",
        "security/ir.model.access.csv",
        "data/bizreg_sale_data.xml",
        "data/utm_medium_data.xml",
        "data/tier_definition_data.xml",
        "data/bizreg_amendment_tier_data.xml",
        "data/ir_cron_data.xml",
        "report/sale_contract_review_report.xml",
        "wizards/bizreg_sale_signing_wizard_views.xml",
        "wizards/bizreg_sale_complete_wizard_views.xml",
        "wizards/bizreg_sale_screening_override_wizard_views.xml",
        "views/utm_medium_views.xml",
        "views/bizreg_sale_score_criterion_views.xml",
        "views/bizreg_sale_bottom_line_views.xml",
        "views/bizreg_sale_handoff_rule_views.xml",
        "views/bizreg_sale_negotiation_views.xml",
        "views/bizreg_sale_order_issue_views.xml",
        "views/crm_lead_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/bizreg_sale_menus.xml",
    ],
    "demo": [
        "demo/bizreg_sale_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bizreg_sale/static/tests/tours/**/*",
        ],
    },
}
