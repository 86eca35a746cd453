# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Business Regulation: Customer Feedback from Service for Marketing",
    "summary": "Market research gathers customer feedback from the "
    "consultations and complaints of customer service",
    "version": "18.0.1.0.0",
    "category": "Business Regulation",
    "website": "https://github.com/bizreg/bizreg",
    "author": "bizreg",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": [
        "bizreg_marketing",
        "bizreg_helpdesk",
    ],
}
