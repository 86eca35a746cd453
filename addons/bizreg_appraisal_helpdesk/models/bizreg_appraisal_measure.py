# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class BizregAppraisalMeasure(models.AbstractModel):
    """Customer-service measures: one call of
    ``helpdesk.ticket._bizreg_kpi_service`` (a constant number of
    ``_read_group``) per period, shared by every service measure."""

    _inherit = "bizreg.appraisal.measure"

    _bizreg_service_source = ("helpdesk.ticket", "_bizreg_kpi_service")

    @api.model
    def _bizreg_service_measure(self, employees, date_from, date_to, value_of, keys):
        return self._bizreg_user_figures_measure(
            self._bizreg_service_source, employees, date_from, date_to, value_of, keys
        )

    @api.model
    def _bizreg_measure_service_first_response(self, employees, date_from, date_to):
        return self._bizreg_service_measure(
            employees,
            date_from,
            date_to,
            lambda f: round(f["first_response_hours"], 2) if f["tickets"] else None,
            ["tickets", "first_response_hours"],
        )

    @api.model
    def _bizreg_measure_service_resolution_rate(self, employees, date_from, date_to):
        return self._bizreg_service_measure(
            employees,
            date_from,
            date_to,
            lambda f: round(f["resolution_rate"], 2) if f["tickets"] else None,
            ["tickets", "resolved", "resolution_rate"],
        )

    @api.model
    def _bizreg_measure_service_complaint_on_time(self, employees, date_from, date_to):
        return self._bizreg_service_measure(
            employees,
            date_from,
            date_to,
            lambda f: (
                round(f["complaint_on_time_rate"], 2) if f["complaints"] else None
            ),
            ["complaints", "complaints_on_time", "complaint_on_time_rate"],
        )

    @api.model
    def _bizreg_measure_service_satisfaction(self, employees, date_from, date_to):
        return self._bizreg_service_measure(
            employees,
            date_from,
            date_to,
            lambda f: round(f["satisfaction"], 2) if f["satisfaction_count"] else None,
            ["satisfaction", "satisfaction_count"],
        )

    @api.model
    def _bizreg_measure_service_churn_risk(self, employees, date_from, date_to):
        return self._bizreg_service_measure(
            employees,
            date_from,
            date_to,
            lambda f: round(f["churn_risk_rate"], 2) if f["visits"] else None,
            ["visits", "churn_risk", "churn_risk_rate"],
        )
