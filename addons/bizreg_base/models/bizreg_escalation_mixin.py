# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class BizregEscalationMixin(models.AbstractModel):
    """Deadline levels checked by a cron.

    A model declares its levels in :meth:`_bizreg_escalation_levels`: each is a
    stored, indexed deadline field, a stamp field set when the level fired, and
    the method that acts (activity, message, reassignment).  The cron only
    reads records whose deadline passed and whose stamp is empty, so its cost
    grows with the number of due records, not with the size of the table, and
    running it twice does nothing the second time.
    """

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
        """Fire every level that is due; return ``{key: number of records}``."""
        now = now or fields.Datetime.now()
        fired = {}
        for (
            key,
            deadline_field,
            stamp_field,
            method,
        ) in self._bizreg_escalation_levels():
            due = self.search(
                self._bizreg_escalation_domain()
                + [
                    (deadline_field, "!=", False),
                    (deadline_field, "<=", now),
                    (stamp_field, "=", False),
                ],
                order=f"{deadline_field}, id",
                limit=limit,
            )
            if due:
                getattr(due, method)()
                due.write({stamp_field: now})
            fired[key] = len(due)
        return fired
