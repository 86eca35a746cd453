# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The fields of a budget line that are terms of its plan's approval.
TERM_FIELDS = {"activity_id", "name", "category", "amount"}


class BizregMarketingBudgetLine(models.Model):
    """One line of an activity's budget (planned amount), with the actual
    costs recorded against it during execution."""

    _name = "bizreg.marketing.budget.line"
    _description = "Marketing Budget Line"
    _order = "activity_id, id"

    activity_id = fields.Many2one(
        "bizreg.marketing.activity",
        required=True,
        index=True,
        ondelete="cascade",
    )
    plan_id = fields.Many2one(
        related="activity_id.plan_id", store=True, index=True, string="Marketing Plan"
    )
    company_id = fields.Many2one(
        related="activity_id.plan_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(
        related="activity_id.plan_id.user_id",
        store=True,
        index=True,
        string="Plan Responsible",
    )
    department_id = fields.Many2one(
        related="activity_id.plan_id.department_id",
        store=True,
        index=True,
    )
    currency_id = fields.Many2one(related="activity_id.plan_id.currency_id")
    name = fields.Char(string="Description", required=True)
    category = fields.Selection(
        [
            ("venue", "Venue"),
            ("material", "Material"),
            ("media", "Media"),
            ("personnel", "Personnel"),
            ("travel", "Travel"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    amount = fields.Monetary(string="Planned Amount", required=True)
    cost_ids = fields.One2many(
        "bizreg.marketing.cost", "budget_line_id", string="Actual Costs"
    )
    amount_actual = fields.Monetary(
        string="Actual Amount", compute="_compute_amount_actual", store=True
    )
    variance = fields.Monetary(
        compute="_compute_amount_actual",
        store=True,
        help="Planned minus actual amount: negative when the line overspends.",
    )

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    self.env._(
                        "The “Planned Amount” of budget line “%s” cannot be negative.",
                        line.name,
                    )
                )

    @api.depends("amount", "cost_ids.amount")
    def _compute_amount_actual(self):
        for line in self:
            line.amount_actual = sum(line.cost_ids.mapped("amount"))
            line.variance = line.amount - line.amount_actual

    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.activity_id.theme} / {line.name}"
                if line.activity_id
                else line.name or ""
            )

    # Every change goes through the plan's approval (any route: direct
    # writes over RPC, new lines, deleted lines, lines moved between plans).
    @api.model_create_multi
    def create(self, vals_list):
        activities = self.env["bizreg.marketing.activity"].browse(
            {vals["activity_id"] for vals in vals_list if vals.get("activity_id")}
        )
        activities.plan_id._check_terms_editable()
        lines = super().create(vals_list)
        lines.plan_id._bizreg_send_back_changed()
        return lines

    def write(self, vals):
        plans = self.plan_id
        if vals.get("activity_id"):
            plans |= (
                self.env["bizreg.marketing.activity"]
                .browse(vals["activity_id"])
                .plan_id
            )
        terms = TERM_FIELDS & set(vals)
        if terms:
            plans._check_terms_editable()
        res = super().write(vals)
        if terms:
            plans._bizreg_send_back_changed()
        return res

    def unlink(self):
        plans = self.plan_id
        plans._check_terms_editable()
        if self.cost_ids:
            raise ValidationError(
                self.env._(
                    "A budget line with actual costs cannot be deleted "
                    "(“Actual Costs”)."
                )
            )
        res = super().unlink()
        plans.exists()._bizreg_send_back_changed()
        return res
