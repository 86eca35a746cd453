# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Base",
    "summary": "Roles, approvals, numbering, deadlines and four-eyes review "
    "shared by every bizreg module",
    "version": "18.0.1.5.4",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "mail",
        "hr",
        "resource",
        "base_tier_validation",
        "base_tier_validation_forward",
    ],
    "data": [
        "security/bizreg_base_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/bizreg_area_data.xml",
        "views/bizreg_menus.xml",
        "views/bizreg_area_views.xml",
        "views/hr_department_views.xml",
        "views/tier_definition_views.xml",
        "views/tier_review_views.xml",
        "views/bizreg_approval_delegation_views.xml",
        "views/bizreg_numbering_rule_views.xml",
        "views/bizreg_four_eyes_rule_views.xml",
        "views/bizreg_pending_change_views.xml",
        "views/bizreg_amendment_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/bizreg_base_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bizreg_base/static/tests/crawl/**/*",
        ],
    },
}
