# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class BizregAppraisalMeasure(models.AbstractModel):
    """Sales measures: one call of ``sale.order._bizreg_kpi_sale`` (a constant
    number of ``_read_group``) per period, shared by every sales measure."""

    _inherit = "bizreg.appraisal.measure"

    _bizreg_sale_source = ("sale.order", "_bizreg_kpi_sale")

    @api.model
    def _bizreg_sale_measure(self, employees, date_from, date_to, value_of, keys):
        return self._bizreg_user_figures_measure(
            self._bizreg_sale_source, employees, date_from, date_to, value_of, keys
        )

    @api.model
    def _bizreg_measure_sale_revenue(self, employees, date_from, date_to):
        return self._bizreg_sale_measure(
            employees,
            date_from,
            date_to,
            lambda f: round(f["revenue"], 2),
            ["revenue", "contracts_signed"],
        )

    @api.model
    def _bizreg_measure_sale_margin(self, employees, date_from, date_to):
        return self._bizreg_sale_measure(
            employees,
            date_from,
            date_to,
            lambda f: round(f["margin"], 2),
            ["margin", "revenue"],
        )

    @api.model
    def _bizreg_measure_sale_new_customers(self, employees, date_from, date_to):
        return self._bizreg_sale_measure(
            employees,
            date_from,
            date_to,
            lambda f: f["new_customers"],
            ["new_customers"],
        )

    @api.model
    def _bizreg_measure_sale_customer_growth(self, employees, date_from, date_to):
        return self._bizreg_sale_measure(
            employees,
            date_from,
            date_to,
            lambda f: f["customer_growth_rate"] if f["customers_at_start"] else None,
            ["new_customers", "customers_at_start", "customer_growth_rate"],
        )

    @api.model
    def _bizreg_measure_sale_contracts_signed(self, employees, date_from, date_to):
        return self._bizreg_sale_measure(
            employees,
            date_from,
            date_to,
            lambda f: f["contracts_signed"],
            ["contracts_signed"],
        )

    @api.model
    def _bizreg_measure_sale_contract_review(self, employees, date_from, date_to):
        def value(f):
            if not f["contracts_reviewed"]:
                return None
            passed = f["contracts_reviewed"] - f["contracts_returned"]
            return round(100.0 * passed / f["contracts_reviewed"], 2)

        return self._bizreg_sale_measure(
            employees,
            date_from,
            date_to,
            value,
            ["contracts_reviewed", "contracts_returned"],
        )

    @api.model
    def _bizreg_measure_sale_satisfaction(self, employees, date_from, date_to):
        return self._bizreg_sale_measure(
            employees,
            date_from,
            date_to,
            lambda f: round(f["satisfaction"], 2) if f["satisfaction_count"] else None,
            ["satisfaction", "satisfaction_count"],
        )

    @api.model
    def _bizreg_measure_sale_on_time(self, employees, date_from, date_to):
        return self._bizreg_sale_measure(
            employees,
            date_from,
            date_to,
            lambda f: (
                round(100.0 * f["orders_on_time"] / f["orders_done"], 2)
                if f["orders_done"]
                else None
            ),
            ["orders_done", "orders_on_time"],
        )
