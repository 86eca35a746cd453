# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregAppraisalKpi(models.Model):
    """A key performance indicator of the library.

    Its value comes from manual entry or from a *measure*: bridge modules add
    their codes to ``measure_code`` (``selection_add``) and implement
    ``bizreg.appraisal.measure._bizreg_measure_<code>``, or declare the code in
    ``bizreg.appraisal.measure._bizreg_figure_measures``.
    """

    _name = "bizreg.appraisal.kpi"
    _description = "Appraisal KPI"
    _inherit = ["mail.thread"]
    _order = "area_id, sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(help="Short technical reference, unique per company.")
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    area_id = fields.Many2one(
        "bizreg.area", string="Business Area", index=True, tracking=True
    )
    unit = fields.Selection(
        [
            ("percent", "%"),
            ("points", "Percentage points"),
            ("count", "Count"),
            ("people", "People"),
            ("hours", "Hours"),
            ("score", "Score (1-5)"),
            ("amount", "Amount"),
        ],
        required=True,
        default="percent",
    )
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
        tracking=True,
    )
    target = fields.Float(
        string="Default Target",
        default=100.0,
        tracking=True,
        help="Monthly target used when neither the template nor the employee's "
        "targets give one.",
    )
    scoring = fields.Selection(
        [("linear", "Linear to target, capped"), ("bands", "Bands")],
        required=True,
        default="linear",
        tracking=True,
    )
    zero_ratio = fields.Float(
        string="Zero Score At (% of target)",
        default=50.0,
        help="Linear scoring: achievement (in % of target) that scores 0; "
        "the target scores 100. 'Lower is better' KPIs are mirrored.",
    )
    cap = fields.Float(string="Score Cap", default=120.0)
    band_ids = fields.One2many("bizreg.appraisal.kpi.band", "kpi_id", string="Bands")
    source = fields.Selection(
        [("manual", "Manual entry"), ("measure", "Measure")],
        required=True,
        default="manual",
        tracking=True,
    )
    measure_code = fields.Selection(
        [("peer_collaboration", "Average peer evaluation (team collaboration)")],
        string="Measure",
        tracking=True,
        help="Computed from the records of the business area; installed "
        "area bridges add their measures here.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    @api.constrains("target", "zero_ratio", "cap", "source", "measure_code")
    def _check_kpi(self):
        for kpi in self:
            if kpi.target <= 0:
                raise ValidationError(
                    self.env._("The target of KPI “%s” must be positive.", kpi.name)
                )
            if not 0 <= kpi.zero_ratio < 100:
                raise ValidationError(
                    self.env._(
                        "The zero-score achievement of KPI “%s” must be between 0 "
                        "and 100%%.",
                        kpi.name,
                    )
                )
            if kpi.cap < 100:
                raise ValidationError(
                    self.env._(
                        "The score cap of KPI “%s” cannot be below 100.", kpi.name
                    )
                )
            if kpi.source == "measure" and not kpi.measure_code:
                raise ValidationError(
                    self.env._("Choose the measure that computes KPI “%s”.", kpi.name)
                )

    def _bizreg_score(self, actual, target):
        """Score (0..cap) of ``actual`` against ``target``.

        Returns ``(score, achievement in % of target)``.
        """
        self.ensure_one()
        if not target or target <= 0:
            return 0.0, 0.0
        ratio = actual / target
        if self.direction == "lower":
            ratio = 2.0 - ratio  # mirrored: 100 at target, 0 at (2 - zero) x target
        achievement = max(ratio, 0.0) * 100.0
        if self.scoring == "bands" and self.band_ids:
            score = 0.0
            for band in self.band_ids.sorted("min_achievement"):
                if achievement >= band.min_achievement - 1e-9:
                    score = band.score
            return min(score, self.cap), achievement
        zero = self.zero_ratio / 100.0
        score = (ratio - zero) / (1.0 - zero) * 100.0
        return max(0.0, min(score, self.cap)), achievement
