# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError

# One class per partner (not tags): the class chooses the one communication
# plan, hence the cadence, of each partner.
PARTNER_CLASSES = [
    ("A", "A - Strategic partner"),
    ("B", "B - Key partner"),
    ("C", "C - Regular partner"),
]
CLASS_GROUPS = (
    "bizreg_meeting.group_bizreg_meeting_manager",
    "bizreg_base.group_bizreg_admin",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    bizreg_partner_class = fields.Selection(
        PARTNER_CLASSES,
        string="Partner Class",
        tracking=True,
        index=True,
        help="Chooses the partner communication plan (cadence of contacts and "
        "visits); changed by heads of departments, every change is kept in the "
        "chatter.",
    )
    bizreg_partner_visit_count = fields.Integer(
        compute="_compute_bizreg_partner_visit_count", string="Partner Visit Count"
    )

    def _compute_bizreg_partner_visit_count(self):
        counts = dict(
            self.env["bizreg.partner.visit"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.bizreg_partner_visit_count = counts.get(partner, 0)

    def _bizreg_check_partner_class_rights(self):
        if self.env.su:
            return
        if not any(self.env.user.has_group(g) for g in CLASS_GROUPS):
            raise AccessError(
                self.env._("Only heads of departments can change the partner class.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("bizreg_partner_class") for vals in vals_list):
            self._bizreg_check_partner_class_rights()
        return super().create(vals_list)

    def write(self, vals):
        if "bizreg_partner_class" in vals and not self.env.su:
            # Heads of departments may classify a partner even without the
            # right to edit the rest of the contact.
            self._bizreg_check_partner_class_rights()
            self.check_access("read")
            vals = dict(vals)
            self.sudo().write(
                {"bizreg_partner_class": vals.pop("bizreg_partner_class")}
            )
            if not vals:
                return True
        return super().write(vals)

    def action_bizreg_view_partner_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_meeting.bizreg_partner_visit_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
