# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class AuditlogLogLine(models.Model):
    """The lines of the audit trail are kept as recorded (see
    ``auditlog.log``)."""

    _inherit = "auditlog.log.line"

    @api.model_create_multi
    def create(self, vals_list):
        self.env["auditlog.log"]._bizreg_check_trail()
        return super().create(vals_list)

    def write(self, vals):
        self.env["auditlog.log"]._bizreg_check_trail()
        return super().write(vals)

    def unlink(self):
        self.env["auditlog.log"]._bizreg_check_trail()
        return super().unlink()
