# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    bizreg_collab_issue_days = fields.Integer(
        string="Collaboration Issue Resolution (working days)",
        default=3,
        help="Working days to resolve a collaboration issue; then both "
        "departments' managers are notified, two working days later the "
        "Director.",
    )

    @api.constrains("bizreg_collab_issue_days")
    def _check_bizreg_collab_issue_days(self):
        for company in self:
            if not 1 <= company.bizreg_collab_issue_days <= 60:
                raise ValidationError(
                    self.env._(
                        "“%s” must be between 1 and 60 working days.",
                        company._fields["bizreg_collab_issue_days"]._description_string(
                            self.env
                        ),
                    )
                )
