# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

RND_MEASURES = [
    (
        "rnd_delivered_in_plan",
        "R&D: requirements delivered in their planned release (%)",
    ),
    (
        "rnd_defects_after_release",
        "R&D: defects found after release (count)",
    ),
    (
        "rnd_release_satisfaction",
        "R&D: user satisfaction with releases (1-5)",
    ),
]


class BizregAppraisalKpi(models.Model):
    _inherit = "bizreg.appraisal.kpi"

    measure_code = fields.Selection(
        selection_add=RND_MEASURES,
        ondelete={code: "set null" for code, _label in RND_MEASURES},
    )
