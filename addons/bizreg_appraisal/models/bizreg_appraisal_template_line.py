# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregAppraisalTemplateLine(models.Model):
    _name = "bizreg.appraisal.template.line"
    _description = "Appraisal Template KPI"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "bizreg.appraisal.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    kpi_id = fields.Many2one("bizreg.appraisal.kpi", required=True, ondelete="restrict")
    weight = fields.Float(string="Weight (%)", required=True)
    target = fields.Float(
        help="Monthly target for the template's employees (empty = the KPI's default)."
    )
    unit = fields.Selection(related="kpi_id.unit")
    direction = fields.Selection(related="kpi_id.direction")
    source = fields.Selection(related="kpi_id.source")

    _sql_constraints = [
        (
            "kpi_uniq",
            "unique(template_id, kpi_id)",
            "A KPI appears once per template.",
        ),
    ]

    @api.constrains("weight", "target")
    def _check_line(self):
        for line in self:
            if line.weight <= 0 or line.weight > 100:
                raise ValidationError(
                    self.env._("A KPI weight must be more than 0 and at most 100%.")
                )
            if line.target < 0:
                raise ValidationError(
                    self.env._(
                        "The target of KPI “%s” cannot be negative.", line.kpi_id.name
                    )
                )
        if not self.env.context.get("bizreg_template_write"):
            self.template_id._check_weights()
