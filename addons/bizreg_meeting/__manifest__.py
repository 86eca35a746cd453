# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Communication",
    "summary": "Department meetings with approved minutes and tracked action "
    "items, work reports with deadlines and statistics, cross-department "
    "groups with an issue log, partner communication plans, visits and "
    "agreements",
    "version": "18.0.1.0.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "bizreg_base",
        "calendar",
        "project",
        "agreement",
    ],
    "data": [
        "security/bizreg_meeting_security.xml",
        "security/bizreg_partner_visit_security.xml",
        "security/bizreg_meeting_meeting_security.xml",
        "security/bizreg_work_report_security.xml",
        "security/bizreg_collab_security.xml",
        "security/ir.model.access.csv",
        "views/bizreg_meeting_menus.xml",
        "data/bizreg_partner_visit_data.xml",
        "views/bizreg_partner_comm_plan_views.xml",
        "views/bizreg_partner_visit_views.xml",
        "views/res_partner_views.xml",
        "data/bizreg_meeting_meeting_data.xml",
        "views/bizreg_meeting_series_views.xml",
        "views/bizreg_meeting_views.xml",
        "views/bizreg_meeting_action_views.xml",
        "report/bizreg_meeting_minutes_report.xml",
        "data/bizreg_work_report_data.xml",
        "views/bizreg_work_report_views.xml",
        "views/bizreg_work_report_template_views.xml",
        "data/bizreg_collab_data.xml",
        "views/bizreg_collab_group_views.xml",
        "views/bizreg_collab_issue_views.xml",
        "views/agreement_views.xml",
        "views/bizreg_collab_settings_views.xml",
    ],
    "demo": [
        "demo/bizreg_meeting_meeting_demo.xml",
        "demo/bizreg_work_report_demo.xml",
        "demo/bizreg_partner_visit_demo.xml",
        "demo/bizreg_collab_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bizreg_meeting/static/tests/tours/**/*",
        ],
    },
}
