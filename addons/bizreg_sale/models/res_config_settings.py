# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bizreg_sale_require_signing = fields.Boolean(
        related="company_id.bizreg_sale_require_signing", readonly=False
    )
    bizreg_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    bizreg_contract_department_ids = fields.Many2many(
        related="company_id.bizreg_contract_department_ids", readonly=False
    )
    bizreg_contract_amount_threshold = fields.Monetary(
        related="company_id.bizreg_contract_amount_threshold",
        readonly=False,
        currency_field="bizreg_company_currency_id",
    )
    bizreg_sale_qualify_threshold = fields.Float(
        related="company_id.bizreg_sale_qualify_threshold", readonly=False
    )
    bizreg_sale_tracking_days = fields.Integer(
        related="company_id.bizreg_sale_tracking_days", readonly=False
    )
