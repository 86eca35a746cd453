#!/usr/bin/env python3
# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the appraisal KPI measures (bizreg_appraisal + its sales and
customer-service bridges).

    python3 data/bench_appraisal.py -c ODOO_CONF -d DB [--employees 1000]
        [--orders 500000] [--tickets 500000]

DB must have bizreg_appraisal_sale and bizreg_appraisal_helpdesk installed (with
demo data: one confirmed order and one ticket are cloned). Everything runs in one
transaction that is rolled back: the database is left unchanged.

Bench data is generated with ``INSERT ... SELECT generate_series`` (cloning one
real record per table and varying the salesperson/agent, customer and date), for
one month: N employees with users, ``--orders`` confirmed sales orders and
``--tickets`` tickets, plus ``--prior-orders`` orders of the month before (the
customer history the new-customer and growth-rate KPIs look at). It then
prints, for a monthly cycle with the 12 measured KPIs of the default library
(7 sales + 5 service), medians of three interleaved rounds:

- the time and query count of computing all measures for 100 and for N employees
  (goal: the same query count);
- the time and query count of the whole "Compute Results" step for N employees
  (measures + storing 12 x N values with their figures, scores, grades);
- the time of hand-written SQL computing the same figures over the same data,
  measured in the same run, and the ratio measures / raw SQL (goal <= 2); and,
  for reference, the ratio to the cheapest possible scan (one count and one sum
  per table).
