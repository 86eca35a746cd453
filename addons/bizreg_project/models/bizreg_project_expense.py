# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import any_trusted

MANAGER = "bizreg_project.group_bizreg_project_manager"


class BizregProjectExpense(models.Model):
    """A cost of a regulated project other than the team's time (equipment,
    material, travel, outsourcing, ...), recorded in a cost category.  Once
    posted by the project manager (or a Project Management Manager) it
    counts in the project's actual cost and can no longer change."""

    _name = "bizreg.project.expense"
    _description = "Project Expense"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    _bizreg_department_from = "project_id.bizreg_department_id"

    name = fields.Char(string="Description", required=True, tracking=True)
    project_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('bizreg_phase', 'not in', (False, 'closed'))]",
    )
    user_id = fields.Many2one(string="Recorded By")
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    category_id = fields.Many2one(
        "bizreg.project.cost.category",
        string="Cost Category",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_labour', '=', False)]",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    posted_by = fields.Many2one("res.users", readonly=True, copy=False)

    @api.constrains("amount")
    def _check_amount(self):
        for expense in self:
            if expense.amount <= 0:
                raise ValidationError(
                    self.env._(
                        "“%s” of an expense must be positive.",
                        expense._fields["amount"]._description_string(self.env),
                    )
                )

    @api.constrains("project_id", "category_id")
    def _check_project(self):
        for expense in self:
            if not expense.project_id.bizreg_phase:
                raise ValidationError(
                    self.env._(
                        "“Project”: expenses are recorded for regulated projects "
                        "only (%s is not one).",
                        expense.project_id.display_name,
                    )
                )
            if expense.project_id.bizreg_phase == "closed":
                raise ValidationError(
                    self.env._(
                        "“Project”: %s is closed; its costs can no longer change.",
                        expense.project_id.display_name,
                    )
                )
            if expense.category_id.is_labour:
                raise ValidationError(
                    self.env._(
                        "“Cost Category”: the labour cost comes from the "
                        "timesheets; record the expense in another category."
                    )
                )

    # ------------------------------------------------------------------
    # CRUD: a posted expense is read-only
    # ------------------------------------------------------------------
    def _check_draft(self):
        if self.env.su or any_trusted():
            return
        for expense in self:
            if expense.state != "draft":
                raise UserError(
                    self.env._(
                        "Expense “%s” is posted: it can no longer change.",
                        expense.name,
                    )
                )

    def write(self, vals):
        self._check_draft()
        return super().write(vals)

    def unlink(self):
        self._check_draft()
        return super().unlink()

    # ------------------------------------------------------------------
    # Posting
    # ------------------------------------------------------------------
    def _check_poster(self):
        user = self.env.user
        if self.env.su or user.has_group(MANAGER):
            return
        for expense in self:
            if expense.project_id.user_id != user:
                raise AccessError(
                    self.env._(
                        "Only the manager of project %s or a Project Management "
                        "Manager posts its expenses.",
                        expense.project_id.display_name,
                    )
                )

    def action_post(self):
        self.check_access("write")
        self._check_poster()
        for expense in self:
            if expense.state != "draft":
                raise UserError(
                    self.env._("Expense “%s” is already posted.", expense.name)
                )
        self._bizreg_engine_write({"state": "posted", "posted_by": self.env.uid})
        return True
