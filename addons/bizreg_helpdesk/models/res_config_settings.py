# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bizreg_low_rating_threshold = fields.Integer(
        string="Low Satisfaction Level",
        config_parameter="bizreg_helpdesk.low_rating_threshold",
        default=2,
        help="A customer rating (1-5) at or below this level reopens the complaint "
        "and notifies the Customer Service Manager.",
    )

    @api.constrains("bizreg_low_rating_threshold")
    def _check_bizreg_low_rating_threshold(self):
        for settings in self:
            if not 0 <= settings.bizreg_low_rating_threshold <= 4:
                raise ValidationError(
                    self.env._("The low satisfaction level must be between 0 and 4.")
                )
