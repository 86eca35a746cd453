# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bizreg_appraisal_bonus_base = fields.Monetary(
        related="company_id.bizreg_appraisal_bonus_base",
        readonly=False,
        currency_field="bizreg_appraisal_currency_id",
    )
    bizreg_appraisal_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Appraisal Currency"
    )
    bizreg_appraisal_forced_distribution = fields.Boolean(
        related="company_id.bizreg_appraisal_forced_distribution", readonly=False
    )
    bizreg_appraisal_excellent_quota = fields.Float(
        related="company_id.bizreg_appraisal_excellent_quota", readonly=False
    )
    bizreg_appraisal_promotion_months = fields.Integer(
        related="company_id.bizreg_appraisal_promotion_months", readonly=False
    )
    bizreg_appraisal_promotion_quarters = fields.Integer(
        related="company_id.bizreg_appraisal_promotion_quarters", readonly=False
    )
    bizreg_appraisal_promotion_years = fields.Integer(
        related="company_id.bizreg_appraisal_promotion_years", readonly=False
    )
    bizreg_appraisal_self_days = fields.Integer(
        related="company_id.bizreg_appraisal_self_days", readonly=False
    )
    bizreg_appraisal_evaluation_days = fields.Integer(
        related="company_id.bizreg_appraisal_evaluation_days", readonly=False
    )
    bizreg_appraisal_peer_count = fields.Integer(
        related="company_id.bizreg_appraisal_peer_count", readonly=False
    )
