# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

USER = "bizreg_rnd.group_bizreg_rnd_user"
MANAGER = "bizreg_rnd.group_bizreg_rnd_manager"


class RndCommon:
    """Users of the R&D area in two departments (a developer, a test
    engineer and the R&D Manager of ``cls.dept``; a stranger and another
    manager of ``cls.other_dept``), the Customer Service Manager, the
    Director and the Auditor, an R&D project and a release in draft.

    Call ``cls._rnd_setup()`` from ``setUpClass``."""

    @classmethod
    def _rnd_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        Department = cls.env["hr.department"]
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.dept = Department.create(
            {
                "name": "Test R&D",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_rnd").id,
            }
        )
        cls.other_dept = Department.create({"name": "Test Other R&D"})
        cls.developer = bizreg_test_user(cls.env, "t_rnd_user", [USER], cls.dept)
        cls.tester = bizreg_test_user(cls.env, "t_rnd_tester", [USER], cls.dept)
        cls.manager = bizreg_test_user(cls.env, "t_rnd_manager", [MANAGER], cls.dept)
        cls.dept.manager_id = cls.manager.employee_id
        cls.stranger = bizreg_test_user(
            cls.env, "t_rnd_stranger", [USER], cls.other_dept
        )
        cls.other_manager = bizreg_test_user(
            cls.env, "t_rnd_manager2", [MANAGER], cls.other_dept
        )
        cls.cs_manager = bizreg_test_user(
            cls.env,
            "t_rnd_cs_manager",
            ["bizreg_helpdesk.group_bizreg_service_manager"],
        )
        cls.director = bizreg_test_user(
            cls.env, "t_rnd_director", ["bizreg_base.group_bizreg_director"]
        )
        cls.auditor = bizreg_test_user(
            cls.env, "t_rnd_auditor", ["bizreg_base.group_bizreg_auditor"]
        )
        cls.outsider = bizreg_test_user(cls.env, "t_rnd_outsider", [])
        cls.project = (
            cls.env["project.project"]
            .sudo()
            .create(
                {
                    "name": "Test Product Line",
                    "user_id": cls.manager.id,
                    "date_start": date(2026, 3, 1),
                }
            )
        )
        cls.release = (
            cls.env["bizreg.rnd.release"]
            .with_user(cls.developer)
            .create(
                {
                    "name": "Test 2.0",
                    "project_id": cls.project.id,
                    "date_planned": date(2026, 9, 30),
                }
            )
        )
