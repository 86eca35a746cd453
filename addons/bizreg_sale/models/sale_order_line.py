# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models
from odoo.exceptions import UserError

# Line fields that make the terms the reviewers approved.
TERM_FIELDS = frozenset(
    {
        "product_id",
        "product_template_id",
        "product_uom_qty",
        "product_uom",
        "price_unit",
        "discount",
        "tax_id",
    }
)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _bizreg_check_terms_locked(self, orders):
        """The terms of a quotation under review or approved are frozen: a
        direct write of its lines (e.g. over RPC) is refused like a write of
        the order."""
        if self.env.su:
            return
        locked = orders.filtered(
            lambda o: (
                o.state in o._state_from
                and o.review_ids
                and o.validation_status != "rejected"
            )
        )
        if locked:
            raise UserError(
                self.env._(
                    "The terms of “%s” are under contract review or approved: "
                    "they cannot be changed now.",
                    locked[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        order_ids = {vals.get("order_id") for vals in vals_list if vals.get("order_id")}
        self._bizreg_check_terms_locked(self.env["sale.order"].browse(order_ids))
        return super().create(vals_list)

    def write(self, vals):
        if TERM_FIELDS.intersection(vals):
            self._bizreg_check_terms_locked(self.order_id)
        return super().write(vals)

    def unlink(self):
        self._bizreg_check_terms_locked(self.order_id)
        return super().unlink()
