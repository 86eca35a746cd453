# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""From a customer complaint to a released fix, clicked in the web client,
in Chinese, by the demo user of each role
(static/tests/tours/bizreg_rnd_flow.js): the requirement raised from the
complaint, written, approved and planned; the release submitted, approved by
R&D and customer service and released; the complaint's requirement
delivered."""

import time
from datetime import date

from odoo.tests import HttpCase, tagged

RELEASE = "V3.0 报表导出修复版"
COMPLAINT = "导出报表合计与屏幕不一致"


@tagged("post_install", "-at_install", "is_tour")
class TestTourRndFlow(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.agent = ref("bizreg_base.user_service_user")  # 刘洋
        cls.cs_manager = ref("bizreg_base.user_service_manager")  # 陈静
        cls.manager = ref("bizreg_base.user_rnd_manager")  # 徐明
        cls.developer = ref("bizreg_rnd.user_rnd_user")  # 赵磊
        cls.tester = ref("bizreg_rnd.user_rnd_user2")  # 孙琪
        for user in (cls.agent, cls.cs_manager, cls.manager, cls.developer):
            user.lang = "zh_CN"
        demo_complaint = ref("bizreg_helpdesk.helpdesk_ticket_complaint_demo")
        cls.ticket = (
            cls.env["helpdesk.ticket"]
            .with_user(cls.agent)
            .create(
                {
                    "name": COMPLAINT,
                    "description": "<p>导出的月度报表合计比屏幕上少 2 元。</p>",
                    "partner_id": demo_complaint.partner_id.id,
                    "team_id": demo_complaint.team_id.id,
                    "type_id": demo_complaint.type_id.id,
                    "bizreg_severity": "medium",
                    "user_id": cls.agent.id,
                }
            )
        )
        cls.release = (
            cls.env["bizreg.rnd.release"]
            .with_user(cls.developer)
            .create(
                {
                    "name": RELEASE,
                    "project_id": ref("bizreg_rnd.release_demo_v2").project_id.id,
                    "date_planned": date.today(),
                }
            )
        )

    def _tour(self, url, name, user):
        started = time.monotonic()
        self.start_tour(url, name, login=user.login, timeout=120)
        self._timings.append((name, time.monotonic() - started))
        self.env.invalidate_all()

    def test_complaint_to_released_fix_clicked_by_each_role(self):
        self._timings = []
        requirement = self._requirement()
        self._ready(requirement)
        self._release(requirement)
        for name, seconds in self._timings:
            self._logger.info("tour %s: %.1fs", name, seconds)

    def _requirement(self):
        ticket_url = f"/odoo/helpdesk.ticket/{self.ticket.id}"
        self._tour(ticket_url, "bizreg_rnd_flow_complaint", self.agent)
        Requirement = self.env["bizreg.rnd.requirement"]
        requirement = Requirement.search([("source_ticket_id", "=", self.ticket.id)])
        self.assertEqual(len(requirement), 1)
        self.assertEqual(requirement.name, COMPLAINT)
        self.assertEqual(requirement.requester_id, self.agent)
        # raised by another area: the R&D Manager takes it over
        self.assertEqual(requirement.user_id, self.manager)
        self.assertEqual(requirement.state, "draft")
        self.assertEqual(self.ticket.bizreg_rnd_requirement_count, 1)

        url = f"/odoo/bizreg.rnd.requirement/{requirement.id}"
        self._tour(url, "bizreg_rnd_flow_assign", self.manager)
        self.assertEqual(requirement.user_id, self.developer)

        self._tour(url, "bizreg_rnd_flow_prd", self.developer)
        line = requirement.line_ids
        self.assertEqual(
            (line.name, line.acceptance_criterion),
            ("导出的报表合计与屏幕显示一致", "100 张样例报表导出后合计全部一致"),
        )
        self.assertEqual(requirement.state, "review")
        self.assertRegex(requirement.bizreg_number, r"^PRD-YF-\d{4}-\d{4}$")

        self._tour(url, "bizreg_rnd_flow_approve", self.manager)
        self.assertEqual(requirement.state, "approved")
        self.assertEqual(requirement.review_ids.done_by, self.manager)
        self.assertEqual(requirement.planned_release_id, self.release)
        self.assertFalse(requirement._bizreg_terms_differ())
        return requirement

    def _ready(self, requirement):
        """What is not clicked: the test engineer's passed run, the
        checklist done by the R&D Manager (the training with its
        attendance)."""
        self.assertFalse(self.release.is_ready)
        case = (
            self.env["bizreg.rnd.test.case"]
            .with_user(self.tester)
            .create(
                {
                    "name": "导出 100 张样例报表并核对合计",
                    "requirement_id": requirement.id,
                    "test_type": "functional",
                }
            )
        )
        run = (
            self.env["bizreg.rnd.test.run"]
            .with_user(self.tester)
            .create({"name": "V3.0 回归测试", "release_id": self.release.id})
        )
        run.action_start()
        self.env["bizreg.rnd.test.result"].with_user(self.tester).create(
            {"run_id": run.id, "case_id": case.id, "result": "passed"}
        )
        run.action_done()
        checklist = self.release.checklist_ids.with_user(self.manager)
        checklist.filtered(lambda c: c.kind == "user_training").write(
            {"attendee_ids": [(6, 0, self.agent.employee_ids.ids)]}
        )
        checklist.action_done()
        self.release.invalidate_recordset()
        self.assertTrue(self.release.is_ready, self.release.readiness_issues)
        self.assertEqual(requirement.coverage_state, "covered")

    def _release(self, requirement):
        url = f"/odoo/bizreg.rnd.release/{self.release.id}"
        self._tour(url, "bizreg_rnd_flow_release_submit", self.developer)
        self.assertEqual(self.release.state, "review")
        self.assertRegex(self.release.bizreg_number, r"^RL-YF-\d{4}-\d{4}$")
        self._tour(url, "bizreg_rnd_flow_release_approve_rnd", self.manager)
        self._tour(url, "bizreg_rnd_flow_release_approve_service", self.cs_manager)
        self.assertEqual(self.release.state, "approved")
        self.assertEqual(
            set(self.release.review_ids.mapped("done_by")),
            {self.manager, self.cs_manager},
        )
        self._tour(url, "bizreg_rnd_flow_release", self.manager)
        self.assertEqual(self.release.state, "released")
        self.assertTrue(self.release.date_released)
        self.assertEqual(requirement.state, "delivered")
        self.assertEqual(requirement.delivered_release_id, self.release)
        self.assertIn(requirement.bizreg_number, self.release.release_notes)

        ticket_url = f"/odoo/helpdesk.ticket/{self.ticket.id}"
        self._tour(ticket_url, "bizreg_rnd_flow_delivered", self.agent)
