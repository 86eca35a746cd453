# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

USER = "bizreg_project.group_bizreg_project_user"
MANAGER = "bizreg_project.group_bizreg_project_manager"


class ProjectCommon:
    """Users of the Project Management area in two departments, an
    accepting department with its manager, the cross-area reviewers, and a
    regulated project (as an approved request creates it).

    Call ``cls._project_setup()`` from ``setUpClass``."""

    @classmethod
    def _project_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        Department = cls.env["hr.department"]
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.dept = Department.create(
            {
                "name": "Test Project Office",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_project").id,
            }
        )
        cls.other_dept = Department.create({"name": "Test Other Projects"})
        cls.accepting_dept = Department.create({"name": "Test Accepting Dept"})
        cls.pm = bizreg_test_user(
            cls.env,
            "t_pj_user",
            [USER],
            cls.dept,
            employee_vals={"hourly_cost": 100.0},
        )
        cls.colleague = bizreg_test_user(
            cls.env,
            "t_pj_user2",
            [USER],
            cls.dept,
            employee_vals={"hourly_cost": 80.0},
        )
        cls.manager = bizreg_test_user(cls.env, "t_pj_manager", [MANAGER], cls.dept)
        cls.dept.manager_id = cls.manager.employee_id
        cls.stranger = bizreg_test_user(
            cls.env, "t_pj_stranger", [USER], cls.other_dept
        )
        cls.other_manager = bizreg_test_user(
            cls.env, "t_pj_manager2", [MANAGER], cls.other_dept
        )
        cls.acceptor = bizreg_test_user(
            cls.env, "t_pj_acceptor", ["base.group_user"], cls.accepting_dept
        )
        cls.accepting_dept.manager_id = cls.acceptor.employee_id
        cls.finance = bizreg_test_user(
            cls.env, "t_pj_finance", ["bizreg_base.group_bizreg_finance"]
        )
        cls.director = bizreg_test_user(
            cls.env, "t_pj_director", ["bizreg_base.group_bizreg_director"]
        )
        cls.auditor = bizreg_test_user(
            cls.env, "t_pj_auditor", ["bizreg_base.group_bizreg_auditor"]
        )
        cls.cat_labour = ref("bizreg_project.cost_category_labour")
        cls.cat_equipment = ref("bizreg_project.cost_category_equipment")
        cls.cat_travel = ref("bizreg_project.cost_category_travel")

    @classmethod
    def _regulated_project(cls, name="Test ERP rollout", budget=80000.0, **vals):
        """A project as the approval of a request creates it (phase
        planning, managed by ``cls.pm``, in ``cls.dept``), without going
        through a request: for the tests of what comes after initiation."""
        project = (
            cls.env["project.project"]
            .sudo()
            .create(
                {
                    "name": name,
                    "user_id": cls.pm.id,
                    "date_start": date(2026, 3, 1),
                    "date": date(2026, 8, 31),
                    **vals,
                }
            )
        )
        project._bizreg_engine_write(
            {
                "bizreg_phase": "planning",
                "bizreg_department_id": cls.dept.id,
                "bizreg_accepting_department_id": cls.accepting_dept.id,
                "bizreg_budget_total": budget,
            }
        )
        return project
