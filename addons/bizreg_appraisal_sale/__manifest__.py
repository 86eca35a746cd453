# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Appraisal Measures for Sales",
    "summary": "Sales KPIs (revenue, margin, new customers, contracts, review "
    "quality, satisfaction) computed from the sales records",
    "version": "18.0.1.1.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": [
        "bizreg_appraisal",
        "bizreg_sale",
    ],
    "data": [
        "data/bizreg_appraisal_kpi_data.xml",
    ],
    "demo": [
        "demo/bizreg_appraisal_demo.xml",
    ],
}
