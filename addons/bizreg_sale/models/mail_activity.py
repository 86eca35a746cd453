# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking a customer-update activity done restarts the order's cadence."""
        update_type = self.env.ref(
            "bizreg_sale.mail_activity_bizreg_sale_update", raise_if_not_found=False
        )
        order_ids = {
            activity.res_id
            for activity in self
            if update_type
            and activity.res_model == "sale.order"
            and activity.activity_type_id == update_type
        }
        res = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if order_ids:
            self.env["sale.order"].sudo().browse(
                order_ids
            ).exists()._bizreg_tracking_logged()
        return res
