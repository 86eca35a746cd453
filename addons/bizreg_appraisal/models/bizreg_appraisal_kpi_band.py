# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregAppraisalKpiBand(models.Model):
    """Band scoring: an achievement (in % of target) from ``min_achievement``
    scores ``score``."""

    _name = "bizreg.appraisal.kpi.band"
    _description = "KPI Scoring Band"
    _order = "kpi_id, min_achievement"

    kpi_id = fields.Many2one(
        "bizreg.appraisal.kpi", required=True, ondelete="cascade", index=True
    )
    min_achievement = fields.Float(string="From Achievement (%)", required=True)
    score = fields.Float(required=True)

    @api.constrains("min_achievement", "score")
    def _check_band(self):
        for band in self:
            if band.min_achievement < 0 or band.score < 0:
                raise ValidationError(
                    self.env._("Band achievements and scores cannot be negative.")
                )
