# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from datetime import datetime

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.bizreg_base.tools import create_group_statistics, period_bounds


class SaleOrder(models.Model):
    """The sales KPI API of the appraisal (bizreg_sale knows no appraisal)."""

    _inherit = "sale.order"

    def init(self):
        res = super().init()
        # ``_bizreg_kpi_sale`` groups a period's orders by these.
        create_group_statistics(
            self.env.cr,
            self._table,
            ("user_id", "validation_status", "bizreg_rejection_count", "company_id"),
        )
        create_group_statistics(
            self.env.cr, self._table, ("bizreg_commercial_partner_id", "user_id")
        )
        return res

    @api.model
    def _bizreg_kpi_sale(self, user_ids, date_from, date_to, company=None):
        """Sales KPIs per salesperson for the confirmed orders of a period,
        for an appraisal of ``company`` (default: the current company).

        ``date_from``/``date_to`` are days (inclusive) in ``company``'s time
        zone, compared with the confirmation date (``date_order``) through
        ``bizreg_base.tools.period_bounds``.  Orders of every company count
        (the figures do not depend on who asks); amounts are in ``company``'s
        currency: each order's company-currency amounts (the margin is
        ``sale_margin``'s) are converted at the order date with ``company``'s
        rates, as ``res.currency._convert`` does.  A constant number of
        queries whatever the number of users: six ``_read_group``, plus one
        and one query of rates when orders of a company in another currency
        are in the period.

        Customers are commercial partners.  A *new customer* is one whose
        first confirmed order ever falls in the period; it is credited to the
        salesperson of that order.  The *customer growth rate* is the
        salesperson's new customers over their customer base at the start of
        the period (customers with a confirmed order of theirs before it), in
        percent; it is 0.0 with ``customers_at_start`` 0 when there is no base.
        """
        user_ids = list(user_ids)
        result = {
            uid: {
                "revenue": 0.0,
                "margin": 0.0,
                "new_customers": 0,
                "customers_at_start": 0,
                "customer_growth_rate": 0.0,
                "contracts_signed": 0,
                "contracts_reviewed": 0,
                "contracts_returned": 0,
                "satisfaction": 0.0,
                "satisfaction_count": 0,
                "orders_done": 0,
                "orders_on_time": 0,
            }
            for uid in user_ids
        }
        if not user_ids:
            return result
        company = company or self.env.company
        start, end = period_bounds(company, date_from, date_to)
        period = [
            ("state", "=", "sale"),
            ("date_order", ">=", start),
            ("date_order", "<", end),
        ]
        Order = self.sudo()
        mine = [*period, ("user_id", "in", user_ids)]
        # Each query groups by few, low-cardinality columns: PostgreSQL then
        # estimates few groups and hashes them in one pass (grouping by every
        # figure at once made it sort on disk and JIT-compile the plan).
        currency = company.currency_id
        foreign = self.env["res.company"]
        for (
            user,
            status,
            rejections,
            order_company,
            count,
            revenue,
            margin,
        ) in Order._read_group(
            mine,
            ["user_id", "validation_status", "bizreg_rejection_count", "company_id"],
            [
                "__count",
                "bizreg_amount_untaxed_company:sum",
                "bizreg_margin_company:sum",
            ],
        ):
            values = result[user.id]
            if order_company.currency_id == currency:
                values["revenue"] += revenue
                values["margin"] += margin
            else:
                foreign |= order_company
            values["contracts_signed"] += count
            if status == "validated":
                values["contracts_reviewed"] += count
                if rejections:
                    values["contracts_returned"] += count
        for uid, (revenue, margin) in self._bizreg_kpi_converted(
            [*mine, ("company_id", "in", foreign.ids)], company
        ).items():
            result[uid]["revenue"] += revenue
            result[uid]["margin"] += margin
        # Completed orders (indexed state): satisfaction, then delivery on
        # time (as a filter: grouping by a boolean makes PostgreSQL assume
        # many groups and sort instead of hashing).
        done = [*mine, ("bizreg_execution_state", "=", "done")]
        score_sum = defaultdict(float)
        for user, score, count in Order._read_group(
            done, ["user_id", "bizreg_satisfaction"], ["__count"]
        ):
            values = result[user.id]
            values["orders_done"] += count
            if score:
                values["satisfaction_count"] += count
                score_sum[user.id] += score * count
        for user, count in Order._read_group(
            [*done, ("bizreg_on_time", "=", True)], ["user_id"], ["__count"]
        ):
            result[user.id]["orders_on_time"] = count
        for uid, total in score_sum.items():
            result[uid]["satisfaction"] = round(
                total / result[uid]["satisfaction_count"], 2
            )
        self._bizreg_kpi_customers(result, start, end)
        return result

    @api.model
    def _bizreg_kpi_customers(self, result, start, end):
        """New customers, customers at the start and growth rate of the users
        of ``result`` (updated in place) for the period [start, end): two
        queries."""
        Order = self.sudo()
        user_ids = list(result)
        # New customers: no confirmed order before the period, credited to the
        # salesperson of their first order in it (whoever sold it, so that the
        # figures of a user do not depend on the other users asked for).
        # SQL: the first order of each customer (DISTINCT ON) without an older
        # one (NOT EXISTS), counted per salesperson, is one query that
        # ``_read_group`` cannot express; grouping with it brought every
        # (customer, salesperson) pair of the period to Python (20,000 rows
        # for 1,000 salespeople), half of the time of all the measures.
        # Orders of every company, whoever asks (as the ``sudo()`` above).
        Order.flush_model(
            ["state", "date_order", "bizreg_commercial_partner_id", "user_id"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT first.user_id, count(*) FROM (
                  SELECT DISTINCT ON (o.bizreg_commercial_partner_id) o.user_id
                    FROM sale_order o
                   WHERE o.state = 'sale'
                     AND o.date_order >= %(start)s AND o.date_order < %(end)s
                     AND o.bizreg_commercial_partner_id IS NOT NULL
                     AND NOT EXISTS (
                       SELECT 1 FROM sale_order p
                        WHERE p.state = 'sale' AND p.date_order < %(start)s
                          AND p.bizreg_commercial_partner_id
                              = o.bizreg_commercial_partner_id)
                   ORDER BY o.bizreg_commercial_partner_id, o.date_order,
                            o.user_id NULLS FIRST
                ) AS first
                WHERE first.user_id = ANY(%(users)s)
                GROUP BY first.user_id
                """,
                start=start,
                end=end,
                users=user_ids,
            )
        )
        for user_id, count in rows:
            result[user_id]["new_customers"] = count
        for user, customers in Order._read_group(
            [
                ("state", "=", "sale"),
                ("date_order", "<", start),
                ("user_id", "in", user_ids),
            ],
            ["user_id"],
            ["bizreg_commercial_partner_id:count_distinct"],
        ):
            values = result[user.id]
            values["customers_at_start"] = customers
            if customers:
                values["customer_growth_rate"] = round(
                    100.0 * values["new_customers"] / customers, 2
                )

    @api.model
    def _bizreg_kpi_converted(self, domain, company):
        """``{user_id: (revenue, margin)}`` of the orders of ``domain`` (of
        companies in another currency than ``company``'s) in ``company``'s
        currency: grouped by salesperson, company and day of order (UTC, the
        date Odoo takes the order's rate at) and converted with ``company``'s
        rates of that day (:meth:`_bizreg_currency_rates`).  Two queries
        whatever the number of users and orders; none without such orders.
        """
        if not domain[-1][2]:
            return {}
        currency = company.currency_id
        daily = [
            (user, order_company.currency_id, day, revenue, margin)
            for user, order_company, day, revenue, margin in self.sudo()
            .with_context(tz="UTC")
            ._read_group(
                domain,
                ["user_id", "company_id", "date_order:day"],
                ["bizreg_amount_untaxed_company:sum", "bizreg_margin_company:sum"],
            )
        ]
        days = {
            (source.id, day.date() if isinstance(day, datetime) else day)
            for _user, source, day, _revenue, _margin in daily
        }
        rates = self._bizreg_currency_rates(
            company, days | {(currency.id, day) for _source, day in days}
        )
        amounts = defaultdict(lambda: [0.0, 0.0])
        for user, source, day, revenue, margin in daily:
            day = day.date() if isinstance(day, datetime) else day
            factor = rates[currency.id, day] / rates[source.id, day]
            amounts[user.id][0] += revenue * factor
            amounts[user.id][1] += margin * factor
        return {uid: tuple(values) for uid, values in amounts.items()}

    @api.model
    def _bizreg_currency_rates(self, company, currency_days):
        """``{(currency_id, day): rate}`` for the pairs ``currency_days``, in
        one query: the rate ``res.currency._get_rates`` gives for the day with
        ``company``'s rates (its root company's, else the shared ones; the
        latest of the day or before, else the first one, else 1.0)."""
        pairs = sorted(currency_days)
        if not pairs:
            return {}
        self.env["res.currency.rate"].flush_model(
            ["rate", "name", "currency_id", "company_id"]
        )
        root = company.root_id.id
        rows = self.env.execute_query(
            SQL(
                """
                SELECT v.currency_id, v.day, COALESCE(
                    (SELECT r.rate FROM res_currency_rate r
                      WHERE r.currency_id = v.currency_id AND r.name <= v.day
                        AND (r.company_id IS NULL OR r.company_id = %(root)s)
                      ORDER BY r.company_id NULLS LAST, r.name DESC LIMIT 1),
                    (SELECT r.rate FROM res_currency_rate r
                      WHERE r.currency_id = v.currency_id
                        AND (r.company_id IS NULL OR r.company_id = %(root)s)
                      ORDER BY r.company_id NULLS LAST, r.name ASC LIMIT 1),
                    1.0)
                  FROM unnest(%(currencies)s::int[], %(days)s::date[])
                       AS v(currency_id, day)
                """,
                root=root,
                currencies=[currency_id for currency_id, _day in pairs],
                days=[day for _currency_id, day in pairs],
            )
        )
        return {(currency_id, day): rate for currency_id, day, rate in rows}
