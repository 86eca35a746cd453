# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    bizreg_marketing_report_reminder_days = fields.Integer(
        string="Research Report Reminder (days)",
        default=3,
        help="How many days before the planned date of a research report its "
        "owner is reminded.",
    )

    @api.constrains("bizreg_marketing_report_reminder_days")
    def _check_bizreg_marketing_report_reminder_days(self):
        for company in self:
            if not 0 <= company.bizreg_marketing_report_reminder_days <= 365:
                raise ValidationError(
                    self.env._(
                        "“Research Report Reminder (days)” must be between 0 and 365."
                    )
                )
