# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregAppraisalGrade(models.Model):
    """A grade band: final scores from ``min_score`` up map to this grade."""

    _name = "bizreg.appraisal.grade"
    _description = "Appraisal Grade"
    _order = "min_score desc, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("excellent", "Excellent"),
            ("good", "Good"),
            ("pass", "Satisfactory"),
            ("improve", "Needs Improvement"),
            ("fail", "Unsatisfactory"),
        ],
        required=True,
        help="Role of the grade in the rules: 'excellent' counts for forced "
        "distribution, promotion priority and honours.",
    )
    min_score = fields.Float(
        string="Minimum Score",
        required=True,
        help="A final score at or above this value (and below the next band) "
        "gets this grade.",
    )
    coefficient = fields.Float(
        string="Bonus Coefficient",
        required=True,
        default=1.0,
        digits=(4, 2),
        help="Bonus = bonus base × coefficient.",
    )
    below_standard = fields.Boolean(
        help="Results of this grade are below standard: the bonus is reduced "
        "(deduction = base × (1 − coefficient)) and a training need is recorded.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Each grade role can be used once per company.",
        ),
    ]

    @api.constrains("min_score", "coefficient")
    def _check_values(self):
        for grade in self:
            if not 0 <= grade.min_score <= 120:
                raise ValidationError(
                    self.env._("A grade's minimum score must be between 0 and 120.")
                )
            if grade.coefficient < 0:
                raise ValidationError(
                    self.env._("A bonus coefficient cannot be negative.")
                )

    @api.model
    def _bizreg_grades(self, company):
        """Active grades of ``company`` (or shared ones), best first."""
        return self.search(
            ["|", ("company_id", "=", False), ("company_id", "=", company.id)]
        )

    def _bizreg_grade_for(self, score):
        """The grade of ``score`` among ``self`` (sorted best first)."""
        for grade in self.sorted(lambda g: -g.min_score):
            if score >= grade.min_score - 1e-9:
                return grade
        return self.sorted("min_score")[:1]
