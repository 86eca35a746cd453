# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

MARKETING_MEASURES = [
    (
        "marketing_research_on_time",
        "Marketing: research reports delivered by the planned date (%)",
    ),
    ("marketing_activities_on_time", "Marketing: activities completed on time (%)"),
    ("marketing_participants", "Marketing: activity participants (people)"),
    (
        "marketing_conversion",
        "Marketing: campaign conversion (won opportunities / leads, %)",
    ),
]


class BizregAppraisalKpi(models.Model):
    _inherit = "bizreg.appraisal.kpi"

    measure_code = fields.Selection(
        selection_add=MARKETING_MEASURES,
        ondelete={code: "set null" for code, _label in MARKETING_MEASURES},
    )
