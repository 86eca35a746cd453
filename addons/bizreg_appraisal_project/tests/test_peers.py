# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.bizreg_appraisal.tests.common import query_counts


@tagged("post_install", "-at_install")
class TestProjectPeers(TransactionCase):
    """Collaboration source "project_tasks": tasks assigned together, and the
    project manager with the assignees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Department = cls.env["hr.department"]
        cls.dept_rnd = Department.create({"name": "T Prj R&D"})
        cls.dept_pm = Department.create({"name": "T Prj PMO"})
        cls.users = {}
        cls.emp = {}
        for login, department in (
            ("t_prj_dev1", cls.dept_rnd),
            ("t_prj_dev2", cls.dept_rnd),
            ("t_prj_pm", cls.dept_pm),
            ("t_prj_tester", cls.dept_pm),
        ):
            user = new_test_user(
                cls.env,
                login=login,
                groups="base.group_user,project.group_project_user",
                name=login.replace("_", " ").title(),
            )
            cls.users[login] = user
            cls.emp[login] = cls.env["hr.employee"].create(
                {"name": user.name, "user_id": user.id, "department_id": department.id}
            )
        cls.project = cls.env["project.project"].create(
            {"name": "T Prj Portal", "user_id": cls.users["t_prj_pm"].id}
        )
        cls.Collaboration = cls.env["bizreg.appraisal.collaboration"]

    def _task(self, *logins):
        return self.env["project.task"].create(
            {
                "name": "T task",
                "project_id": self.project.id,
                "user_ids": [Command.set([self.users[lg].id for lg in logins])],
            }
        )

    def _fixture(self):
        with freeze_time("2026-05-04 09:00:00"):
            self._task("t_prj_dev1", "t_prj_dev2")
            self._task("t_prj_dev1", "t_prj_dev2", "t_prj_tester")
            self._task("t_prj_dev1")
            # The manager assigned to their own project's task: counted once.
            self._task("t_prj_dev1", "t_prj_pm")
        with freeze_time("2026-06-04 09:00:00"):
            self._task("t_prj_dev1", "t_prj_tester")  # another period

    def test_project_task_source_counts_and_ranking(self):
        self._fixture()
        emp = self.emp
        found = self.Collaboration._bizreg_collaboration_project_tasks(
            emp["t_prj_dev1"] | emp["t_prj_pm"], date(2026, 5, 1), date(2026, 5, 31)
        )
        self.assertEqual(
            found[emp["t_prj_dev1"].id],
            {
                emp["t_prj_dev2"].id: 2,
                emp["t_prj_tester"].id: 1,
                emp["t_prj_pm"].id: 4,
            },
        )
        self.assertEqual(
            found[emp["t_prj_pm"].id],
            {
                emp["t_prj_dev1"].id: 4,
                emp["t_prj_dev2"].id: 2,
                emp["t_prj_tester"].id: 1,
            },
        )
        ranked = self.Collaboration._bizreg_collaborators(
            emp["t_prj_dev1"], date(2026, 5, 1), date(2026, 5, 31)
        )[emp["t_prj_dev1"].id]
        label = "Project tasks"
        self.assertEqual(
            ranked,
            [
                (emp["t_prj_pm"].id, 4, {label: 4}),
                (emp["t_prj_tester"].id, 1, {label: 1}),
                (emp["t_prj_dev2"].id, 2, {label: 2}),
            ],
        )

    def test_project_task_source_constant_queries(self):
        self._fixture()
        Employee = self.env["hr.employee"]
        many = Employee.browse([e.id for e in self.emp.values()]) | Employee.create(
            [
                {"name": f"T Dev {i}", "department_id": self.dept_rnd.id}
                for i in range(20)
            ]
        )
        counts = query_counts(
            self.env,
            lambda employees: self.Collaboration._bizreg_collaboration_project_tasks(
                employees, date(2026, 5, 1), date(2026, 5, 31)
            ),
            self.emp["t_prj_dev1"],
            many,
        )
        self.assertEqual(counts[0], counts[1], counts)
