# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregRndScoringModel(models.Model):
    """How requirements are scored: RICE (reach × impact × confidence /
    effort) or a weighted sum of value, reach, effort and risk."""

    _name = "bizreg.rnd.scoring.model"
    _description = "Requirement Scoring Model"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="The first active model is the default one."
    )
    active = fields.Boolean(default=True)
    formula = fields.Selection(
        [
            ("rice", "RICE (reach × impact × confidence / effort)"),
            ("weighted", "Weighted (value, reach, effort, risk)"),
        ],
        required=True,
        default="rice",
    )
    weight_value = fields.Float(string="Value Weight", default=1.0)
    weight_reach = fields.Float(string="Reach Weight", default=1.0)
    weight_effort = fields.Float(
        string="Effort Weight",
        default=1.0,
        help="Subtracted: more effort lowers the score.",
    )
    weight_risk = fields.Float(
        string="Risk Weight",
        default=1.0,
        help="Subtracted: more risk lowers the score.",
    )
    description = fields.Text()
    company_id = fields.Many2one("res.company", index=True)

    @api.constrains("weight_value", "weight_reach", "weight_effort", "weight_risk")
    def _check_weights(self):
        for model in self:
            for name in (
                "weight_value",
                "weight_reach",
                "weight_effort",
                "weight_risk",
            ):
                if model[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "“%(field)s” of scoring model “%(model)s” cannot be "
                            "negative.",
                            field=self._fields[name]._description_string(self.env),
                            model=model.name,
                        )
                    )

    @api.model
    def _default_model(self):
        return self.search(
            [("company_id", "in", [False, self.env.company.id])], limit=1
        )

    def _score(self, requirement):
        """The score of ``requirement`` (0 without a model)."""
        if not self:
            return 0.0
        self.ensure_one()
        if self.formula == "rice":
            if requirement.effort <= 0:
                return 0.0
            return (
                requirement.reach
                * requirement.impact
                * (requirement.confidence / 100.0)
                / requirement.effort
            )
        return (
            self.weight_value * requirement.value
            + self.weight_reach * requirement.reach
            - self.weight_effort * requirement.effort
            - self.weight_risk * requirement.risk
        )
