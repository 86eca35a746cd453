# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

SALE_MEASURES = [
    ("sale_revenue", "Sales: revenue of confirmed orders"),
    ("sale_margin", "Sales: gross margin of confirmed orders"),
    ("sale_new_customers", "Sales: new customers (first confirmed order)"),
    (
        "sale_customer_growth",
        "Sales: customer growth rate (new customers / customers at start, %)",
    ),
    ("sale_contracts_signed", "Sales: contracts signed"),
    (
        "sale_contract_review",
        "Sales: contracts passed review without being returned (%)",
    ),
    ("sale_satisfaction", "Sales: customer satisfaction of completed orders (1-5)"),
    ("sale_on_time", "Sales: completed orders delivered on time (%)"),
]


class BizregAppraisalKpi(models.Model):
    _inherit = "bizreg.appraisal.kpi"

    measure_code = fields.Selection(
        selection_add=SALE_MEASURES,
        ondelete={code: "set null" for code, _label in SALE_MEASURES},
    )
