# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .common import ProjectCommon


@tagged("post_install", "-at_install")
class TestCost(ProjectCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._project_setup()
        cls.project = cls._regulated_project(budget=10000.0)
        cls.Expense = cls.env["bizreg.project.expense"]
        cls.cat_material = cls.env.ref("bizreg_project.cost_category_material")

    def _expense(self, project=None, user=None, **vals):
        user = user or self.pm
        return (
            self.Expense.with_user(user)
            .create(
                {
                    "name": "Test rig",
                    "project_id": (project or self.project).id,
                    "category_id": self.cat_equipment.id,
                    "amount": 1000.0,
                    "user_id": user.id,
                    **vals,
                }
            )
            .with_user(user)
        )

    def _timesheet(self, project, user, hours):
        return (
            self.env["account.analytic.line"]
            .sudo()
            .create(
                {
                    "name": "Work",
                    "project_id": project.id,
                    "employee_id": user.employee_id.id,
                    "unit_amount": hours,
                    "date": date(2026, 4, 1),
                }
            )
        )

    def _tasks(self, project, states):
        return (
            self.env["project.task"]
            .sudo()
            .create(
                [
                    {"name": f"Task {i}", "project_id": project.id, "state": state}
                    for i, state in enumerate(states)
                ]
            )
        )

    def _populate(self, project):
        self._timesheet(project, self.pm, 10.0)
        self._timesheet(project, self.colleague, 5.0)
        self._expense(project, amount=3000.0).sudo().action_post()
        self._expense(project, category_id=self.cat_travel.id, amount=500.0)
        self._tasks(project, ["1_done", "01_in_progress", "1_canceled", "03_approved"])
        self.env["project.milestone"].sudo().create(
            {
                "name": "Design",
                "project_id": project.id,
                "deadline": date(2026, 3, 20),
                "bizreg_baseline_date": date(2026, 3, 15),
            }
        )

    # ------------------------------------------------------------------
    def test_expense_posting_rights_and_read_only(self):
        expense = self._expense(user=self.colleague)
        # a colleague records, only the project manager (or a PM Manager) posts
        with self.assertRaises(AccessError):
            expense.action_post()
        self.assertEqual(expense.sudo().state, "draft")
        expense.with_user(self.pm).action_post()
        self.assertEqual(expense.sudo().state, "posted")
        self.assertEqual(expense.sudo().posted_by, self.pm)
        for user in (self.colleague, self.pm, self.manager):
            with self.assertRaisesRegex(UserError, "posted"):
                expense.with_user(user).write({"amount": 1.0})
            with self.assertRaisesRegex(UserError, "posted"):
                expense.with_user(user).unlink()
        self.assertEqual(expense.sudo().amount, 1000.0)
        # the department's PM Manager posts another one
        other = self._expense(user=self.colleague, name="Cables")
        other.with_user(self.manager).action_post()
        self.assertEqual(other.sudo().state, "posted")
        with self.assertRaises(UserError):
            other.with_user(self.manager).action_post()
        # the state is the application's
        draft = self._expense(name="Forged")
        tried = assert_engine_fields_guarded(self, draft, self.pm)
        self.assertTrue({"state", "posted_by", "department_id"} <= tried, tried)

    def test_expense_input_checked(self):
        with self.assertRaisesRegex(ValidationError, "Amount"):
            self._expense(amount=0.0)
        with self.assertRaisesRegex(ValidationError, "Amount"):
            self._expense(amount=-5.0)
        with self.assertRaisesRegex(ValidationError, "timesheets"):
            self._expense(category_id=self.cat_labour.id)
        plain = self.env["project.project"].create({"name": "Plain project"})
        with self.assertRaisesRegex(ValidationError, "regulated projects only"):
            self._expense(project=plain)

    def test_actual_cost_by_category(self):
        self._populate(self.project)
        figures = self.project._bizreg_cost_figures()[self.project.id]
        # 10 h × 100 + 5 h × 80 of timesheets, the posted expense only
        by_category = figures["by_category"]
        self.assertAlmostEqual(by_category[self.cat_labour.id]["actual"], 1400.0)
        self.assertAlmostEqual(by_category[self.cat_equipment.id]["actual"], 3000.0)
        self.assertNotIn(self.cat_travel.id, by_category)
        self.assertAlmostEqual(figures["actual"], 4400.0)
        self.assertAlmostEqual(self.project.bizreg_cost_actual, 4400.0)
        # the figures are the project's whoever reads them (a project user
        # sees only his own timesheets)
        as_pm = self.project.with_user(self.pm)
        self.assertAlmostEqual(as_pm.bizreg_cost_actual, 4400.0)
        # the cost report agrees, by category
        self.env.flush_all()
        report = self.env["bizreg.project.cost.report"].search(
            [("project_id", "=", self.project.id)]
        )
        self.assertEqual(
            {r.category_id.id: round(r.actual, 2) for r in report},
            {self.cat_labour.id: 1400.0, self.cat_equipment.id: 3000.0},
        )

    def test_budget_by_category_from_request(self):
        """The budget by category is the approved request's budget lines."""
        request = (
            self.env["bizreg.project.request"]
            .sudo()
            .create(
                {
                    "name": "Budget test",
                    "goal": "Test the budget",
                    "date_start": date(2026, 3, 1),
                    "date_end": date(2026, 8, 31),
                    "manager_user_id": self.pm.id,
                    "sponsor_id": self.manager.id,
                    "accepting_department_id": self.accepting_dept.id,
                    "budget_line_ids": [
                        Command.create(
                            {"category_id": self.cat_labour.id, "amount": 2000.0}
                        ),
                        Command.create(
                            {"category_id": self.cat_equipment.id, "amount": 4000.0}
                        ),
                    ],
                }
            )
        )
        project = self._regulated_project(name="From request", budget=0.0)
        project._bizreg_engine_write({"bizreg_request_id": request.id})
        self._timesheet(project, self.pm, 10.0)
        figures = project._bizreg_cost_figures()[project.id]
        self.assertAlmostEqual(figures["budget"], 6000.0)
        self.assertEqual(
            figures["by_category"][self.cat_labour.id],
            {"budget": 2000.0, "actual": 1000.0},
        )
        self.assertEqual(
            figures["by_category"][self.cat_equipment.id],
            {"budget": 4000.0, "actual": 0.0},
        )
        self.env.flush_all()
        report = self.env["bizreg.project.cost.report"].search(
            [("project_id", "=", project.id)]
        )
        self.assertEqual(
            {r.category_id.id: (r.budget, r.actual) for r in report},
            {
                self.cat_labour.id: (2000.0, 1000.0),
                self.cat_equipment.id: (4000.0, 0.0),
            },
        )

    def test_variance_and_forecast(self):
        self._populate(self.project)
        self.env.invalidate_all()
        project = self.project
        # 1 done of 3 tasks that count (the cancelled one does not)
        self.assertAlmostEqual(project.bizreg_progress, 100.0 / 3, places=1)
        self.assertAlmostEqual(project.bizreg_cost_forecast, 13200.0, places=1)
        self.assertAlmostEqual(project.bizreg_cost_variance, 5600.0)
        self.assertAlmostEqual(project.bizreg_cost_variance_pct, 56.0)
        # forecast 13,200 > 110 % of 10,000
        self.assertEqual(project.bizreg_cost_health, "red")
        self.assertEqual(project.bizreg_health, "red")
        # all tasks done: the forecast is the actual cost
        project.sudo().task_ids.filtered(lambda t: t.state != "1_canceled").write(
            {"state": "1_done"}
        )
        self.env.invalidate_all()
        self.assertAlmostEqual(project.bizreg_progress, 100.0)
        self.assertAlmostEqual(project.bizreg_cost_forecast, 4400.0)
        self.assertEqual(project.bizreg_cost_health, "green")
        # no task and no milestone: the budget is the forecast
        empty = self._regulated_project(name="Empty", budget=5000.0)
        self.assertEqual(empty.bizreg_progress, 0.0)
        self.assertEqual(empty.bizreg_cost_forecast, 5000.0)
        self.assertEqual(empty.bizreg_cost_health, "green")
        # milestones when there is no task
        Milestone = self.env["project.milestone"].sudo()
        Milestone.create(
            [
                {"name": "M1", "project_id": empty.id, "is_reached": True},
                {"name": "M2", "project_id": empty.id},
            ]
        )
        self._timesheet(empty, self.pm, 10.0)
        self.env.invalidate_all()
        self.assertEqual(empty.bizreg_progress, 50.0)
        self.assertEqual(empty.bizreg_cost_forecast, 2000.0)

    def test_schedule_health(self):
        project = self.project
        Milestone = self.env["project.milestone"].sudo()
        today = fields.Date.context_today(project)
        self.assertEqual(project.bizreg_schedule_health, "green")
        on_time = Milestone.create(
            {
                "name": "On time",
                "project_id": project.id,
                "bizreg_baseline_date": today + timedelta(days=10),
                "deadline": today - timedelta(days=30),  # the baseline counts
            }
        )
        self.env.invalidate_all()
        self.assertEqual(project.bizreg_schedule_health, "green")
        self.assertEqual(project.bizreg_schedule_slip, 0)
        # no baseline: the deadline, 3 days passed, not reached
        Milestone.create(
            {
                "name": "Late",
                "project_id": project.id,
                "deadline": today - timedelta(days=3),
            }
        )
        self.env.invalidate_all()
        self.assertEqual(project.bizreg_milestone_late_count, 1)
        self.assertEqual(project.bizreg_schedule_slip, 3)
        self.assertEqual(project.bizreg_schedule_health, "amber")
        # reached 9 days after its baseline: late, red
        late_reached = Milestone.create(
            {
                "name": "Reached late",
                "project_id": project.id,
                "bizreg_baseline_date": today - timedelta(days=9),
                "is_reached": True,
            }
        )
        self.assertEqual(late_reached.reached_date, today)
        self.env.invalidate_all()
        self.assertEqual(project.bizreg_milestone_late_count, 2)
        self.assertEqual(project.bizreg_schedule_slip, 9)
        self.assertEqual(project.bizreg_schedule_health, "red")
        self.assertEqual(project.bizreg_health, "red")
        Project = self.env["project.project"].with_user(self.manager)
        self.assertIn(project, Project.search([("bizreg_health", "=", "red")]))
        self.assertIn(
            project, Project.search([("bizreg_schedule_health", "in", ["red"])])
        )
        self.assertNotIn(project, Project.search([("bizreg_health", "=", "green")]))
        on_time.is_reached = True
        self.assertFalse(on_time.reached_date > on_time.bizreg_baseline_date)

    def test_figures_constant_queries(self):
        projects = self.env["project.project"]
        for i in range(10):
            project = self._regulated_project(name=f"Bulk {i}")
            self._timesheet(project, self.pm, 1.0 + i)
            self._expense(project, amount=100.0 + i).sudo().action_post()
            self._tasks(project, ["1_done", "01_in_progress"])
            self.env["project.milestone"].sudo().create(
                {"name": "M", "project_id": project.id, "deadline": date(2026, 1, 1)}
            )
            projects |= project
        fnames = [
            "bizreg_cost_actual",
            "bizreg_cost_forecast",
            "bizreg_progress",
            "bizreg_schedule_slip",
            "bizreg_health",
        ]

        def count(subset, what):
            self.env.flush_all()
            self.env.invalidate_all()
            records = subset.with_user(self.manager)
            before = self.env.cr.sql_log_count
            if what == "figures":
                figures = records._bizreg_cost_figures()
                self.assertEqual(len(figures), len(subset))
            else:
                records.read(fnames)
            return self.env.cr.sql_log_count - before

        # the first round warms the registry caches up
        for _round in range(2):
            counts = [
                count(subset, what)
                for subset in (projects[:2], projects)
                for what in ("figures", "fields")
            ]
        self.assertEqual(counts[0], counts[2], counts)
        self.assertEqual(counts[1], counts[3], counts)
        self.assertLessEqual(counts[0], 8, counts)

    def test_department_rules(self):
        expense = self._expense()
        self.assertEqual(expense.sudo().department_id, self.dept)
        self.assertEqual(
            self.Expense.with_user(self.manager).search([("id", "=", expense.id)]),
            expense,
        )
        for user in (self.other_manager, self.stranger, self.colleague):
            self.assertFalse(
                self.Expense.with_user(user).search([("id", "=", expense.id)]),
                user.login,
            )
            with self.assertRaises(AccessError):
                expense.with_user(user).action_post()
        for user in (self.director, self.auditor):
            self.assertEqual(
                self.Expense.with_user(user).search([("id", "=", expense.id)]),
                expense,
            )
        Report = self.env["bizreg.project.cost.report"]
        expense.sudo().action_post()
        self.env.flush_all()
        self.assertTrue(Report.with_user(self.manager).search([]))
        self.assertFalse(
            Report.with_user(self.other_manager).search(
                [("project_id", "=", self.project.id)]
            )
        )
        # the portfolio's "my department" filter
        Project = self.env["project.project"]
        self.assertIn(
            self.project,
            Project.with_user(self.manager).search(
                [("bizreg_in_my_department", "=", True)]
            ),
        )
        self.assertNotIn(
            self.project,
            Project.with_user(self.other_manager).search(
                [("bizreg_in_my_department", "=", True)]
            ),
        )

    def test_unregulated_project_untouched(self):
        plain = self.env["project.project"].create({"name": "Plain project"})
        self._timesheet(plain, self.pm, 4.0)
        self._tasks(plain, ["1_done", "01_in_progress"])
        self.assertEqual(plain._bizreg_cost_figures(), {})
        self.assertEqual(plain.bizreg_cost_actual, 0.0)
        self.assertEqual(plain.bizreg_progress, 0.0)
        self.assertFalse(plain.bizreg_health)
        self.assertFalse(plain.bizreg_cost_health)
        self.assertNotIn(
            plain,
            self.env["project.project"].search(
                [("bizreg_health", "in", ["green", "amber", "red"])]
            ),
        )
        self.assertFalse(
            self.env["bizreg.project.cost.report"].search(
                [("project_id", "=", plain.id)]
            )
        )
        # Odoo's own flow is unchanged
        plain.write({"name": "Renamed"})
        self.assertEqual(plain.name, "Renamed")

    def test_closing_requires_posted_expenses(self):
        expense = self._expense(name="Unposted")
        issues = self.project._bizreg_closing_issues()
        self.assertTrue(any("not posted" in issue for issue in issues), issues)
        expense.action_post()
        issues = self.project._bizreg_closing_issues()
        self.assertFalse(any("not posted" in issue for issue in issues), issues)
