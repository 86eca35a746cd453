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
# ``bizreg.appraisal`` neither: a cycle writes the results of every
# appraisal at once (a log per record would make it grow with the number of
# employees); its results are tracked in its chatter and approved.
STANDARD_RULES = (
    "res.groups",
    "res.partner",
    "hr.employee",
    "sale.order",
    "helpdesk.ticket",
    "agreement",
)


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    def _register_hook(self):
        """auditlog replaces the audited models' ``create``/``write``/``unlink``
        on their registry classes as soon as a rule is created or subscribed.
        While modules are being loaded (e.g. this module's installation with
        others), the modules loaded after that moment extend the classes
        underneath the replaced method, which would then skip their
        overrides (bizreg's guards); so a rule subscribed during the loading
        is patched at its end, when the registry calls this hook on the
        empty model for every subscribed rule."""
        if self and not self.pool.ready:
            return False
        if not self and not self.pool.ready and self.pool.updated_modules:
            # modules were installed or updated by this loading: the sensitive
            # models they brought get their rule (patched below, with the
            # others, on the complete classes)
            self._bizreg_ensure_standard_rules()
        return super()._register_hook()

    @api.model
    def _bizreg_ensure_standard_rules(self):
        """Create and subscribe the audit rule of every standard model that is
        installed and has none yet (at the end of a loading that installed or
        updated modules, by a daily cron and by a button); a rule an
        administrator unsubscribed or changed is left as it is.  Returns the
        new rules."""
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
