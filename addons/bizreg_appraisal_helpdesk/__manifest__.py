# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Appraisal Measures for Customer Service",
    "summary": "Customer-service KPIs (first response, resolution, complaints on "
    "time, satisfaction, churn risk) computed from the helpdesk records",
    "version": "18.0.1.1.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": [
        "bizreg_appraisal",
        "bizreg_helpdesk",
    ],
    "data": [
        "data/bizreg_appraisal_kpi_data.xml",
    ],
    "demo": [
        "demo/bizreg_appraisal_demo.xml",
    ],
}
