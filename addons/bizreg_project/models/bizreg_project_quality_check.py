# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregProjectQualityCheck(models.Model):
    """A quality check recorded against an acceptance criterion of the
    project's approved quality plan: when, by whom, the result and the
    evidence."""

    _name = "bizreg.project.quality.check"
    _description = "Project Quality Check"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    criterion_id = fields.Many2one(
        "bizreg.project.quality.criterion",
        string="Acceptance Criterion",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('plan_id.state', '=', 'approved')]",
    )
    project_id = fields.Many2one(
        related="criterion_id.project_id", store=True, index=True, string="Project"
    )
    plan_id = fields.Many2one(
        related="criterion_id.plan_id", store=True, index=True, string="Plan"
    )
    department_id = fields.Many2one(
        related="criterion_id.project_id.bizreg_department_id",
        store=True,
        index=True,
        string="Responsible Department",
    )
    project_user_id = fields.Many2one(
        related="criterion_id.project_id.user_id",
        store=True,
        index=True,
        string="Project Manager",
    )
    company_id = fields.Many2one(
        related="criterion_id.project_id.company_id", store=True, index=True
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    result = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed")],
        required=True,
        tracking=True,
    )
    evidence = fields.Text(help="What was checked and what proves the result.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "bizreg_project_quality_check_attachment_rel",
        "check_id",
        "attachment_id",
        string="Evidence Files",
    )
    checked_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )

    @api.constrains("criterion_id")
    def _check_criterion(self):
        for check in self:
            criterion = check.criterion_id.sudo()
            if criterion.plan_id and criterion.plan_id.state != "approved":
                raise ValidationError(
                    self.env._(
                        "“Acceptance Criterion”: “%s” is not in the approved quality "
                        "plan of its project.",
                        criterion.name,
                    )
                )
            if not criterion.project_id.bizreg_phase:
                raise ValidationError(
                    self.env._(
                        "“Acceptance Criterion”: “%s” belongs to a project outside "
                        "the regulation.",
                        criterion.name,
                    )
                )

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for check in self:
            if check.date and check.date > today:
                raise ValidationError(
                    self.env._("The “Date” of a quality check cannot be in the future.")
                )

    def _compute_display_name(self):
        for check in self:
            check.display_name = f"{check.criterion_id.name or ''} ({check.date or ''})"
