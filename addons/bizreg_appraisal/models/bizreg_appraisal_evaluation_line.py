# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import is_trusted

# A criterion's score: 0 = not answered yet, then 1 (poor) to 5 (excellent)
# stars (the web client's priority widget shows a Selection as stars).
SCORE_SELECTION = [
    ("0", "Not scored"),
    ("1", "Poor"),
    ("2", "Fair"),
    ("3", "Good"),
    ("4", "Very good"),
    ("5", "Excellent"),
]
# What the evaluator writes on a criterion.
CONTENT_FIELDS = {"score", "score_stars", "comment"}


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
    score_stars = fields.Selection(
        SCORE_SELECTION,
        string="Rating",
        compute="_compute_score_stars",
        inverse="_inverse_score_stars",
        help="1 (poor) to 5 (excellent) stars.",
    )
    comment = fields.Char()

    @api.depends("score")
    def _compute_score_stars(self):
        for line in self:
            line.score_stars = str(line.score) if 0 <= line.score <= 5 else False

    def _inverse_score_stars(self):
        for line in self:
            line.score = int(line.score_stars or 0)

    @api.constrains("score")
    def _check_score(self):
        for line in self:
            if not 0 <= line.score <= 5:
                raise ValidationError(self.env._("Criteria are scored from 1 to 5."))

    def write(self, vals):
        if not self.env.su and not is_trusted("engine"):
            self._bizreg_check_input(vals)
            # the fields the application sets: the same refusal as on every
            # bizreg model (bizreg_base), before this model's own rules
            self._bizreg_check_engine_fields(vals.keys())
            if set(vals) - CONTENT_FIELDS:
                raise UserError(self.env._("Only scores and comments can be changed."))
            self.evaluation_id._bizreg_check_evaluator()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        """Criteria are added to open forms: by their evaluator, or unscored
        by HR (never on HR's own appraisal)."""
        if not self.env.su and not is_trusted("engine"):
            for vals in vals_list:
                self._bizreg_check_input(vals)
            evaluations = self.env["bizreg.appraisal.evaluation"].browse(
                [vals.get("evaluation_id") for vals in vals_list]
            )
            theirs = evaluations.filtered(
                lambda e: e.evaluator_user_id == self.env.user
            )
            if theirs:
                theirs._bizreg_check_evaluator()
            others = evaluations - theirs
            if others:
                if not self.env.user.has_group("hr.group_hr_user"):
                    others._bizreg_check_evaluator()
                others.appraisal_id._bizreg_check_not_own()
                if any(e.state != "draft" for e in others) or any(
                    vals.get("score")
                    or vals.get("score_stars") not in (None, False, "0")
                    for vals in vals_list
                    if vals.get("evaluation_id") in others.ids
                ):
                    raise AccessError(
                        self.env._(
                            "Only the evaluator scores a criterion, on an open form."
                        )
                    )
        return super().create(vals_list)

    def unlink(self):
        if not self.env.su and not is_trusted("engine"):
            self.evaluation_id._bizreg_check_evaluator()
        return super().unlink()