"""

import argparse
import statistics
import time
from datetime import date

import odoo
from odoo.tools import SQL

# The twelve measured sales and service KPIs of the default library.
SALE_CODES = [
    "sale_revenue",
    "sale_margin",
    "sale_new_customers",
    "sale_customer_growth",
    "sale_contracts_signed",
    "sale_contract_review",
    "sale_satisfaction",
]
SERVICE_CODES = [
    "service_first_response",
    "service_resolution_rate",
    "service_complaint_on_time",
    "service_satisfaction",
    "service_churn_risk",
]


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def clone(cr, table, src_id, count, overrides):
    """Insert ``count`` copies of row ``src_id``; ``overrides`` maps a column to
    an SQL expression of ``g`` (1..count). Returns the new ids in order."""
    cols = columns(cr, table)
    select = [overrides.get(col, SQL.identifier("src", col)) for col in cols]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s AS src, generate_series(1, %s) AS g "
            "WHERE src.id = %s ORDER BY g RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(col) for col in cols),
            SQL(", ").join(select),
            SQL.identifier(table),
            count,
            src_id,
        )
    )
    return [row[0] for row in cr.fetchall()]


def timed(env, func):
    env.invalidate_all()
    env.cr.flush()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.cr.flush()
    return result, time.perf_counter() - start, env.cr.sql_log_count - queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--employees", type=int, default=1000)
    parser.add_argument("--orders", type=int, default=500000)
    parser.add_argument("--tickets", type=int, default=500000)
    parser.add_argument("--partners", type=int, default=20000)
    parser.add_argument(
        "--prior-orders",
        type=int,
        default=100000,
        help="confirmed orders of the month before (customer history)",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    n_emp = args.employees
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        year, month = 2026, 3
        day_count = 31
        t0 = time.perf_counter()
        # ---------------- bench data (SQL) --------------------------------
        src_partner = env.ref("base.res_partner_2").id
        partners = clone(
            cr,
            "res_partner",
            src_partner,
            args.partners,
            {
                "name": SQL("'Bench customer ' || g"),
                "complete_name": SQL("'Bench customer ' || g"),
            },
        )
        user_partners = clone(
            cr, "res_partner", src_partner, n_emp, {"name": SQL("'Bench user ' || g")}
        )
        src_user = env.ref("bizreg_base.user_sale_user").id
        cr.execute(
            "SELECT min(id) FROM res_partner WHERE id = ANY(%s)", [user_partners]
        )
        first_partner = cr.fetchone()[0]
        users = clone(
            cr,
            "res_users",
            src_user,
            n_emp,
            {
                "login": SQL("'bench_user_' || g"),
                "partner_id": SQL("%s + g - 1", first_partner),
            },
        )
        first_user = min(users)
        department = env["hr.department"].create({"name": "Bench Department"})
        src_employee = env.ref("bizreg_base.employee_sale_user")
        resources = clone(
            cr,
            "resource_resource",
            src_employee.resource_id.id,
            n_emp,
            {
                "name": SQL("'Bench employee ' || g"),
                "user_id": SQL("%s + g - 1", first_user),
            },
        )
        employees_ids = clone(
            cr,
            "hr_employee",
            src_employee.id,
            n_emp,
            {
                "name": SQL("'Bench employee ' || g"),
                "resource_id": SQL("%s + g - 1", min(resources)),
                "user_id": SQL("%s + g - 1", first_user),
                "department_id": SQL("%s", department.id),
                "work_contact_id": SQL("NULL"),
                "parent_id": SQL("NULL"),
                "barcode": SQL("NULL"),
            },
        )
        cr.execute("SELECT id FROM sale_order WHERE state = 'sale' ORDER BY id LIMIT 1")
        src_order = cr.fetchone()[0]
        first_cust = min(partners)

        def orders(count, month_of, prefix, customers):
            customer = SQL("%s + mod(g, %s)", first_cust, customers)
            clone(
                cr,
                "sale_order",
                src_order,
                count,
                {
                    "name": SQL("%s || g", prefix),
                    "user_id": SQL("%s + mod(g, %s)", first_user, n_emp),
                    "partner_id": customer,
                    "bizreg_commercial_partner_id": customer,
                    "date_order": SQL(
                        "make_timestamp(%s, %s, 1 + mod(g, 28), mod(g, 24), 0, 0)",
                        year,
                        month_of,
                    ),
                    "bizreg_number": SQL("NULL"),
                },
            )

        # History: the month before, half of the customers (the others are
        # new in the benchmark month).
        orders(args.prior_orders, month - 1, "BENCHP", args.partners // 2)
        orders(args.orders, month, "BENCH", args.partners)
        cr.execute("SELECT id FROM helpdesk_ticket ORDER BY id LIMIT 1")
        src_ticket = cr.fetchone()[0]
        ticket_overrides = {
            "number": SQL("'BT' || g"),
            "user_id": SQL("%s + mod(g, %s)", first_user, n_emp),
            "partner_id": SQL("%s + mod(g, %s)", first_cust, args.partners),
            "bizreg_received_date": SQL(
                "make_timestamp(%s, %s, 1 + mod(g, %s), mod(g, 24), 0, 0)",
                year,
                month,
                day_count,
            ),
            "create_date": SQL(
                "make_timestamp(%s, %s, 1 + mod(g, %s), mod(g, 24), 0, 0)",
                year,
                month,
                day_count,
            ),
            "bizreg_number": SQL("NULL"),
        }
        ticket_cols = set(columns(cr, "helpdesk_ticket"))
        clone(
            cr,
            "helpdesk_ticket",
            src_ticket,
            args.tickets,
            {k: v for k, v in ticket_overrides.items() if k in ticket_cols},
        )
        cr.execute("ANALYZE sale_order; ANALYZE helpdesk_ticket; ANALYZE hr_employee")
        env.invalidate_all()
        print(
            f"bench data: {n_emp} employees, {args.orders} orders, {args.tickets} "
            f"tickets, {args.partners} customers in {time.perf_counter() - t0:.1f} s"
        )
        # ---------------- 12 measured KPIs, one template ------------------
        Kpi = env["bizreg.appraisal.kpi"]
        kpis = Kpi.create(
            [
                {
                    "name": f"Bench {code}",
                    "source": "measure",
                    "measure_code": code,
                    "target": 10.0,
                    "direction": "lower"
                    if code in ("service_first_response", "service_churn_risk")
                    else "higher",
                }
                for code in SALE_CODES + SERVICE_CODES
            ]
        )
        weights = [8] * 11 + [12]
        env["bizreg.appraisal.template"].create(
            {
                "name": "Bench template",
                "sequence": 0,
                "department_ids": [odoo.Command.set(department.ids)],
                "line_ids": [
                    odoo.Command.create({"kpi_id": kpi.id, "weight": weight})
                    for kpi, weight in zip(kpis, weights, strict=True)
                ],
            }
        )
        employees = env["hr.employee"].browse(employees_ids)
        Measure = env["bizreg.appraisal.measure"]
        codes = SALE_CODES + SERVICE_CODES
        period = (date(year, month, 1), date(year, month, day_count))
        start, stop = f"{year}-{month:02d}-01", f"{year}-{month + 1:02d}-01"

        def measures(count):
            return Measure._bizreg_compute_measures(codes, employees[:count], *period)

        # Raw SQL over the same data, same run.
        def raw_minimal():
            """The cheapest scan of both tables: two figures per user."""
            cr.execute(
                "SELECT user_id, count(*), sum(amount_untaxed) FROM sale_order "
                "WHERE state = 'sale' AND date_order >= %s AND date_order < %s "
                "AND user_id = ANY(%s) GROUP BY user_id",
                [start, stop, users],
            )
            cr.fetchall()
            cr.execute(
                "SELECT user_id, count(*), avg(bizreg_first_response_hours) "
                "FROM helpdesk_ticket WHERE bizreg_received_date >= %s "
                "AND bizreg_received_date < %s AND user_id = ANY(%s) GROUP BY user_id",
                [start, stop, users],
            )
            cr.fetchall()

        def raw_equivalent():
            """Hand-written SQL computing every figure the 12 measures use."""
            cr.execute(
                """
                SELECT user_id, count(*), sum(bizreg_amount_untaxed_company),
                  sum(bizreg_margin_company),
                  count(*) FILTER (WHERE validation_status = 'validated'),
                  count(*) FILTER (WHERE validation_status = 'validated'
                                   AND bizreg_rejection_count > 0),
                  count(*) FILTER (WHERE bizreg_execution_state = 'done'),
                  avg(bizreg_satisfaction) FILTER (
                    WHERE bizreg_execution_state = 'done' AND bizreg_satisfaction > 0)
                FROM sale_order
                WHERE state = 'sale' AND date_order >= %(start)s
                  AND date_order < %(stop)s AND user_id = ANY(%(users)s)
                GROUP BY user_id
                """,
                {"start": start, "stop": stop, "users": users},
            )
            cr.fetchall()
            cr.execute(
                """
                WITH firsts AS (
                  SELECT DISTINCT ON (o.bizreg_commercial_partner_id)
                         o.bizreg_commercial_partner_id, o.user_id
                  FROM sale_order o
                  WHERE o.state = 'sale' AND o.date_order >= %(start)s
                    AND o.date_order < %(stop)s
                    AND NOT EXISTS (
                      SELECT 1 FROM sale_order p
                      WHERE p.state = 'sale' AND p.date_order < %(start)s
                        AND p.bizreg_commercial_partner_id
                            = o.bizreg_commercial_partner_id)
                  ORDER BY o.bizreg_commercial_partner_id, o.date_order, o.user_id
                )
                SELECT user_id, count(*) FROM firsts
                WHERE user_id = ANY(%(users)s) GROUP BY user_id
                """,
                {"start": start, "stop": stop, "users": users},
            )
            cr.fetchall()
            cr.execute(
                "SELECT user_id, count(DISTINCT bizreg_commercial_partner_id) "
                "FROM sale_order WHERE state = 'sale' AND date_order < %s "
                "AND user_id = ANY(%s) GROUP BY user_id",
                [start, users],
            )
            cr.fetchall()
            cr.execute(
                """
                SELECT user_id, count(*),
                  count(*) FILTER (WHERE bizreg_resolved),
                  count(*) FILTER (WHERE bizreg_kind = 'complaint'),
                  count(*) FILTER (WHERE bizreg_kind = 'complaint'
                                   AND bizreg_resolved_on_time),
                  avg(bizreg_first_response_hours) FILTER (
                    WHERE bizreg_first_response_date IS NOT NULL),
                  avg(bizreg_satisfaction_score) FILTER (
                    WHERE bizreg_satisfaction_score > 0)
                FROM helpdesk_ticket
                WHERE bizreg_received_date >= %(start)s
                  AND bizreg_received_date < %(stop)s AND user_id = ANY(%(users)s)
                GROUP BY user_id
                """,
                {"start": start, "stop": stop, "users": users},
            )
            cr.fetchall()
            cr.execute(
                """
                SELECT user_id, count(*), count(DISTINCT partner_id),
                  count(DISTINCT partner_id) FILTER (WHERE churn_risk)
                FROM bizreg_return_visit
                WHERE state = 'done' AND date_done >= %(start)s
                  AND date_done < %(stop)s AND user_id = ANY(%(users)s)
                GROUP BY user_id
                """,
                {"start": start, "stop": stop, "users": users},
            )
            cr.fetchall()

        # Warm-up (registry and PostgreSQL caches), then three interleaved
        # rounds; the medians are reported.
        measures(10)
        raw_minimal()
        raw_equivalent()
        rounds = {"m100": [], "mall": [], "minimal": [], "equivalent": []}
        for _round in range(3):
            _r, elapsed, q100 = timed(env, lambda: measures(100))
            rounds["m100"].append(elapsed)
            result, elapsed, qall = timed(env, lambda: measures(n_emp))
            rounds["mall"].append(elapsed)
            rounds["minimal"].append(timed(env, raw_minimal)[1])
            rounds["equivalent"].append(timed(env, raw_equivalent)[1])
        t100, tall, traw, tequiv = (
            statistics.median(rounds[key])
            for key in ("m100", "mall", "minimal", "equivalent")
        )
        sample = result["sale_revenue"][employees_ids[0]]
        # Whole "Compute Results" step of a monthly cycle.
        cycle = env["bizreg.appraisal.cycle"].create(
            {
                "cycle_type": "monthly",
                "year": year,
                "period": month,
                "department_ids": [odoo.Command.set(department.ids)],
                "with_evaluations": False,
            }
        )
        _r, topen, qopen = timed(env, lambda: cycle._bizreg_add_employees(employees))
        cycle.action_start()
        cycle.action_open_evaluations()
        _r, tcal, qcal = timed(env, cycle.action_calibrate)
        lines = cycle.appraisal_ids.line_ids
        print(f"example: {sample}")
        print(
            f"appraisal lines: {len(lines)} "
            f"({len(cycle.appraisal_ids)} appraisals x 12 KPIs)"
        )
        print(f"measures, 12 KPIs, 100 employees : {t100:.3f} s, {q100} queries")
        print(f"measures, 12 KPIs, {n_emp} employees: {tall:.3f} s, {qall} queries")
        print(
            "raw SQL, same figures (5 statements: orders, new customers, "
            f"customer base, tickets, visits): {tequiv:.3f} s"
        )
        print(
            f"ratio measures / raw SQL computing the same figures: {tall / tequiv:.2f}"
        )
        print(f"raw SQL, count + one sum per table only: {traw:.3f} s")
        print(f"ratio measures / that minimal scan: {tall / traw:.2f}")
        print(
            f"open cycle ({n_emp} appraisals, 12 lines each): "
            f"{topen:.2f} s, {qopen} queries"
        )
        print(
            "Compute Results (measures + store + scores + grades): "
            f"{tcal:.2f} s, {qcal} queries"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
