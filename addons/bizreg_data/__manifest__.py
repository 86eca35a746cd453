# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Data Management",
    "summary": "Encrypted off-site backups with restore drills that really "
    "restore, access reviews, data-sharing agreements, export control and "
    "usage audit on OCA auditlog",
    "version": "18.0.1.1.2",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "bizreg_base",
        "auditlog",
    ],
    "external_dependencies": {"python": ["cryptography"]},
    "data": [
        "security/bizreg_data_security.xml",
        "security/ir.model.access.csv",
        "views/bizreg_data_menus.xml",
        # backup and restore drills
        "security/bizreg_data_backup_security.xml",
        "data/bizreg_data_backup_data.xml",
        "views/bizreg_data_destination_views.xml",
        "views/bizreg_data_backup_views.xml",
        "views/bizreg_data_drill_views.xml",
        "views/bizreg_data_backup_policy_views.xml",
        # access reviews, classification, exports and sharing agreements
        "security/bizreg_data_export_security.xml",
        "security/bizreg_data_access_review_security.xml",
        "security/bizreg_data_sharing_security.xml",
        "data/bizreg_data_classification_data.xml",
        "data/bizreg_data_export_data.xml",
        "data/bizreg_data_access_review_data.xml",
        "data/bizreg_data_sharing_data.xml",
        "report/bizreg_data_access_review_report.xml",
        "views/bizreg_data_access_review_views.xml",
        "views/bizreg_data_sharing_agreement_views.xml",
        "views/bizreg_data_export_log_views.xml",
        "views/bizreg_data_classification_views.xml",
        # data entry and quality
        "security/bizreg_data_quality_security.xml",
        "data/bizreg_data_quality_data.xml",
        "views/bizreg_data_quality_issue_views.xml",
        "views/bizreg_data_entry_rule_views.xml",
        # usage audit
        "data/bizreg_data_audit_data.xml",
        "views/bizreg_data_audit_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        # backup and restore drills
        "demo/bizreg_data_backup_demo.xml",
        # access reviews, classification, exports and sharing agreements
        "demo/bizreg_data_sharing_demo.xml",
        "demo/bizreg_data_access_review_demo.xml",
        # data entry and quality
        "demo/bizreg_data_quality_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bizreg_data/static/tests/tours/**/*",
        ],
    },
}
