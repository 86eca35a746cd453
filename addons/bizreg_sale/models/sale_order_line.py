# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import UserError


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
                and o.validation_status in ("waiting", "pending")
            )
        )
        if locked:
            raise UserError(
                self.env._(
                    "The terms of “%s” are under contract review: they cannot "
                    "be changed now.",
                    locked[0].display_name,
                )
            )

    # Whatever changes lines (any field, any route: moved to another order,
    # packaging, description, lead time...), the orders' approved-terms
    # fingerprint decides afterwards: an approved quotation goes back to
    # review, a confirmed contract refuses the change.
    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["sale.order"].browse(
            {vals["order_id"] for vals in vals_list if vals.get("order_id")}
        )
        self._bizreg_check_terms_locked(orders)
        lines = super().create(vals_list)
        lines.order_id._bizreg_send_back_changed()
        return lines

    def write(self, vals):
        orders = self.order_id
        if vals.get("order_id"):
            orders |= self.env["sale.order"].browse(vals["order_id"])
        self._bizreg_check_terms_locked(orders)
        res = super().write(vals)
        orders._bizreg_send_back_changed()
        return res

    def unlink(self):
        orders = self.order_id
        self._bizreg_check_terms_locked(orders)
        res = super().unlink()
        orders.exists()._bizreg_send_back_changed()
        return res
