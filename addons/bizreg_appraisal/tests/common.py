# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command

from odoo.addons.bizreg_base.tests.common import bizreg_test_user
from odoo.addons.bizreg_base.tools import company_today


def query_counts(env, func, *calls):
    """Queries run by ``func(arg)`` for each ``arg`` of ``calls`` (caches
    invalidated before each), after a warm-up call with the last one."""
    func(calls[-1])
    counts = []
    for arg in calls:
        env.invalidate_all()
        before = env.cr.sql_log_count
        func(arg)
        counts.append(env.cr.sql_log_count - before)
    return counts


def demo_month_cycle(env):
    """The monthly cycle of the current month in the company's time zone (the
    measured demo month): the first one made, since the ``bizreg`` module's
    demo story adds a cycle of its own for other departments."""
    today = company_today(env.company)
    return env["bizreg.appraisal.cycle"].search(
        [
            ("cycle_type", "=", "monthly"),
            ("year", "=", today.year),
            ("period", "=", today.month),
        ],
        order="id",
        limit=1,
    )


class AppraisalCommon:
    """Users of every role, a test sales department and a template with two
    manual KPIs (one 'higher is better', one 'lower is better')."""

    @classmethod
    def _appraisal_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        cls.company = cls.env.company
        cls.company.write(
            {
                "bizreg_appraisal_bonus_base": 1000.0,
                "bizreg_appraisal_forced_distribution": False,
                "bizreg_appraisal_promotion_months": 0,
                "bizreg_appraisal_promotion_quarters": 3,
            }
        )
        Department = cls.env["hr.department"]
        cls.dept_sales = Department.create(
            {
                "name": "T Sales",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_sale").id,
            }
        )
        cls.dept_service = Department.create(
            {
                "name": "T Service",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_service").id,
            }
        )
        cls.dept_empty = Department.create({"name": "T Nobody"})

        def user(login, groups, department=None, manager=None):
            usr = bizreg_test_user(
                cls.env,
                login,
                groups,
                department,
                employee_vals={"parent_id": manager.id if manager else False},
            )
            return usr, usr.employee_id

        cls.hr1, _e = user("t_ap_hr1", ["hr.group_hr_user"])
        cls.hr2, _e = user("t_ap_hr2", ["hr.group_hr_user"])
        cls.director, _e = user("t_ap_director", ["bizreg_base.group_bizreg_director"])
        cls.auditor, _e = user("t_ap_auditor", ["bizreg_base.group_bizreg_auditor"])
        cls.manager, cls.emp_manager = user(
            "t_ap_manager", ["bizreg_base.group_bizreg_area_manager"], cls.dept_sales
        )
        cls.dept_sales.manager_id = cls.emp_manager
        cls.user1, cls.emp1 = user(
            "t_ap_user1",
            [],
            cls.dept_sales,
            cls.emp_manager,
        )
        cls.user2, cls.emp2 = user(
            "t_ap_user2",
            [],
            cls.dept_sales,
            cls.emp_manager,
        )
        cls.peer, cls.emp_peer = user("t_ap_peer", [], cls.dept_service)
        Kpi = cls.env["bizreg.appraisal.kpi"]
        cls.kpi_revenue = Kpi.create(
            {"name": "T Revenue", "unit": "amount", "target": 100.0}
        )
        cls.kpi_response = Kpi.create(
            {
                "name": "T Response time",
                "unit": "hours",
                "direction": "lower",
                "target": 10.0,
            }
        )
        cls.template = cls.env["bizreg.appraisal.template"].create(
            {
                "name": "T Sales template",
                "sequence": 1,
                "department_ids": [Command.set(cls.dept_sales.ids)],
                "customer_facing": True,
                "weight_self": 10,
                "weight_manager": 50,
                "weight_peer": 20,
                "weight_customer": 20,
                "line_ids": [
                    Command.create({"kpi_id": cls.kpi_revenue.id, "weight": 60}),
                    Command.create(
                        {"kpi_id": cls.kpi_response.id, "weight": 40, "target": 8}
                    ),
                ],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "T Customer", "email": "t.customer@example.com"}
        )
        cls.grade = {g.code: g for g in cls.env["bizreg.appraisal.grade"].search([])}

    # Helpers ----------------------------------------------------------
    def _open_cycle(self, cycle_type="monthly", year=2026, period=1, **vals):
        wizard = (
            self.env["bizreg.appraisal.cycle.open"]
            .with_user(self.hr1)
            .create(
                dict(
                    {
                        "cycle_type": cycle_type,
                        "year": year,
                        "period": period,
                        "department_ids": [Command.set(self.dept_sales.ids)],
                        "with_evaluations": False,
                    },
                    **vals,
                )
            )
        )
        action = wizard.action_open()
        return (
            self.env["bizreg.appraisal.cycle"]
            .with_user(self.hr1)
            .browse(action["res_id"])
        )

    def _appraisal(self, cycle, employee):
        return cycle.appraisal_ids.filtered(lambda a: a.employee_id == employee)

    def _set_values(self, cycle, values):
        """values: {employee: (revenue, response hours)} entered by the manager
        (by HR for the manager himself: nobody fills in their own appraisal)."""
        for employee, (revenue, hours) in values.items():
            appraisal = self._appraisal(cycle, employee)
            user = self.hr1 if employee == self.emp_manager else self.manager
            lines = appraisal.line_ids.with_user(user)
            lines.filtered(lambda line: line.kpi_id == self.kpi_revenue).write(
                {"actual_value": revenue}
            )
            lines.filtered(lambda line: line.kpi_id == self.kpi_response).write(
                {"actual_value": hours}
            )

    def _approve(self, cycle):
        cycle.with_user(self.hr1).request_validation()
        cycle.invalidate_recordset()
        cycle.with_user(self.hr2).validate_tier()
        cycle.with_user(self.director).validate_tier()
        cycle.invalidate_recordset()
        return cycle

    def _run_monthly(self, month, values, publish=True, year=2026, **vals):
        cycle = self._open_cycle("monthly", year, month, **vals)
        self._set_values(cycle, values)
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        self._approve(cycle)
        if publish:
            cycle.action_publish()
        return cycle
