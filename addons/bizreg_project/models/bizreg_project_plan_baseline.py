# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class BizregProjectPlanBaseline(models.Model):
    """One line of a plan version's baseline: a milestone or a task of the
    schedule as it was approved, with its planned date.  Written by the
    approval, never by hand; older versions keep theirs, so that the
    schedules can be compared."""

    _name = "bizreg.project.plan.baseline"
    _description = "Project Plan Baseline Line"
    _order = "plan_id, kind, planned_date, id"

    plan_id = fields.Many2one(
        "bizreg.project.plan",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    project_id = fields.Many2one(
        related="plan_id.project_id", store=True, index=True, string="Project"
    )
    department_id = fields.Many2one(
        related="plan_id.department_id", store=True, index=True
    )
    user_id = fields.Many2one(
        related="plan_id.user_id", store=True, string="Plan Responsible"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [("milestone", "Milestone"), ("task", "Task")],
        required=True,
        readonly=True,
    )
    milestone_id = fields.Many2one(
        "project.milestone", readonly=True, ondelete="set null"
    )
    task_id = fields.Many2one("project.task", readonly=True, ondelete="set null")
    name = fields.Char(required=True, readonly=True)
    planned_date = fields.Date(string="Baseline Date", readonly=True)
    depends_on = fields.Char(readonly=True)
    current_date = fields.Date(
        compute="_compute_current",
        help="The milestone's deadline or the task's deadline now.",
    )
    variance_days = fields.Integer(
        string="Variance (Days)",
        compute="_compute_current",
        help="Current date minus baseline date: positive when later.",
    )

    @api.depends(
        "milestone_id.deadline",
        "milestone_id.reached_date",
        "task_id.date_deadline",
        "planned_date",
    )
    def _compute_current(self):
        for line in self:
            if line.kind == "milestone":
                milestone = line.milestone_id.sudo()
                current = milestone.reached_date or milestone.deadline
            else:
                deadline = line.task_id.sudo().date_deadline
                current = (
                    deadline
                    and fields.Datetime.context_timestamp(line, deadline).date()
                )
            line.current_date = current or False
            line.variance_days = (
                (current - line.planned_date).days
                if current and line.planned_date
                else 0
            )
