# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Customer Service",
    "summary": "Consultation archive, complaints with deadlines and escalation, "
    "satisfaction and return visits on OCA Helpdesk",
    "version": "18.0.1.4.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "product",
        "bizreg_base",
        "helpdesk_mgmt",
        "helpdesk_mgmt_sla",
        "helpdesk_mgmt_rating",
        "helpdesk_type",
    ],
    "data": [
        "security/bizreg_helpdesk_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_data.xml",
        "data/bizreg_complaint_class_data.xml",
        "data/bizreg_return_visit_plan_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/helpdesk_ticket_type_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_stage_views.xml",
        "views/bizreg_complaint_class_views.xml",
        "views/bizreg_helpdesk_investigation_views.xml",
        "views/bizreg_return_visit_plan_views.xml",
        "views/bizreg_return_visit_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/bizreg_helpdesk_call_log_views.xml",
        "wizards/bizreg_helpdesk_close_override_views.xml",
        "views/bizreg_helpdesk_menus.xml",
    ],
    "demo": [
        "demo/bizreg_helpdesk_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bizreg_helpdesk/static/tests/tours/**/*",
        ],
    },
}
