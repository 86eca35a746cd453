# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

SERVICE_MEASURES = [
    ("service_first_response", "Service: average first-response time (hours)"),
    ("service_resolution_rate", "Service: resolution rate (%)"),
    ("service_complaint_on_time", "Service: complaints resolved on time (%)"),
    ("service_satisfaction", "Service: satisfaction (1-5)"),
    ("service_churn_risk", "Service: churn-risk customers among visited (%)"),
]


class BizregAppraisalKpi(models.Model):
    _inherit = "bizreg.appraisal.kpi"

    measure_code = fields.Selection(
        selection_add=SERVICE_MEASURES,
        ondelete={code: "set null" for code, _label in SERVICE_MEASURES},
    )
