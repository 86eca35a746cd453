# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class BizregEscalationMixin(models.AbstractModel):
    """Deadline levels checked by a cron.

    A model declares its levels in :meth:`_bizreg_escalation_levels`: each is a
    stored, indexed deadline field, a stamp field set when the level fired, and
    the method that acts (activity, message, reassignment).  The cron only
    reads records whose deadline passed and whose stamp is empty, so its cost
    grows with the number of due records, not with the size of the table, and
    running it twice does nothing the second time.

    The cron works in batches (Odoo's ``ir.cron._notify_progress``: the
    runner commits after each batch and calls again while records remain), and
    one record that fails is logged and skipped without blocking the others.
    """

    _bizreg_escalation_batch = 200

    _name = "bizreg.escalation.mixin"
    _description = "Deadline Escalation Levels"

    def _bizreg_escalation_levels(self):
        """Return a list of ``(key, deadline_field, stamp_field, method_name)``."""
        return []

    def _bizreg_escalation_domain(self):
        """Extra domain restricting the records that can still escalate."""
        return []

    @api.model
    def _bizreg_run_escalations(self, now=None, limit=None):
        """Fire every level that is due, at most ``limit`` records per level
        (a batch); return ``{key: number of records}``."""
        now = now or fields.Datetime.now()
        limit = limit or self._bizreg_escalation_batch
        fired, remaining = {}, 0
        for (
            key,
            deadline_field,
            stamp_field,
            method,
        ) in self._bizreg_escalation_levels():
            domain = self._bizreg_escalation_domain() + [
                (deadline_field, "!=", False),
                (deadline_field, "<=", now),
                (stamp_field, "=", False),
            ]
            due = self.search(domain, order=f"{deadline_field}, id", limit=limit)
            if not due:
                fired[key] = 0
                continue
            try:
                with self.env.cr.savepoint():
                    getattr(due, method)()
            except Exception:
                # one bad record must not block the others: act one by one
                _logger.exception(
                    "Escalation %s of %s failed in batch", key, self._name
                )
                for record in due:
                    try:
                        with self.env.cr.savepoint():
                            getattr(record, method)()
                    except Exception:
                        _logger.exception("Escalation %s skipped for %s", key, record)
            due._bizreg_engine_write({stamp_field: now})
            fired[key] = len(due)
            if len(due) == limit:
                remaining += self.search_count(domain)
        if remaining:
            # inside a cron run: the runner commits and calls again
            self.env["ir.cron"]._notify_progress(
                done=sum(fired.values()), remaining=remaining
            )
        return fired
