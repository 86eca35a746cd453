# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Appraisal of Product R&D",
    "summary": "R&D KPIs measured from releases: requirements delivered in their "
    "planned release, defects found after release, user satisfaction with releases",
    "version": "18.0.1.0.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": [
        "bizreg_appraisal",
        "bizreg_rnd",
    ],
    "data": [
        "data/bizreg_appraisal_kpi_data.xml",
    ],
}
