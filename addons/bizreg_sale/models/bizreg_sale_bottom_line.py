# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

LEVELS = ["none", "manager", "director"]


class BizregSaleBottomLine(models.Model):
    """The company's bottom line for a product category and/or pricelist.

    A quotation line below ``min_margin_percent``, above ``max_discount`` or
    under ``min_price`` needs the Sales Manager's approval; below
    ``director_margin_percent`` or above ``director_discount`` the Director's
    too.  The most specific rule applies (pricelist and category first, then
    the deepest category, then the company-wide rule).
    """

    _name = "bizreg.sale.bottom.line"
    _description = "Sales Bottom Line"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        index=True,
        tracking=True,
        help="Applies to this category and its sub-categories; empty for all.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        index=True,
        tracking=True,
        help="Applies to quotations of this pricelist only; empty for all.",
    )
    min_margin_percent = fields.Float(
        string="Minimum Margin (%)",
        default=10.0,
        tracking=True,
        help="Below this margin a quotation needs the Sales Manager's approval.",
    )
    director_margin_percent = fields.Float(
        string="Director Below Margin (%)",
        default=0.0,
        tracking=True,
        help="Below this margin the Director approves too.",
    )
    max_discount = fields.Float(
        string="Maximum Discount (%)",
        default=10.0,
        tracking=True,
        help="Above this discount a quotation needs the Sales Manager's approval.",
    )
    director_discount = fields.Float(
        string="Director Above Discount (%)",
        default=20.0,
        tracking=True,
        help="Above this discount the Director approves too.",
    )
    min_price = fields.Monetary(
        string="Price Floor",
        currency_field="currency_id",
        default=0.0,
        tracking=True,
        help="Minimum net unit price (company currency); 0 = no floor.",
    )

    @api.constrains(
        "min_margin_percent",
        "director_margin_percent",
        "max_discount",
        "director_discount",
        "min_price",
    )
    def _check_limits(self):
        for rule in self:
            if rule.min_price < 0:
                raise ValidationError(self.env._("The price floor cannot be negative."))
            for value in (rule.max_discount, rule.director_discount):
                if not 0 <= value <= 100:
                    raise ValidationError(
                        self.env._("Discount limits must be between 0 and 100%.")
                    )
            for value in (rule.min_margin_percent, rule.director_margin_percent):
                if not -100 <= value <= 100:
                    raise ValidationError(
                        self.env._("Margin limits must be between -100 and 100%.")
                    )
            if rule.director_margin_percent > rule.min_margin_percent:
                raise ValidationError(
                    self.env._(
                        "The Director's margin limit must not be above the Sales "
                        "Manager's minimum margin."
                    )
                )
            if rule.director_discount < rule.max_discount:
                raise ValidationError(
                    self.env._(
                        "The Director's discount limit must not be below the Sales "
                        "Manager's maximum discount."
                    )
                )

    # ------------------------------------------------------------------
    # Evaluation
    # ------------------------------------------------------------------
    def _bizreg_pick(self, product, pricelist):
        """The most specific rule of ``self`` for a product and a pricelist."""
        best, best_key = self.browse(), None
        categ_path = product.categ_id.parent_path or ""
        for rule in self:
            if rule.pricelist_id and rule.pricelist_id != pricelist:
                continue
            if rule.categ_id and not categ_path.startswith(rule.categ_id.parent_path):
                continue
            key = (
                bool(rule.pricelist_id),
                len(rule.categ_id.parent_path or ""),
                -rule.sequence,
                -rule.id,
            )
            if best_key is None or key > best_key:
                best, best_key = rule, key
        return best

    def _bizreg_line_level(self, line):
        """Approval level a quotation line needs under this rule."""
        self.ensure_one()
        if not line.product_id or line.display_type or not line.product_uom_qty:
            return "none"
        margin = line.margin_percent * 100.0 if line.price_subtotal else 0.0
        discount = line.discount
        if margin < self.director_margin_percent or discount > self.director_discount:
            return "director"
        rate = line.order_id.currency_rate or 1.0
        net_unit = line.price_subtotal / line.product_uom_qty / rate
        if (
            margin < self.min_margin_percent
            or discount > self.max_discount
            or (self.min_price and net_unit < self.min_price)
        ):
            return "manager"
        return "none"
