# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

import pytz

from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _bizreg_add_working_hours(self, start, hours):
        """Return the naive UTC datetime ``hours`` working hours after ``start``.

        ``start`` is a naive UTC datetime (as stored by Odoo).  Without a
        calendar the delay is counted in calendar hours.  Public holidays
        (global leaves) of the calendar are skipped.
        """
        if not start or hours is None:
            return False
        if not self or hours <= 0:
            return start + timedelta(hours=max(hours, 0))
        self.ensure_one()
        aware = pytz.utc.localize(start)
        planned = self.plan_hours(hours, aware, compute_leaves=True)
        if not planned:
            return start + timedelta(hours=hours)
        return planned.astimezone(pytz.utc).replace(tzinfo=None)

    def _bizreg_add_working_days(self, start, days):
        """``days`` working days after ``start``, a day being the calendar's
        average day length (8 hours without a calendar)."""
        if not start or days is None:
            return False
        hours_per_day = (self.hours_per_day if self else 0) or 8.0
        return self._bizreg_add_working_hours(start, days * hours_per_day)
