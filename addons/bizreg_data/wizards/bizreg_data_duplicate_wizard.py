# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.bizreg_base.tools import trusted

from ..models.res_partner import DUPLICATE_SCOPE


class BizregDataDuplicateWizard(models.TransientModel):
    """A Data Administrator registers a company whose VAT is already another
    partner's (e.g. a branch), knowingly: the only way past the hard
    duplicate check."""

    _name = "bizreg.data.duplicate.wizard"
    _description = "Register a Duplicate Partner"

    name = fields.Char(required=True)
    vat = fields.Char(string="VAT", required=True)
    country_id = fields.Many2one("res.country")
    email = fields.Char()
    phone = fields.Char()
    reason = fields.Text(required=True)
    duplicate_ids = fields.Many2many(
        "res.partner", string="Existing Partners", compute="_compute_duplicate_ids"
    )

    @api.depends("name", "vat", "email", "phone")
    def _compute_duplicate_ids(self):
        for wizard in self:
            probe = self.env["res.partner"].new(
                {
                    "name": wizard.name or "",
                    "vat": wizard.vat,
                    "email": wizard.email,
                    "phone": wizard.phone,
                    "is_company": True,
                }
            )
            found = probe._bizreg_find_duplicates()
            wizard.duplicate_ids = self.env["res.partner"].browse(
                [partner.id for partner in found]
            )

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("bizreg_data.group_bizreg_data_manager"):
            raise AccessError(
                self.env._("Only a Data Administrator can register a duplicate.")
            )
        if not (self.reason or "").strip():
            raise UserError(self.env._("Reason: say why the duplicate is needed."))
        vals = {
            "name": self.name,
            "vat": self.vat,
            "country_id": self.country_id.id,
            "email": self.email,
            "phone": self.phone,
            "is_company": True,
        }
        others = (
            self.env["res.partner"].new(vals)._bizreg_find_duplicates(hard_only=True)
        )
        with trusted(DUPLICATE_SCOPE):
            partner = self.env["res.partner"].create(vals)
        partner._bizreg_duplicate_note(
            self.env["res.partner"].browse([p.id for p in others]),
            self.reason,
            self.env.user,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": partner.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
