# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

MEETING_MEASURES = [
    ("meeting_report_submission", "Communication: work reports submitted (%)"),
    ("meeting_actions_on_time", "Communication: action items closed on time (%)"),
    ("meeting_visits_as_planned", "Communication: partner visits done as planned (%)"),
]


class BizregAppraisalKpi(models.Model):
    _inherit = "bizreg.appraisal.kpi"

    measure_code = fields.Selection(
        selection_add=MEETING_MEASURES,
        ondelete={code: "set null" for code, _label in MEETING_MEASURES},
    )
