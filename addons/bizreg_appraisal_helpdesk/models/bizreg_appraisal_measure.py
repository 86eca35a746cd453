# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from odoo.addons.bizreg_appraisal.models.bizreg_appraisal_measure import figure_if

SERVICE_KPIS = ("helpdesk.ticket", "_bizreg_kpi_service")


class BizregAppraisalMeasure(models.AbstractModel):
    """Customer-service measures: figures of
    ``helpdesk.ticket._bizreg_kpi_service`` (a constant number of queries),
    called once per period for every service measure."""

    _inherit = "bizreg.appraisal.measure"

    @api.model
    def _bizreg_figure_measures(self):
        measures = super()._bizreg_figure_measures()
        measures.update(
            {
                "service_first_response": (
                    SERVICE_KPIS,
                    figure_if("first_response_hours", "tickets"),
                    ["tickets", "first_response_hours"],
                ),
                "service_resolution_rate": (
                    SERVICE_KPIS,
                    figure_if("resolution_rate", "tickets"),
                    ["tickets", "resolved", "resolution_rate"],
                ),
                "service_complaint_on_time": (
                    SERVICE_KPIS,
                    figure_if("complaint_on_time_rate", "complaints"),
                    ["complaints", "complaints_on_time", "complaint_on_time_rate"],
                ),
                "service_satisfaction": (
                    SERVICE_KPIS,
                    figure_if("satisfaction", "satisfaction_count"),
                    ["satisfaction", "satisfaction_count"],
                ),
                "service_churn_risk": (
                    SERVICE_KPIS,
                    figure_if("churn_risk_rate", "visits"),
                    ["visits", "churn_risk", "churn_risk_rate"],
                ),
            }
        )
        return measures
