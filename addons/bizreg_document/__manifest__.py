# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Document Management",
    "summary": "One register of controlled documents on OCA DMS: categories "
    "with numbering, versions reviewed before publishing, borrowing with due "
    "dates, retention and archiving",
    "version": "18.0.1.0.1",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "bizreg_base",
        "dms",
    ],
    "data": [
        "security/bizreg_document_security.xml",
        "security/bizreg_document_security_rules.xml",
        "security/bizreg_document_borrowing_security.xml",
        "security/bizreg_document_disposal_security.xml",
        "security/ir.model.access.csv",
        "views/bizreg_document_menus.xml",
        "data/bizreg_document_category_data.xml",
        "data/bizreg_document_version_data.xml",
        "views/bizreg_document_category_views.xml",
        "views/bizreg_document_views.xml",
        "views/bizreg_document_version_views.xml",
        "views/bizreg_document_acknowledgement_views.xml",
        "data/bizreg_document_borrowing_data.xml",
        "views/bizreg_document_borrowing_views.xml",
        "views/bizreg_document_access_log_views.xml",
        "report/bizreg_document_borrowing_report.xml",
        "data/bizreg_document_disposal_data.xml",
        "views/bizreg_document_disposal_views.xml",
        "views/bizreg_document_reporting_views.xml",
        "report/bizreg_document_disposal_report.xml",
    ],
    "demo": [
        "demo/bizreg_document_users_demo.xml",
        "demo/bizreg_document_demo.xml",
        "demo/bizreg_document_borrowing_demo.xml",
        "demo/bizreg_document_disposal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bizreg_document/static/tests/tours/**/*",
        ],
    },
}
