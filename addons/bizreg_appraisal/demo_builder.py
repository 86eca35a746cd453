# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data: a closed quarter (three monthly cycles and the quarterly cycle)
of the demo sales and service teams, taken through the real workflow and
approvals (the HR officer 许丽, then the Director)."""

from datetime import date

from odoo import Command, fields

from odoo.addons.bizreg_base.tools import approve_as, company_today


def _last_closed_quarter(today):
    quarter = (today.month - 1) // 3 + 1
    if quarter == 1:
        return today.year - 1, 4
    return today.year, quarter - 1


def approve_and_publish(cycle, env):
    cycle.request_validation()
    cycle.invalidate_recordset()
    if cycle.state == "calibration":
        ref = env.ref
        approve_as(
            cycle, ref("bizreg_base.user_hr_officer") | ref("bizreg_base.user_director")
        )
    if cycle.state == "calibration" and cycle.validation_status == "validated":
        cycle.action_approve()
    if cycle.state == "approved":
        cycle.action_publish()


def _manual_value(line, salt):
    """A deterministic, employee-dependent achievement of 70..115% of target."""
    ratio = (
        0.70 + ((line.employee_id.id * 7 + line.kpi_id.id * 3 + salt * 5) % 10) * 0.05
    )
    if line.direction == "lower":
        ratio = 2.0 - ratio
    return round(line.target * ratio, 2)


def build_closed_quarter(env):
    ref = env.ref
    departments = ref("bizreg_base.hr_department_sale") | ref(
        "bizreg_base.hr_department_service"
    )
    Cycle = env["bizreg.appraisal.cycle"]
    year, quarter = _last_closed_quarter(company_today(env.company))
    if Cycle.search_count(
        [
            ("cycle_type", "=", "quarterly"),
            ("year", "=", year),
            ("period", "=", quarter),
        ]
    ):
        return Cycle
    employees = env["hr.employee"].search([("department_id", "in", departments.ids)])
    cycles = Cycle
    for offset in range(3):
        month = 3 * quarter - 2 + offset
        cycle = Cycle.create(
            {
                "cycle_type": "monthly",
                "year": year,
                "period": month,
                "department_ids": [Command.set(departments.ids)],
                "with_evaluations": False,
            }
        )
        cycle._bizreg_add_employees(employees)
        for line in cycle.appraisal_ids.line_ids.filtered(
            lambda line: line.source == "manual"
        ):
            line.write({"actual_value": _manual_value(line, month), "value_set": True})
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        approve_and_publish(cycle, env)
        cycles |= cycle
    quarter_cycle = Cycle.create(
        {
            "cycle_type": "quarterly",
            "year": year,
            "period": quarter,
            "department_ids": [Command.set(departments.ids)],
            "with_evaluations": True,
            "self_deadline": fields.Datetime.to_datetime(date(year, 3 * quarter, 28)),
            "evaluation_deadline": fields.Datetime.to_datetime(
                date(year, 3 * quarter, 28)
            ),
        }
    )
    appraisals = quarter_cycle._bizreg_add_employees(employees)
    # Cross-department peers: sales and service work on the same customers.
    pairs = [
        ("employee_sale_user", "employee_service_user"),
        ("employee_service_user", "employee_sale_user"),
        ("employee_sale_user2", "employee_service_user2"),
        ("employee_service_user2", "employee_sale_user2"),
    ]
    customers = ref("base.res_partner_2", raise_if_not_found=False) or env[
        "res.partner"
    ].search([("is_company", "=", True)], limit=1)
    for employee_xmlid, peer_xmlid in pairs:
        appraisal = appraisals.filtered(
            lambda a, x=employee_xmlid: a.employee_id == ref(f"bizreg_base.{x}")
        )
        appraisal.write(
            {
                "peer_employee_ids": [
                    Command.set(ref(f"bizreg_base.{peer_xmlid}").ids)
                ],
                "customer_partner_ids": [Command.set(customers.ids)],
            }
        )
    quarter_cycle.action_start()
    quarter_cycle.action_open_evaluations()
    for evaluation in quarter_cycle.appraisal_ids.evaluation_ids:
        base = 3 + (evaluation.employee_id.id + evaluation.id) % 3  # 3..5
        for index, line in enumerate(evaluation.line_ids):
            line.write({"score": max(1, min(5, base - (index % 2)))})
        evaluation.write({"comment": "演示评价"})
        evaluation._bizreg_submit()
    quarter_cycle.action_calibrate()
    approve_and_publish(quarter_cycle, env)
    if quarter_cycle.state == "published":
        quarter_cycle._bizreg_propose_honours()
    return cycles | quarter_cycle


def build_measured_month(env):
    """The current month of the demo sales and service teams, measured from the
    live demo orders and tickets and left in calibration for review.

    Each measure bridge calls it from its demo data: the first one opens the
    cycle and computes it; the next ones recompute it with their own measures
    (their KPIs were still manual when the cycle was opened). KPIs without a
    measure get a demo value, as in the closed quarter.
    """
    ref = env.ref
    departments = ref("bizreg_base.hr_department_sale") | ref(
        "bizreg_base.hr_department_service"
    )
    # the company's month: its orders and tickets are counted in its time zone
    today = company_today(env.company)
    Cycle = env["bizreg.appraisal.cycle"]
    cycle = Cycle.search(
        [
            ("cycle_type", "=", "monthly"),
            ("year", "=", today.year),
            ("period", "=", today.month),
        ],
        limit=1,
    )
    if cycle and cycle.state != "calibration":
        return cycle
    if not cycle:
        cycle = Cycle.create(
            {
                "cycle_type": "monthly",
                "year": today.year,
                "period": today.month,
                "department_ids": [Command.set(departments.ids)],
                "with_evaluations": False,
            }
        )
        employees = env["hr.employee"].search(
            [("department_id", "in", departments.ids)]
        )
        cycle._bizreg_add_employees(employees)
        cycle.action_start()
        cycle.action_open_evaluations()
    for line in cycle.appraisal_ids.line_ids.filtered(
        lambda line: line.source == "manual" and not line.value_set
    ):
        line.write(
            {"actual_value": _manual_value(line, today.month), "value_set": True}
        )
    if cycle.state == "calibration":
        cycle.action_recompute()
    else:
        cycle.action_calibrate()
    return cycle
