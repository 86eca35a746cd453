# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class BizregAppraisalEvaluationLine(models.Model):
    _name = "bizreg.appraisal.evaluation.line"
    _description = "Evaluation Criterion Score"
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        "bizreg.appraisal.evaluation", required=True, ondelete="cascade", index=True
    )
    evaluator_user_id = fields.Many2one(
        related="evaluation_id.evaluator_user_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="evaluation_id.company_id", store=True, index=True
    )
    criterion_id = fields.Many2one(
        "bizreg.appraisal.criterion", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    description = fields.Text(related="criterion_id.description")
    score = fields.Integer(help="1 (poor) to 5 (excellent); 0 = not answered yet.")
    comment = fields.Char()

    @api.constrains("score")
    def _check_score(self):
        for line in self:
            if not 0 <= line.score <= 5:
                raise ValidationError(self.env._("Criteria are scored from 1 to 5."))

    def write(self, vals):
        if not self.env.su:
            if set(vals) - {"score", "comment"}:
                raise UserError(self.env._("Only scores and comments can be changed."))
            self.evaluation_id._bizreg_check_evaluator()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            evaluations = self.env["bizreg.appraisal.evaluation"].browse(
                [vals.get("evaluation_id") for vals in vals_list]
            )
            if not self.env.user.has_group("hr.group_hr_user"):
                evaluations._bizreg_check_evaluator()
        return super().create(vals_list)

    def unlink(self):
        if not self.env.su:
            self.evaluation_id._bizreg_check_evaluator()
        return super().unlink()
