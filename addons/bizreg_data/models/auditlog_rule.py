# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

# The sensitive models the regulation's usage audit covers (3.1, use and
# sharing: "record and audit the use of data"), audited when installed:
# access rights, customer data, employees, contracts, complaints, appraisals
# and partner agreements.  Fast mode (the written values, no read before
# each write); reads are not logged (exports are, by bizreg_data).
# ``res.users`` is left out: with an auditlog rule on it, Odoo's tracking of
# assigned users fails in the transaction that created them (a user's
# display name read as False; Odoo's project test test_many2many_tracking);
# the rights of users are recorded by the access reviews and res.groups.
STANDARD_RULES = (
    "res.groups",
    "res.partner",
    "hr.employee",
    "sale.order",
    "helpdesk.ticket",
    "bizreg.appraisal",
    "agreement",
)


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    @api.model
    def _bizreg_ensure_standard_rules(self):
        """Create and subscribe the audit rule of every standard model that is
        installed and has none yet (called at install, by a daily cron for
        models installed later, and by a button); a rule an administrator
        unsubscribed or changed is left as it is.  Returns the new rules."""
        Rule = self.sudo().with_context(active_test=False)
        models_ = (
            self.env["ir.model"]
            .sudo()
            .search([("model", "in", [m for m in STANDARD_RULES if m in self.env])])
        )
        covered = set(Rule.search([("model_id", "in", models_.ids)]).model_id.ids)
        vals_list = [
            {
                "name": self.env._("Regulation audit: %s", model.name),
                "model_id": model.id,
                "log_type": "fast",
                "log_read": False,
                "log_create": True,
                "log_write": True,
                "log_unlink": True,
                "log_export_data": False,
                "capture_record": True,
            }
            for model in models_
            if model.id not in covered
        ]
        rules = Rule.create(vals_list) if vals_list else Rule
        if rules:
            rules.subscribe()
            _logger.info("Audit rules subscribed: %s", ", ".join(rules.mapped("name")))
        return rules

    def action_bizreg_standard_rules(self):
        """Button of the Data Administrator: add the standard rules of the
        sensitive models installed since."""
        self.check_access("create")
        rules = self._bizreg_ensure_standard_rules()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if rules else "info",
                "message": self.env._(
                    "%(count)s audit rule(s) added: %(names)s",
                    count=len(rules),
                    names=", ".join(rules.mapped("model_id.name")) or "-",
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
