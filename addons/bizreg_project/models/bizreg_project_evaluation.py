# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SCORE_FIELDS = (
    "schedule_score",
    "quality_score",
    "cost_score",
    "collaboration_score",
)


class BizregProjectEvaluation(models.Model):
    """The evaluation of a finished project by the Project Management
    Manager (项目评价): schedule, quality, cost and team collaboration, each
    scored 1 to 5.  One per project, required before the project closes.

    A model of its own, not fields of the acceptance: the acceptance is the
    accepting department's decision (possibly requested several times),
    while the evaluation is the PM Manager's judgement of the whole project,
    written once by someone else, with its own access."""

    _name = "bizreg.project.evaluation"
    _description = "Project Evaluation"
    _inherit = ["bizreg.record.mixin", "mail.thread"]
    _order = "date desc, id desc"
    _bizreg_department_from = "project_id.bizreg_department_id"
    _bizreg_department_depends = ("project_id", "project_id.bizreg_department_id")
    # the evaluator is whoever records the evaluation, never a name the
    # caller chooses (the project's manager would name someone else)
    _bizreg_engine_fields_extra = ("user_id",)

    project_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one(string="Evaluator")
    date = fields.Date(default=fields.Date.context_today, required=True)
    schedule_score = fields.Integer(
        string="Schedule", required=True, default=3, tracking=True
    )
    quality_score = fields.Integer(
        string="Quality", required=True, default=3, tracking=True
    )
    cost_score = fields.Integer(string="Cost", required=True, default=3, tracking=True)
    collaboration_score = fields.Integer(
        string="Team Collaboration", required=True, default=3, tracking=True
    )
    overall_score = fields.Float(
        string="Overall",
        compute="_compute_overall_score",
        store=True,
        aggregator="avg",
        digits=(3, 2),
    )
    comments = fields.Text()

    _sql_constraints = [
        (
            "project_unique",
            "unique(project_id)",
            "A project is evaluated once.",
        )
    ]

    @api.depends(*SCORE_FIELDS)
    def _compute_overall_score(self):
        for rec in self:
            rec.overall_score = sum(rec[name] for name in SCORE_FIELDS) / len(
                SCORE_FIELDS
            )

    @api.constrains(*SCORE_FIELDS)
    def _check_scores(self):
        for rec in self:
            for name in SCORE_FIELDS:
                if not 1 <= rec[name] <= 5:
                    raise ValidationError(
                        self.env._(
                            "“%s” is scored from 1 to 5.",
                            rec._fields[name]._description_string(self.env),
                        )
                    )

    @api.constrains("user_id", "project_id")
    def _check_evaluator(self):
        manager_group = "bizreg_project.group_bizreg_project_manager"
        for rec in self:
            if not rec.user_id.has_group(manager_group):
                raise ValidationError(
                    self.env._(
                        "The “Evaluator” of a project is a Project Management Manager."
                    )
                )
            if rec.user_id == rec.sudo().project_id.user_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s manages project “%(project)s”: the "
                        "“Evaluator” must be someone else.",
                        user=rec.user_id.name,
                        project=rec.project_id.display_name,
                    )
                )

    @api.depends("project_id.name")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = (
                self.env._("Evaluation of %s", rec.project_id.name)
                if rec.project_id
                else self.env._("Project Evaluation")
            )

    def _check_project_open(self):
        if self.env.su:
            return
        closed = self.filtered(lambda r: r.sudo().project_id.bizreg_phase == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Project “%s” is closed: its evaluation can no longer change.",
                    closed[0].project_id.display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_project_open()
        return records

    def write(self, vals):
        self._check_project_open()
        res = super().write(vals)
        if "project_id" in vals:
            self._check_project_open()
        return res

    def unlink(self):
        self._check_project_open()
        return super().unlink()
