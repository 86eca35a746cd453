# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Appraisal of Project Management",
    "summary": "Project KPIs (milestones on time, acceptances passed at the first "
    "request, cost variance) and peer evaluators among the colleagues who worked "
    "on the same project tasks",
    "version": "18.0.1.1.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": [
        "bizreg_appraisal",
        "project",
        "bizreg_project",
    ],
    "data": [
        "data/bizreg_appraisal_kpi_data.xml",
    ],
}
