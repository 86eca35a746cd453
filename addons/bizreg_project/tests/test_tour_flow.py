# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The main project flow clicked in the web client, in Chinese, by the demo
user of each role (static/tests/tours/bizreg_project_flow.js): project
request, its approval and the project it creates, the plan set and its
approval, a risk, the acceptance by the accepting department, the lessons
learned, the evaluation and the closing."""

import time

from odoo.tests import HttpCase, tagged

PROJECT = "销售订单协同平台建设"


@tagged("post_install", "-at_install", "is_tour")
class TestTourProjectFlow(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.pm = ref("bizreg_project.user_project_user")  # 林涛
        cls.colleague = ref("bizreg_project.user_project_user2")  # 何静
        cls.manager = ref("bizreg_base.user_project_manager")  # 高远
        cls.acceptor = ref("bizreg_base.user_sale_manager")  # 李娜
        for user in (cls.pm, cls.colleague, cls.manager, cls.acceptor):
            user.lang = "zh_CN"
        cls.sales = ref("bizreg_base.hr_department_sale")
        cls.labour = ref("bizreg_project.cost_category_labour")
        cls.tech_lead = ref("bizreg_project.project_role_technical_lead")
        # the Chinese names the tour picks (whatever the state of the
        # module's translations)
        cls.labour.with_context(lang="zh_CN").name = "人工"
        cls.tech_lead.with_context(lang="zh_CN").name = "技术负责人"

    def _tour(self, url, name, user):
        started = time.monotonic()
        self.start_tour(url, name, login=user.login, timeout=120)
        self._timings.append((name, time.monotonic() - started))
        self.env.invalidate_all()

    def test_request_to_lessons_learned_clicked_by_each_role(self):
        self._timings = []
        self._request()
        self._plan()
        self._risk()
        self._acceptance()
        self._lesson()
        self._evaluation_and_closing()
        for name, seconds in self._timings:
            self._logger.info("tour %s: %.1fs", name, seconds)

    def _request(self):
        self._tour("/odoo", "bizreg_project_flow_request", self.pm)
        request = self.env["bizreg.project.request"].search([("name", "=", PROJECT)])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.user_id, self.pm)
        self.assertEqual(request.manager_user_id, self.pm)
        self.assertEqual(request.accepting_department_id, self.sales)
        self.assertIn("订单处理时间缩短 30%", request.goal)
        self.assertLess(request.date_start, request.date_end)
        line = request.budget_line_ids
        self.assertEqual(
            (line.category_id, line.name, line.amount),
            (self.labour, "开发与实施人工", 80000.0),
        )
        self.assertEqual(request.budget_total, 80000.0)
        member = request.member_ids
        self.assertEqual(
            (member.user_id, member.role_id, member.responsibility),
            (self.colleague, self.tech_lead, "接口开发与系统测试"),
        )
        self.assertEqual(request.state, "to_approve")
        self.assertRegex(request.bizreg_number, r"^PJ-XM-\d{4}-\d{4}$")
        # below 100,000: the Project Management Manager alone
        self.assertEqual(len(request.review_ids), 1)
        self.assertEqual(
            request.review_ids.definition_id,
            self.env.ref("bizreg_project.tier_definition_request_manager"),
        )
        self.assertEqual(request.review_ids.status, "pending")
        self.assertFalse(request.project_id)

        self._tour(
            f"/odoo/bizreg.project.request/{request.id}",
            "bizreg_project_flow_request_approve",
            self.manager,
        )
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.validation_status, "validated")
        self.assertEqual(request.review_ids.done_by, self.manager)
        self.assertTrue(request.bizreg_approved_digest)
        project = request.project_id
        self.assertTrue(project, "the approval created the project")
        self.assertEqual(project.name, PROJECT)
        self.assertEqual(project.user_id, self.pm)
        self.assertEqual(project.bizreg_request_id, request)
        self.assertEqual(project.bizreg_phase, "planning")
        self.assertEqual(project.bizreg_budget_total, 80000.0)
        self.assertEqual(project.bizreg_accepting_department_id, self.sales)
        assignment = project.sudo().assignment_ids
        self.assertEqual(
            (assignment.user_id, assignment.role_id),
            (self.colleague, self.tech_lead),
        )
        self.assertIn(self.colleague.partner_id, project.message_partner_ids)
        self.request = request
        self.project = project

    def _plan(self):
        project = self.project
        self._tour("/odoo", "bizreg_project_flow_plan", self.pm)
        plan = self.env["bizreg.project.plan"].search([("project_id", "=", project.id)])
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.name, "销售订单协同平台项目计划")
        self.assertEqual(plan.user_id, self.pm)
        self.assertEqual(plan.state, "to_approve")
        self.assertRegex(plan.bizreg_number, r"^PP-XM-\d{4}-\d{4}$")
        milestone = project.milestone_ids
        self.assertEqual(milestone.mapped("name"), ["系统上线"])
        self.assertTrue(project.date_start < milestone.deadline < project.date)
        criterion = plan.quality_criterion_ids
        self.assertEqual(
            (criterion.name, criterion.check_method, criterion.project_id),
            ("报价到发货全流程在线完成", "集成测试报告与销售部签字确认", project),
        )
        line = plan.communication_ids
        self.assertEqual(
            (line.kind, line.name, line.cadence_days),
            ("status_update", "项目周报", 7),
        )
        self.assertEqual(plan.update_cadence_days, 7)
        self.assertEqual(len(plan.review_ids), 1)
        self.assertEqual(project.bizreg_phase, "planning")

        self._tour(
            f"/odoo/bizreg.project.plan/{plan.id}",
            "bizreg_project_flow_plan_approve",
            self.manager,
        )
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.review_ids.done_by, self.manager)
        self.assertEqual(project.bizreg_phase, "execution")
        self.assertEqual(project.bizreg_plan_id, plan)
        self.assertEqual(milestone.bizreg_baseline_date, milestone.deadline)
        baseline = plan.baseline_ids
        self.assertEqual(
            (baseline.kind, baseline.milestone_id, baseline.planned_date),
            ("milestone", milestone, milestone.deadline),
        )
        self.plan = plan

    def _risk(self):
        self._tour("/odoo", "bizreg_project_flow_risk", self.pm)
        risk = self.env["bizreg.project.risk"].search(
            [("project_id", "=", self.project.id)]
        )
        self.assertEqual(len(risk), 1)
        self.assertEqual(risk.name, "销售部关键用户测试时间不足")
        self.assertEqual(risk.user_id, self.pm)
        self.assertEqual((risk.probability, risk.impact), (3, 4))
        self.assertEqual((risk.score, risk.level), (12, "medium"))
        self.assertEqual(risk.strategy, "mitigate")
        self.assertIn("后备测试人员", risk.response)
        self.assertEqual(risk.state, "open")
        self.assertTrue(risk.review_date)

    def _acceptance(self):
        project = self.project
        self._tour("/odoo", "bizreg_project_flow_acceptance", self.pm)
        acceptance = self.env["bizreg.project.acceptance"].search(
            [("project_id", "=", project.id)]
        )
        self.assertEqual(len(acceptance), 1)
        self.assertEqual(acceptance.state, "to_approve")
        self.assertEqual(acceptance.request_count, 1)
        self.assertEqual(acceptance.acceptor_user_id, self.acceptor)
        self.assertIn("全流程在线运行", acceptance.summary)
        check = acceptance.check_ids
        self.assertEqual(check.criterion_id, self.plan.quality_criterion_ids)
        self.assertEqual(
            (check.result, check.evidence), ("passed", "集成测试报告已由销售部签字")
        )
        self.assertEqual(project.bizreg_phase, "acceptance")
        self.assertEqual(acceptance.review_ids.reviewer_ids, self.acceptor)

        self._tour(
            f"/odoo/bizreg.project.acceptance/{acceptance.id}",
            "bizreg_project_flow_acceptance_approve",
            self.acceptor,
        )
        self.assertEqual(acceptance.state, "accepted")
        self.assertEqual(acceptance.accepted_by_id, self.acceptor)
        self.assertEqual(acceptance.review_ids.done_by, self.acceptor)
        self.assertTrue(acceptance.date_accepted)
        self.acceptance = acceptance

    def _lesson(self):
        self._tour("/odoo", "bizreg_project_flow_lesson", self.pm)
        lesson = self.env["bizreg.project.lesson"].search(
            [("project_id", "=", self.project.id)]
        )
        self.assertEqual(len(lesson), 1)
        self.assertEqual(lesson.name, "关键用户尽早参与测试")
        self.assertEqual(lesson.user_id, self.pm)
        self.assertEqual(lesson.tags, "测试, 关键用户")
        self.assertIn("验收一次通过", lesson.went_well)
        self.assertEqual(lesson.went_wrong, "测试排期两次调整。")
        self.assertIn("测试时间", lesson.recommendations)
        # later projects find it
        found = (
            self.env["bizreg.project.lesson"]
            .with_user(self.colleague)
            .search([("tags", "ilike", "关键用户")])
        )
        self.assertIn(lesson, found)

    def _evaluation_and_closing(self):
        project = self.project
        self._tour("/odoo", "bizreg_project_flow_evaluation", self.manager)
        evaluation = self.env["bizreg.project.evaluation"].search(
            [("project_id", "=", project.id)]
        )
        self.assertEqual(len(evaluation), 1)
        self.assertEqual(evaluation.user_id, self.manager)
        self.assertEqual(
            (
                evaluation.schedule_score,
                evaluation.quality_score,
                evaluation.cost_score,
                evaluation.collaboration_score,
            ),
            (4, 5, 4, 5),
        )
        self.assertEqual(evaluation.overall_score, 4.5)
        self.assertEqual(project.bizreg_phase, "acceptance")

        self._tour(
            f"/odoo/project.project/{project.id}",
            "bizreg_project_flow_close",
            self.pm,
        )
        self.assertEqual(project.bizreg_phase, "closed")
        self.assertTrue(project.bizreg_date_closed)
