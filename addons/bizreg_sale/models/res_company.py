# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    bizreg_sale_require_signing = fields.Boolean(
        string="Signing Required Before Confirmation",
        default=True,
        help="A sales order is confirmed only once the signing of the contract "
        "is recorded (date, signatories, seal, signed copy).",
    )
    bizreg_sale_qualify_threshold = fields.Float(
        string="Lead Qualification Threshold",
        default=60.0,
        help="Minimum screening score (0-100) for a lead to be converted into "
        "an opportunity without a Sales Manager's override.",
    )
    bizreg_sale_tracking_days = fields.Integer(
        string="Customer Update Every (days)",
        default=7,
        help="While an order is in execution, a customer-update activity is "
        "scheduled for the salesperson every this many days (0 = never).",
    )

    @api.constrains("bizreg_sale_qualify_threshold", "bizreg_sale_tracking_days")
    def _check_bizreg_sale_settings(self):
        for company in self:
            if not 0 <= company.bizreg_sale_qualify_threshold <= 100:
                raise ValidationError(
                    self.env._("The qualification threshold must be between 0 and 100.")
                )
            if company.bizreg_sale_tracking_days < 0:
                raise ValidationError(
                    self.env._("The customer-update interval cannot be negative.")
                )
