# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from odoo.addons.bizreg_base.tools import check_minimums

from .bizreg_data_export_log import (
    DEFAULT_READ_THRESHOLD,
    DEFAULT_THRESHOLD,
    READ_THRESHOLD_PARAM,
    THRESHOLD_PARAM,
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bizreg_data_export_threshold = fields.Integer(
        string="Mass export threshold",
        config_parameter=THRESHOLD_PARAM,
        default=DEFAULT_THRESHOLD,
    )
    bizreg_data_read_threshold = fields.Integer(
        string="Mass read threshold",
        config_parameter=READ_THRESHOLD_PARAM,
        default=DEFAULT_READ_THRESHOLD,
    )
    bizreg_data_quality_escalation_days = fields.Integer(
        string="Data quality escalation",
        config_parameter="bizreg_data.quality_escalation_days",
        default=7,
    )
    bizreg_data_audit_retention_days = fields.Integer(
        string="Audit trail retention",
        config_parameter="bizreg_data.audit_retention_days",
        default=1095,
    )

    @api.constrains(
        "bizreg_data_export_threshold",
        "bizreg_data_read_threshold",
        "bizreg_data_quality_escalation_days",
        "bizreg_data_audit_retention_days",
    )
    def _check_bizreg_data_settings(self):
        check_minimums(
            self,
            {
                "bizreg_data_export_threshold": 1,
                "bizreg_data_read_threshold": 1,
                "bizreg_data_quality_escalation_days": 1,
                # the regulation keeps the trail: at least a year
                "bizreg_data_audit_retention_days": 365,
            },
        )
