# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import UserError


class AuditlogLog(models.Model):
    """The audit trail is evidence: auditlog writes it as the superuser (its
    rules' patched methods, the retention cron); nobody else creates,
    changes or deletes an entry, whatever his groups (auditlog's own
    "Manager" group included)."""

    _inherit = "auditlog.log"

    def _bizreg_check_trail(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The audit trail is kept as it was recorded: its entries "
                    "cannot be created, changed or deleted by hand."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._bizreg_check_trail()
        collect = self.env.context.get("bizreg_audit_collect")
        if collect is not None:
            # auditlog.rule._bizreg_audit_flush: gathered, created in one batch
            collect.extend(vals_list)
            return self.browse()
        return super().create(vals_list)

    @api.model
    def _search(self, domain, *args, **kwargs):
        # the entries waiting for the commit are part of the trail
        self.env["auditlog.rule"]._bizreg_audit_flush()
        return super()._search(domain, *args, **kwargs)

    def write(self, vals):
        self._bizreg_check_trail()
        return super().write(vals)

    def unlink(self):
        self._bizreg_check_trail()
        return super().unlink()
