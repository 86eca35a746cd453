# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError

CUSTOMER_CLASSES = [
    ("A", "A - Key customer"),
    ("B", "B - Regular customer"),
    ("C", "C - Occasional customer"),
]
# The Sales managers too when bizreg_sale is installed (no dependency:
# has_group() of a group that does not exist is False).
CLASS_GROUPS = (
    "bizreg_helpdesk.group_bizreg_service_manager",
    "bizreg_sale.group_bizreg_sale_manager",
    "bizreg_base.group_bizreg_admin",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    bizreg_customer_class = fields.Selection(
        CUSTOMER_CLASSES,
        string="Customer Class",
        tracking=True,
        index=True,
        help="Drives the return-visit plan; changed by managers, every change is "
        "kept in the chatter.",
    )
    bizreg_service_user_id = fields.Many2one(
        "res.users",
        string="Service Agent",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Customer-service agent in charge of this customer's return visits.",
    )
    bizreg_return_visit_ids = fields.One2many(
        "bizreg.return.visit", "partner_id", string="Return Visits"
    )
    bizreg_return_visit_count = fields.Integer(
        compute="_compute_bizreg_return_visit_count", string="Return Visit Count"
    )

    def _compute_bizreg_return_visit_count(self):
        counts = dict(
            self.env["bizreg.return.visit"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.bizreg_return_visit_count = counts.get(partner, 0)

    def _bizreg_check_class_rights(self):
        if self.env.su:
            return
        if not any(self.env.user.has_group(g) for g in CLASS_GROUPS):
            raise AccessError(
                self.env._("Only managers can change the customer class.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("bizreg_customer_class") for vals in vals_list):
            self._bizreg_check_class_rights()
        return super().create(vals_list)

    def write(self, vals):
        if "bizreg_customer_class" in vals and not self.env.su:
            # Managers of service or sales may change the class even without
            # the right to edit the rest of the contact.
            self._bizreg_check_class_rights()
            self.check_access("read")
            vals = dict(vals)
            self.sudo().write(
                {"bizreg_customer_class": vals.pop("bizreg_customer_class")}
            )
            if not vals:
                return True
        return super().write(vals)

    def action_bizreg_view_return_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_helpdesk.bizreg_return_visit_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
