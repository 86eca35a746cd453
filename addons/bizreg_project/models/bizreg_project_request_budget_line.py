# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The fields of a budget line that are terms of its request's approval.
TERM_FIELDS = {"request_id", "category_id", "name", "amount"}


class BizregProjectRequestBudgetLine(models.Model):
    """One line of a project request's budget: an amount in a cost category."""

    _name = "bizreg.project.request.budget.line"
    _description = "Project Request Budget Line"
    _order = "request_id, sequence, id"

    sequence = fields.Integer(default=10)
    request_id = fields.Many2one(
        "bizreg.project.request",
        string="Project Request",
        required=True,
        index=True,
        ondelete="cascade",
    )
    category_id = fields.Many2one(
        "bizreg.project.cost.category",
        string="Cost Category",
        required=True,
        index=True,
        ondelete="restrict",
    )
    name = fields.Char(string="Description")
    amount = fields.Monetary(required=True, default=0.0)
    currency_id = fields.Many2one(related="request_id.currency_id")
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True
    )
    state = fields.Selection(related="request_id.state")

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    self.env._(
                        "The “Amount” of budget line “%s” cannot be negative.",
                        line.name or line.category_id.name,
                    )
                )

    # Every change goes through the request's approval (any route: direct
    # writes over RPC, new lines, deleted lines, lines moved between requests).
    @api.model_create_multi
    def create(self, vals_list):
        requests = self.env["bizreg.project.request"].browse(
            {vals["request_id"] for vals in vals_list if vals.get("request_id")}
        )
        requests._check_terms_editable()
        lines = super().create(vals_list)
        lines.request_id._bizreg_send_back_changed()
        return lines

    def write(self, vals):
        requests = self.request_id
        if vals.get("request_id"):
            requests |= self.env["bizreg.project.request"].browse(vals["request_id"])
        terms = TERM_FIELDS & set(vals)
        if terms:
            requests._check_terms_editable()
        res = super().write(vals)
        if terms:
            requests._bizreg_send_back_changed()
        return res

    def unlink(self):
        requests = self.request_id
        requests._check_terms_editable()
        res = super().unlink()
        requests.exists()._bizreg_send_back_changed()
        return res
