# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregSaleScoreCriterion(models.Model):
    _name = "bizreg.sale.score.criterion"
    _description = "Lead Screening Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(
        translate=True, help="What the salesperson checks to rate this criterion."
    )
    weight = fields.Float(required=True, default=1.0)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    @api.constrains("weight")
    def _check_weight(self):
        for criterion in self:
            if criterion.weight <= 0:
                raise ValidationError(
                    self.env._("The weight of a screening criterion must be positive.")
                )
