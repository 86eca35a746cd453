# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregSaleHandoffRule(models.Model):
    """Which department receives a confirmed contract, per product category."""

    _name = "bizreg.sale.handoff.rule"
    _description = "Contract Hand-off Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    handoff_type = fields.Selection(
        [
            ("delivery", "Delivery / logistics"),
            ("purchase", "Purchasing"),
            ("production", "Production"),
            ("other", "Other"),
        ],
        string="Hand-off To",
        required=True,
        default="delivery",
    )
    categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="The hand-off applies when the order sells a product of these "
        "categories (or their sub-categories); empty for every order.",
    )
    department_id = fields.Many2one("hr.department", index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        domain="[('share', '=', False)]",
        help="Receives the hand-off activity; empty for the department's manager.",
    )
    note = fields.Html(
        translate=True, help="Instructions added to the hand-off activity."
    )

    @api.constrains("department_id", "user_id")
    def _check_recipient(self):
        for rule in self:
            if not rule.user_id and not rule.department_id.manager_id.user_id:
                raise ValidationError(
                    self.env._(
                        "Hand-off “%s” needs a responsible user or a department "
                        "whose manager is a user.",
                        rule.name,
                    )
                )

    def _bizreg_recipient(self):
        self.ensure_one()
        return self.user_id or self.department_id.manager_id.user_id

    def _bizreg_matches(self, categories):
        """Whether the rule applies to an order selling ``categories``."""
        self.ensure_one()
        if not self.categ_ids:
            return True
        paths = [c.parent_path or "" for c in categories]
        return any(
            path.startswith(categ.parent_path)
            for categ in self.categ_ids
            for path in paths
        )
