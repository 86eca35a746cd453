# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Appraisal Measures for Communication",
    "summary": "Communication KPIs (work reports submitted, meeting action items "
    "closed on time, partner visits done as planned) computed from the work "
    "reports, the minutes and the visit reports",
    "version": "18.0.1.0.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": [
        "bizreg_appraisal",
        "bizreg_meeting",
    ],
    "data": [
        "data/bizreg_appraisal_kpi_data.xml",
    ],
    "demo": [
        "demo/bizreg_appraisal_demo.xml",
    ],
}
