# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from odoo.addons.bizreg_appraisal.models.bizreg_appraisal_measure import (
    figure_if,
    percent,
)

SALE_KPIS = ("sale.order", "_bizreg_kpi_sale")


class BizregAppraisalMeasure(models.AbstractModel):
    """Sales measures: figures of ``sale.order._bizreg_kpi_sale`` (a constant
    number of ``_read_group``), called once per period for every sales
    measure."""

    _inherit = "bizreg.appraisal.measure"

    @api.model
    def _bizreg_figure_measures(self):
        measures = super()._bizreg_figure_measures()
        measures.update(
            {
                "sale_revenue": (
                    SALE_KPIS,
                    lambda f: round(f["revenue"], 2),
                    ["revenue", "contracts_signed"],
                ),
                "sale_margin": (
                    SALE_KPIS,
                    lambda f: round(f["margin"], 2),
                    ["margin", "revenue"],
                ),
                "sale_new_customers": (
                    SALE_KPIS,
                    lambda f: f["new_customers"],
                    ["new_customers"],
                ),
                "sale_customer_growth": (
                    SALE_KPIS,
                    figure_if("customer_growth_rate", "customers_at_start"),
                    ["new_customers", "customers_at_start", "customer_growth_rate"],
                ),
                "sale_contracts_signed": (
                    SALE_KPIS,
                    lambda f: f["contracts_signed"],
                    ["contracts_signed"],
                ),
                "sale_contract_review": (
                    SALE_KPIS,
                    lambda f: percent(
                        f["contracts_reviewed"] - f["contracts_returned"],
                        f["contracts_reviewed"],
                    ),
                    ["contracts_reviewed", "contracts_returned"],
                ),
                "sale_satisfaction": (
                    SALE_KPIS,
                    figure_if("satisfaction", "satisfaction_count"),
                    ["satisfaction", "satisfaction_count"],
                ),
                "sale_on_time": (
                    SALE_KPIS,
                    lambda f: percent(f["orders_on_time"], f["orders_done"]),
                    ["orders_done", "orders_on_time"],
                ),
            }
        )
        return measures
