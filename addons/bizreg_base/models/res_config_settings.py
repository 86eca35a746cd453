# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bizreg_area_count = fields.Integer(
        string="Business Areas", compute="_compute_bizreg_counts"
    )
    bizreg_tier_definition_count = fields.Integer(
        string="Approval Rules", compute="_compute_bizreg_counts"
    )
    bizreg_numbering_rule_count = fields.Integer(
        string="Numbering Rules", compute="_compute_bizreg_counts"
    )
    bizreg_four_eyes_rule_count = fields.Integer(
        string="Important Data Rules", compute="_compute_bizreg_counts"
    )

    # the Settings page is the first onchange of a new record: a compute
    # without dependency is not run there (its fields show 0)
    @api.depends("company_id")
    def _compute_bizreg_counts(self):
        for settings in self:
            settings.bizreg_area_count = self.env["bizreg.area"].search_count([])
            settings.bizreg_tier_definition_count = self.env[
                "tier.definition"
            ].search_count([])
            settings.bizreg_numbering_rule_count = self.env[
                "bizreg.numbering.rule"
            ].search_count([])
            settings.bizreg_four_eyes_rule_count = self.env[
                "bizreg.four.eyes.rule"
            ].search_count([])
