# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_appraisal.tests.common import query_counts
from odoo.addons.bizreg_base.tests.common import bizreg_test_user
from odoo.addons.bizreg_project.tests.acceptance_common import AcceptanceCommon

CODES = [
    "project_milestones_on_time",
    "project_first_acceptance",
    "project_cost_variance",
]
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
PM_USER = "bizreg_project.group_bizreg_project_user"


@tagged("post_install", "-at_install")
class TestProjectMeasures(AcceptanceCommon, TransactionCase):
    """The project measures of the appraisal, computed from projects run by
    their managers, accepted by the accepting department and closed, in a
    company of Asia/Shanghai."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._acceptance_setup()
        cls.Measure = cls.env["bizreg.appraisal.measure"]
        cls.Project = cls.env["project.project"]
        cls.emp_pm = cls.pm.employee_id
        cls.emp_colleague = cls.colleague.employee_id

    # Fixtures -------------------------------------------------------------
    def _milestone(self, project, baseline, reached_on=None):
        milestone = self.env["project.milestone"].create(
            {"name": f"M {baseline}", "project_id": project.id, "deadline": baseline}
        )
        milestone._bizreg_engine_write({"bizreg_baseline_date": baseline})
        if reached_on:
            with freeze_time(f"{reached_on} 06:00:00"):
                milestone.is_reached = True
                milestone.flush_recordset()
            self.assertEqual(milestone.reached_date, reached_on)
        return milestone

    def _timesheet(self, project, hours):
        """Labour cost: ``hours`` of the project's manager (100 an hour)."""
        self.env["account.analytic.line"].create(
            {
                "project_id": project.id,
                "employee_id": self.emp_pm.id,
                "name": "Work",
                "unit_amount": hours,
                "date": date(2026, 3, 5),
            }
        )

    def _accept_at(self, project, when, refuse=False):
        acceptance = self._requested(project)
        if refuse:
            self._refuse(acceptance, "Missing user guide")
            acceptance.with_user(self.pm).action_submit()
        with freeze_time(when):
            acceptance.with_user(self.acceptor).validate_tier()
        acceptance.invalidate_recordset()
        self.assertEqual(acceptance.state, "accepted")
        return acceptance

    def _close_at(self, project, when):
        self.env["bizreg.project.lesson"].with_user(self.pm).create(
            {"name": "Lesson", "project_id": project.id}
        )
        self.env["bizreg.project.evaluation"].with_user(self.manager).create(
            {"project_id": project.id}
        )
        with freeze_time(when):
            project.with_user(self.pm).action_bizreg_close()
        self.assertEqual(project.bizreg_phase, "closed")

    def _fixture(self):
        """The manager's March: three milestones due (one on time), two
        acceptances (one at the first request), one project closed in March
        (budget 1,200, cost 1,000) and one closed at midnight on 1 April
        local time."""
        first = self._project_in_execution(name="T first", budget=1200.0)
        second = self._project_in_execution(name="T second", budget=500.0)
        self._milestone(first, date(2026, 3, 10), date(2026, 3, 9))
        self._milestone(first, date(2026, 3, 20), date(2026, 3, 25))
        self._milestone(second, date(2026, 3, 31))
        self._milestone(second, date(2026, 4, 5), date(2026, 4, 1))
        self._milestone(second, date(2026, 2, 27), date(2026, 2, 27))
        self._timesheet(first, 10.0)
        self._accept_at(first, "2026-03-15 02:00:00")
        self._accept_at(second, "2026-03-20 02:00:00", refuse=True)
        # 23:59:59 on 31 March in Shanghai, then midnight on 1 April
        self._close_at(first, "2026-03-31 15:59:59")
        self._close_at(second, "2026-03-31 16:00:00")
        return first, second

    # Tests ----------------------------------------------------------------
    def test_project_measures_hand_computed(self):
        self._fixture()
        results = self.Measure._bizreg_compute_measures(
            CODES, self.emp_pm | self.emp_colleague, *MARCH
        )
        mine = {code: results[code][self.emp_pm.id] for code in CODES}
        # due in March: 10 March (reached 9 March), 20 March (reached 25
        # March) and 31 March (not reached); 5 April and 27 February are not
        self.assertEqual(mine["project_milestones_on_time"][0], 33.33)
        self.assertEqual(
            mine["project_milestones_on_time"][1],
            {
                "milestones_due": 3,
                "milestones_on_time": 1,
                "milestone_on_time_rate": 33.33,
            },
        )
        # two acceptances in March, the second refused once
        self.assertEqual(mine["project_first_acceptance"][0], 50.0)
        self.assertEqual(mine["project_first_acceptance"][1]["accepted_first_time"], 1)
        # closed in March: the first project only, |1,000 - 1,200| / 1,200
        self.assertEqual(mine["project_cost_variance"][0], 16.67)
        self.assertEqual(
            mine["project_cost_variance"][1],
            {
                "projects_closed": 1,
                "budget": 1200.0,
                "actual": 1000.0,
                "cost_deviation": 200.0,
                "cost_variance_rate": 16.67,
            },
        )
        # the colleague manages no project: no data, not a zero rate
        for code in CODES:
            self.assertIsNone(results[code][self.emp_colleague.id][0], code)
        # April: the second project closed (no cost: |0 - 500| / 500)
        april = self.Measure._bizreg_compute_measures(CODES, self.emp_pm, *APRIL)
        self.assertEqual(april["project_cost_variance"][self.emp_pm.id][0], 100.0)
        self.assertEqual(april["project_milestones_on_time"][self.emp_pm.id][0], 100.0)
        self.assertIsNone(april["project_first_acceptance"][self.emp_pm.id][0])

    def test_period_in_company_time_zone(self):
        """An acceptance at 00:30 on 1 April in Shanghai (16:30 UTC on 31
        March) belongs to April; one second before midnight to March."""
        first = self._project_in_execution(name="T first")
        second = self._project_in_execution(name="T second")
        self._accept_at(first, "2026-03-31 16:30:00")
        self._accept_at(second, "2026-03-31 15:59:59")
        march = self.Project._bizreg_kpi_project(self.pm.ids, *MARCH)
        april = self.Project._bizreg_kpi_project(self.pm.ids, *APRIL)
        self.assertEqual(march[self.pm.id]["acceptances"], 1)
        self.assertEqual(april[self.pm.id]["acceptances"], 1)
        # figures do not depend on who asks
        self.assertEqual(
            self.Project.with_user(self.stranger)._bizreg_kpi_project(
                self.pm.ids, *MARCH
            ),
            march,
        )

    def test_project_measures_constant_queries(self):
        self._fixture()
        others = self.env["hr.employee"].concat(
            *(
                bizreg_test_user(
                    self.env, f"t_pjk_pm{i}", [PM_USER], self.dept
                ).employee_ids
                for i in range(8)
            )
        )
        for employee in others[:4]:
            project = self._regulated_project(
                name=f"T {employee.name}", user_id=employee.user_id.id
            )
            self._milestone(project, date(2026, 3, 12), date(2026, 3, 11))
        two = self.emp_pm | self.emp_colleague
        ten = two | others
        self.assertEqual(len(ten.user_id), 10)

        def compute(employees):
            return self.Measure._bizreg_compute_measures(CODES, employees, *MARCH)

        counts = query_counts(self.env, compute, two, ten)
        self.assertEqual(counts[0], counts[1], counts)
        self.assertEqual(
            compute(ten)["project_milestones_on_time"][others[0].id][0], 100.0
        )

    def test_kpis_are_measured(self):
        ref = self.env.ref
        for xmlid, code in (
            (
                "bizreg_appraisal.kpi_pm_milestones_on_time",
                "project_milestones_on_time",
            ),
            ("bizreg_appraisal.kpi_pm_first_acceptance", "project_first_acceptance"),
            ("bizreg_appraisal.kpi_pm_cost_variance", "project_cost_variance"),
            ("bizreg_appraisal.kpi_pm_collaboration", "peer_collaboration"),
        ):
            kpi = ref(xmlid)
            self.assertEqual(kpi.source, "measure", xmlid)
            self.assertEqual(kpi.measure_code, code, xmlid)
        self.assertEqual(
            ref("bizreg_appraisal.kpi_pm_cost_variance").direction, "lower"
        )
