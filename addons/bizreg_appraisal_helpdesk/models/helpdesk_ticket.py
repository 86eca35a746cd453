# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.bizreg_base.tools import create_group_statistics, period_bounds


class HelpdeskTicket(models.Model):
    """The customer-service KPI API of the appraisal (bizreg_helpdesk knows no
    appraisal)."""

    _inherit = "helpdesk.ticket"

    def init(self):
        res = super().init()
        # ``_bizreg_kpi_service`` groups a period's tickets by these.
        create_group_statistics(
            self.env.cr, self._table, ("user_id", "bizreg_kind", "bizreg_resolution")
        )
        return res

    @api.model
    def _bizreg_kpi_service(self, user_ids, date_from, date_to, company=None):
        """Customer-service KPIs per agent for tickets received in a period
        (``bizreg_received_date``, i.e. the creation unless the agent logged
        an earlier contact), for an appraisal of ``company`` (default: the
        current company).

        ``date_from``/``date_to`` are days (inclusive) in ``company``'s time
        zone (``bizreg_base.tools.period_bounds``); tickets and return visits
        of every company count, as the orders of the sales KPIs: the figures
        do not depend on who asks (``env.companies``).

        A constant number of ``_read_group`` queries whatever the number of
        users; returns ``{user_id: {...}}`` for every requested user.
        """
        user_ids = list(user_ids)
        start, stop = period_bounds(company or self.env.company, date_from, date_to)
        Ticket = self.sudo().with_context(active_test=False)
        base = [
            ("user_id", "in", user_ids),
            ("bizreg_received_date", ">=", start),
            ("bizreg_received_date", "<", stop),
        ]
        result = {
            uid: {
                "tickets": 0,
                "first_response_hours": 0.0,
                "resolved": 0,
                "resolution_rate": 0.0,
                "complaints": 0,
                "complaints_on_time": 0,
                "complaint_on_time_rate": 0.0,
                "satisfaction": 0.0,
                "satisfaction_count": 0,
                "visits": 0,
                "churn_risk": 0,
                "churn_risk_rate": 0.0,
            }
            for uid in user_ids
        }
        # One scan of the period's tickets.  Averages are sums over the
        # tickets that have the figure (the hours are 0 until the first
        # response, the score 0 until a satisfaction is given) divided by how
        # many have it (``count`` of a column counts its non-null values).
        response_sum = defaultdict(float)
        responded = defaultdict(int)
        score_sum = defaultdict(float)
        for (
            user,
            kind,
            resolution,
            count,
            hours,
            answered,
            score,
            rated,
        ) in Ticket._read_group(
            base,
            # A selection, not the two booleans: PostgreSQL knows how few
            # values it has, estimates few groups and hashes them in one pass.
            ["user_id", "bizreg_kind", "bizreg_resolution"],
            [
                "__count",
                "bizreg_first_response_hours:sum",
                "bizreg_first_response_date:count",
                "bizreg_satisfaction_score:sum",
                "bizreg_satisfaction:count",
            ],
        ):
            res = result[user.id]
            res["tickets"] += count
            if resolution in ("on_time", "late"):
                res["resolved"] += count
            if kind == "complaint":
                res["complaints"] += count
                if resolution == "on_time":
                    res["complaints_on_time"] += count
            response_sum[user.id] += hours
            responded[user.id] += answered
            score_sum[user.id] += score
            res["satisfaction_count"] += rated
        for uid, count in responded.items():
            if count:
                result[uid]["first_response_hours"] = round(
                    response_sum[uid] / count, 2
                )
        for uid, total in score_sum.items():
            if result[uid]["satisfaction_count"]:
                result[uid]["satisfaction"] = round(
                    total / result[uid]["satisfaction_count"], 2
                )
        visits = self.env["bizreg.return.visit"].sudo()
        visit_domain = [
            ("user_id", "in", user_ids),
            ("state", "=", "done"),
            ("date_done", ">=", fields.Date.to_date(date_from)),
            ("date_done", "<=", fields.Date.to_date(date_to)),
        ]
        visited = {}
        for user, count, partners in visits._read_group(
            visit_domain, ["user_id"], ["__count", "partner_id:count_distinct"]
        ):
            result[user.id]["visits"] = count
            visited[user.id] = partners
        for user, partners in visits._read_group(
            visit_domain + [("churn_risk", "=", True)],
            ["user_id"],
            ["partner_id:count_distinct"],
        ):
            result[user.id]["churn_risk"] = partners
        for uid, res in result.items():
            if res["tickets"]:
                res["resolution_rate"] = round(
                    100.0 * res["resolved"] / res["tickets"], 2
                )
            if res["complaints"]:
                res["complaint_on_time_rate"] = round(
                    100.0 * res["complaints_on_time"] / res["complaints"], 2
                )
            if visited.get(uid):
                res["churn_risk_rate"] = round(
                    100.0 * res["churn_risk"] / visited[uid], 2
                )
        return result
