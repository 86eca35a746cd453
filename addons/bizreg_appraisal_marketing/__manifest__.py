# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Appraisal Measures for Marketing",
    "summary": "Marketing KPIs (research reports on time, activities on time, "
    "activity participants, campaign conversion) computed from the marketing "
    "records",
    "version": "18.0.1.0.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": [
        "bizreg_appraisal",
        "bizreg_marketing",
    ],
    "data": [
        "data/bizreg_appraisal_kpi_data.xml",
    ],
    "demo": [
        "demo/bizreg_appraisal_demo.xml",
    ],
}
