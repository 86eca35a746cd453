# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .res_company import ONBOARDING_STEPS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bizreg_onboarding_areas = fields.Boolean(
        string="Departments mapped to areas", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_areas_missing = fields.Char(
        string="Areas Without Department", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_roles = fields.Boolean(
        string="Roles assigned", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_roles_missing = fields.Char(
        string="Roles Without Holder", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_numbering = fields.Boolean(
        string="Numbering rules set", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_numbering_missing = fields.Char(
        string="Records Without Numbering Rule", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_chains = fields.Boolean(
        string="Approval chains reviewed", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_chains_missing = fields.Char(
        string="Approval Chains Review Status", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_backup = fields.Boolean(
        string="Backup destination set", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_backup_missing = fields.Char(
        string="Backup Destination Status", compute="_compute_bizreg_onboarding"
    )
    bizreg_onboarding_done = fields.Integer(
        string="Onboarding Steps Done", compute="_compute_bizreg_onboarding"
    )
    bizreg_chains_reviewed_date = fields.Datetime(
        related="company_id.bizreg_chains_reviewed_date"
    )
    bizreg_chains_reviewed_uid = fields.Many2one(
        related="company_id.bizreg_chains_reviewed_uid"
    )

    # the Settings page is the first onchange of a new record: a compute
    # without dependency is not run there (its fields would show 0)
    @api.depends("company_id")
    def _compute_bizreg_onboarding(self):
        for settings in self:
            # the company of a new record is a new record too
            steps = settings.company_id._origin.bizreg_onboarding_steps()
            for step in ONBOARDING_STEPS:
                done, missing = steps[step]
                settings[f"bizreg_onboarding_{step}"] = done
                settings[f"bizreg_onboarding_{step}_missing"] = missing
            settings.bizreg_onboarding_done = sum(
                1 for done, _missing in steps.values() if done
            )

    def bizreg_action_mark_chains_reviewed(self):
        self.company_id.bizreg_mark_chains_reviewed()
        return {"type": "ir.actions.client", "tag": "reload"}
