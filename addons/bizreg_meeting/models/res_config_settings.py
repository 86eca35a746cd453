# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bizreg_collab_issue_days = fields.Integer(
        related="company_id.bizreg_collab_issue_days",
        readonly=False,
    )
