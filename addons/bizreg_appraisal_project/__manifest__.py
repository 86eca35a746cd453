# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Business Regulation: Appraisal Peers from Projects",
    "summary": "Suggest peer evaluators among the colleagues who worked on the same "
    "project tasks",
    "version": "18.0.1.0.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": [
        "bizreg_appraisal",
        "project",
    ],
}
