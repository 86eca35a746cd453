# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

PROJECT_MEASURES = [
    (
        "project_milestones_on_time",
        "Project: milestones reached by their baseline date (%)",
    ),
    (
        "project_first_acceptance",
        "Project: acceptances passed at the first request (%)",
    ),
    (
        "project_cost_variance",
        "Project: cost variance of the closed projects (|actual - budget| / budget, %)",
    ),
]


class BizregAppraisalKpi(models.Model):
    _inherit = "bizreg.appraisal.kpi"

    measure_code = fields.Selection(
        selection_add=PROJECT_MEASURES,
        ondelete={code: "set null" for code, _label in PROJECT_MEASURES},
    )
