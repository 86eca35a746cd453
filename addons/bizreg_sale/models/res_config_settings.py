# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bizreg_sale_require_signing = fields.Boolean(
        related="company_id.bizreg_sale_require_signing", readonly=False
    )
    bizreg_sale_qualify_threshold = fields.Float(
        related="company_id.bizreg_sale_qualify_threshold", readonly=False
    )
    bizreg_sale_tracking_days = fields.Integer(
        related="company_id.bizreg_sale_tracking_days", readonly=False
    )
