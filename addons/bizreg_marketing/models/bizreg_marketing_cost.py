# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class BizregMarketingCost(models.Model):
    """An actual cost recorded against a budget line while the plan runs.
    Costs are not terms of the plan's approval; they are fixed once the plan
    is done."""

    _name = "bizreg.marketing.cost"
    _description = "Marketing Actual Cost"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "description"

    budget_line_id = fields.Many2one(
        "bizreg.marketing.budget.line",
        required=True,
        index=True,
        ondelete="restrict",
    )
    activity_id = fields.Many2one(
        related="budget_line_id.activity_id", store=True, index=True
    )
    plan_id = fields.Many2one(related="budget_line_id.plan_id", store=True, index=True)
    company_id = fields.Many2one(
        related="budget_line_id.plan_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="budget_line_id.plan_id.department_id",
        store=True,
        index=True,
    )
    currency_id = fields.Many2one(related="budget_line_id.plan_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    description = fields.Char(required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "bizreg_marketing_cost_attachment_rel",
        "cost_id",
        "attachment_id",
        string="Receipts",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        default=lambda self: self.env.user,
        index=True,
    )

    @api.constrains("amount")
    def _check_amount(self):
        for cost in self:
            if cost.amount <= 0:
                raise ValidationError(
                    self.env._("The “Amount” of an actual cost must be positive.")
                )

    def _check_plan_open(self, lines):
        for plan in lines.plan_id:
            if plan.state != "running":
                raise UserError(
                    self.env._(
                        "Actual costs are recorded while plan “%s” is in execution "
                        "and cannot change once it is done.",
                        plan.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = self.env["bizreg.marketing.budget.line"].browse(
            {vals["budget_line_id"] for vals in vals_list if vals.get("budget_line_id")}
        )
        self._check_plan_open(lines)
        return super().create(vals_list)

    def write(self, vals):
        lines = self.budget_line_id
        if vals.get("budget_line_id"):
            lines |= self.env["bizreg.marketing.budget.line"].browse(
                vals["budget_line_id"]
            )
        self._check_plan_open(lines)
        return super().write(vals)

    def unlink(self):
        self._check_plan_open(self.budget_line_id)
        return super().unlink()
