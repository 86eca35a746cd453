# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestAppraisalSecurity(AppraisalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()

    def test_employee_sees_only_own_published_results(self):
        cycle = self._run_monthly(
            1, {self.emp1: (100, 8), self.emp2: (75, 10)}, publish=False
        )
        Appraisal = self.env["bizreg.appraisal"]
        mine = self._appraisal(cycle, self.emp1)
        # Approved but not published: invisible to the employee.
        self.assertFalse(
            Appraisal.with_user(self.user1).search([("cycle_id", "=", cycle.id)])
        )
        with self.assertRaises(AccessError):
            mine.with_user(self.user1).read(["final_score"])
        cycle.action_publish()
        visible = Appraisal.with_user(self.user1).search([("cycle_id", "=", cycle.id)])
        self.assertEqual(visible, mine)
        self.assertEqual(
            self.env["bizreg.appraisal.line"]
            .with_user(self.user1)
            .search([("cycle_id", "=", cycle.id)])
            .appraisal_id,
            mine,
        )
        # The "My Appraisals" action shows exactly that.
        action = self.env.ref("bizreg_appraisal.bizreg_appraisal_action_my")
        self.assertIn("published", action.domain)
        with self.assertRaises(AccessError):
            self._appraisal(cycle, self.emp2).with_user(self.user1).read(
                ["final_score"]
            )
        # A colleague of another department sees nothing.
        self.assertFalse(
            Appraisal.with_user(self.peer).search([("cycle_id", "=", cycle.id)])
        )

    def test_manager_hr_director_auditor(self):
        cycle = self._open_cycle("monthly", 2026, 2)
        Appraisal = self.env["bizreg.appraisal"]
        team = cycle.appraisal_ids
        # The manager sees and fills in the team's manual KPIs, before publication.
        self.assertEqual(
            Appraisal.with_user(self.manager).search([("cycle_id", "=", cycle.id)]),
            team,
        )
        self._set_values(cycle, {self.emp1: (90, 8)})
        self.assertEqual(
            self._appraisal(cycle, self.emp1).line_ids[:1].actual_value, 90
        )
        # HR and the Director see everything; the Auditor reads everything...
        for user in (self.hr2, self.director, self.auditor):
            self.assertEqual(
                Appraisal.with_user(user).search([("cycle_id", "=", cycle.id)]), team
            )
        # ...and changes nothing.
        with self.assertRaises(AccessError):
            team[:1].with_user(self.auditor).write({"calibration_note": "x"})
        with self.assertRaises(AccessError):
            cycle.with_user(self.auditor).action_start()
        with self.assertRaises(AccessError):
            self.template.with_user(self.auditor).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["bizreg.appraisal.cycle.open"].with_user(self.manager).create(
                {"cycle_type": "monthly", "year": 2026, "period": 1}
            )
        # Only HR runs a cycle.
        with self.assertRaises(AccessError):
            cycle.with_user(self.manager).action_start()
        self.assertEqual(cycle.state, "draft")
        # A manager of another area does not see this team.
        other_manager = self.env["res.users"].create(
            {
                "name": "T Service Manager",
                "login": "t_ap_service_manager",
                "groups_id": [
                    (
                        6,
                        0,
                        [self.env.ref("bizreg_base.group_bizreg_area_manager").id],
                    )
                ],
            }
        )
        self.env["hr.employee"].create(
            {
                "name": "T Service Manager",
                "user_id": other_manager.id,
                "department_id": self.dept_service.id,
            }
        )
        self.assertFalse(
            Appraisal.with_user(other_manager).search([("cycle_id", "=", cycle.id)])
        )
