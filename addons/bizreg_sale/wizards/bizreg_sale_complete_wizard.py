# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from ..models.bizreg_sale_lead_score import RATINGS


class BizregSaleCompleteWizard(models.TransientModel):
    _name = "bizreg.sale.complete.wizard"
    _description = "Complete Order Execution"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    actual_delivery_date = fields.Date(
        string="Actual Delivery", required=True, default=fields.Date.context_today
    )
    satisfaction = fields.Selection(
        RATINGS[1:], string="Customer Satisfaction", required=True
    )
    comment = fields.Text(string="Customer Comment")

    def action_complete(self):
        self.ensure_one()
        self.order_id._bizreg_complete(
            self.actual_delivery_date, int(self.satisfaction), self.comment
        )
        return {"type": "ir.actions.act_window_close"}
