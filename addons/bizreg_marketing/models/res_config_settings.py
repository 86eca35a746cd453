# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bizreg_marketing_report_reminder_days = fields.Integer(
        related="company_id.bizreg_marketing_report_reminder_days",
        readonly=False,
    )
