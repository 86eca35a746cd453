# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from odoo.addons.bizreg_base.tools import company_today


class BizregMeetingAction(models.Model):
    """The action-item KPI API of the appraisal (bizreg_meeting knows no
    appraisal)."""

    _inherit = "bizreg.meeting.action"

    @api.model
    def _bizreg_kpi_actions(self, user_ids, date_from, date_to, company=None):
        """Meeting action items per owner for a period, for an appraisal of
        ``company`` (default: the current company).

        An item belongs to the period of its due date (a day: no time zone
        to convert); cancelled items do not count, nor open items not yet
        due (today in ``company``'s time zone).  Records of every company
        count, whoever asks.

        - ``due``: the owner's items due in the period (done, or open and
          overdue);
        - ``done``: of them, those closed;
        - ``on_time``: of them, those closed by their due date.

        One ``_read_group`` whatever the number of users; returns
        ``{user_id: {"due": n, "done": n, "on_time": n}}`` for every
        requested user.
        """
        user_ids = list(user_ids)
        result = {uid: {"due": 0, "done": 0, "on_time": 0} for uid in user_ids}
        if not user_ids:
            return result
        today = company_today(company or self.env.company)
        for user, state, on_time, count in (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("user_id", "in", user_ids),
                    ("date_due", ">=", date_from),
                    ("date_due", "<=", date_to),
                    ("state", "!=", "cancel"),
                    "|",
                    ("state", "=", "done"),
                    ("date_due", "<", today),
                ],
                ["user_id", "state", "is_on_time"],
                ["__count"],
            )
        ):
            values = result[user.id]
            values["due"] += count
            if state == "done":
                values["done"] += count
                if on_time:
                    values["on_time"] += count
        return result
