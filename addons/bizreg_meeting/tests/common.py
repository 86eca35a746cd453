# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

USER = "bizreg_meeting.group_bizreg_meeting_user"
MANAGER = "bizreg_meeting.group_bizreg_meeting_manager"


class MeetingCommon:
    """A department with its head (chair) and two members, another
    department with its head and a member, the Director and the Auditor.

    Call ``cls._meeting_setup()`` from ``setUpClass``."""

    @classmethod
    def _meeting_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Department = cls.env["hr.department"]
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.dept = Department.create({"name": "Test Sales Office"})
        cls.other_dept = Department.create({"name": "Test Service Office"})
        cls.head = bizreg_test_user(cls.env, "t_mt_head", [MANAGER], cls.dept)
        cls.dept.manager_id = cls.head.employee_id
        cls.member = bizreg_test_user(cls.env, "t_mt_member", [USER], cls.dept)
        cls.member2 = bizreg_test_user(cls.env, "t_mt_member2", [USER], cls.dept)
        cls.other_head = bizreg_test_user(
            cls.env, "t_mt_head2", [MANAGER], cls.other_dept
        )
        cls.other_dept.manager_id = cls.other_head.employee_id
        cls.stranger = bizreg_test_user(
            cls.env, "t_mt_stranger", [USER], cls.other_dept
        )
        for employee in (cls.member.employee_id, cls.member2.employee_id):
            employee.parent_id = cls.head.employee_id
        cls.director = bizreg_test_user(
            cls.env, "t_mt_director", ["bizreg_base.group_bizreg_director"]
        )
        cls.auditor = bizreg_test_user(
            cls.env, "t_mt_auditor", ["bizreg_base.group_bizreg_auditor"]
        )
