# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The main marketing flow clicked in the web client, in Chinese, by the demo
user of each role (static/tests/tours/bizreg_marketing_flow.js): research
plan, research report, marketing plan, execution and effect report."""

import time

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestTourMarketingFlow(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.specialist = ref("bizreg_base.user_marketing_user")
        cls.manager = ref("bizreg_base.user_marketing_manager")
        for user in (cls.specialist, cls.manager):
            user.lang = "zh_CN"
        cls.segment = cls.env["bizreg.marketing.segment"].create(
            {"name": "苏南汽车零部件企业", "user_id": cls.specialist.id}
        )

    def _tour(self, url, name, user):
        started = time.monotonic()
        self.start_tour(url, name, login=user.login, timeout=120)
        self._timings.append((name, time.monotonic() - started))
        self.env.invalidate_all()

    def test_research_to_effect_clicked_by_each_role(self):
        self._timings = []
        self._research_plan()
        self._research_report()
        self._marketing_plan()
        self._effect()
        for name, seconds in self._timings:
            self._logger.info("tour %s: %.1fs", name, seconds)

    def _research_plan(self):
        self._tour("/odoo", "bizreg_marketing_flow_research_plan", self.specialist)
        plan = self.env["bizreg.marketing.research.plan"].search(
            [("name", "=", "苏南汽车零部件市场调研")]
        )
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.user_id, self.specialist)
        self.assertEqual(plan.state, "to_approve")
        self.assertIn("产线控制器", plan.objective)
        self.assertEqual(plan.milestone_ids.mapped("name"), ["完成 15 家客户访谈"])
        self.assertTrue(
            plan.date_start < plan.milestone_ids.date < plan.date_report_due
        )
        review = plan.review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual(review.status, "pending")
        self.assertFalse(plan.bizreg_approved_digest)

        self._tour(
            f"/odoo/bizreg.marketing.research.plan/{plan.id}",
            "bizreg_marketing_flow_research_plan_approve",
            self.manager,
        )
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.validation_status, "validated")
        self.assertEqual(plan.review_ids.done_by, self.manager)
        self.assertTrue(plan.bizreg_approved_digest)
        self.research_plan = plan

    def _research_report(self):
        plan = self.research_plan
        self._tour(
            f"/odoo/bizreg.marketing.research.plan/{plan.id}",
            "bizreg_marketing_flow_research_report",
            self.specialist,
        )
        report = plan.report_ids
        self.assertEqual(len(report), 1)
        self.assertEqual(report.name, "苏南汽车零部件市场调研报告")
        self.assertEqual(report.user_id, self.specialist)
        self.assertEqual(report.state, "to_approve")
        self.assertIn("本地服务", report.findings)
        self.assertIn("苏州", report.recommendations)
        self.assertRegex(report.bizreg_number, r"^MR-\d{4}-\d{4}$")

        self._tour(
            f"/odoo/bizreg.marketing.research.report/{report.id}",
            "bizreg_marketing_flow_research_report_approve",
            self.manager,
        )
        self.assertEqual(report.state, "approved")
        self.assertEqual(report.review_ids.done_by, self.manager)
        self.assertFalse(report.date_published)

        number = report.bizreg_number
        self._tour(
            f"/odoo/bizreg.marketing.research.report/{report.id}",
            "bizreg_marketing_flow_research_report_publish",
            self.specialist,
        )
        self.assertEqual(report.state, "published")
        self.assertEqual(report.bizreg_number, number, "publishing keeps the number")
        self.assertTrue(report.date_published)
        self.assertFalse(report.is_late)
        self.assertTrue(plan.has_published_report)

    def _marketing_plan(self):
        self._tour("/odoo", "bizreg_marketing_flow_plan", self.specialist)
        plan = self.env["bizreg.marketing.plan"].search(
            [("name", "=", "苏南汽车零部件推广方案")]
        )
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.segment_id, self.segment)
        self.assertEqual(plan.user_id, self.specialist)
        self.assertRegex(plan.bizreg_number, r"^MP-\d{4}-\d{4}$")
        activity = plan.marketing_activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.theme, "苏州汽车零部件产线控制器推介会")
        self.assertEqual(activity.place, "苏州工业园区")
        self.assertEqual(
            (activity.date_start, activity.date_end),
            (plan.date_start, plan.date_end),
            "the activity takes the plan's dates",
        )
        line = activity.budget_line_ids
        self.assertEqual(
            (line.name, line.category, line.amount), ("会场与餐饮", "venue", 30000.0)
        )
        self.assertEqual(plan.budget_total, 30000.0)
        self.assertEqual(plan.state, "to_approve")
        # below 50,000: the Marketing Manager alone approves
        self.assertEqual(len(plan.review_ids), 1)
        self.assertEqual(
            plan.review_ids.definition_id,
            self.env.ref("bizreg_marketing.tier_definition_plan_manager"),
        )
        self.assertFalse(activity.campaign_id)

        self._tour(
            f"/odoo/bizreg.marketing.plan/{plan.id}",
            "bizreg_marketing_flow_plan_approve",
            self.manager,
        )
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.validation_status, "validated")
        self.assertEqual(plan.review_ids.done_by, self.manager)
        self.assertFalse(activity.campaign_id, "no campaign before the execution")

        self._tour(
            f"/odoo/bizreg.marketing.plan/{plan.id}",
            "bizreg_marketing_flow_plan_execute",
            self.specialist,
        )
        self.assertEqual(plan.state, "running")
        campaign = activity.campaign_id
        self.assertTrue(campaign, "the activity opened a UTM campaign")
        self.assertEqual(
            self.env["utm.campaign"].search([("id", "=", campaign.id)]), campaign
        )
        self.assertIn(plan.bizreg_number, campaign.title)
        self.assertIn(activity.theme, campaign.title)
        self.marketing_plan = plan

    def _effect(self):
        plan = self.marketing_plan
        campaign = plan.marketing_activity_ids.campaign_id
        # two enquiries come in through the activity's campaign, one of them
        # is qualified as an opportunity
        Lead = self.env["crm.lead"]
        Lead.create(
            {
                "name": "常州某零部件厂 控制器询价",
                "type": "lead",
                "campaign_id": campaign.id,
            }
        )
        Lead.create(
            {
                "name": "苏州某汽配企业 产线改造",
                "type": "opportunity",
                "campaign_id": campaign.id,
            }
        )
        self._tour("/odoo", "bizreg_marketing_flow_plan_effect", self.specialist)

        # The effect report, as the print button of the form asks for it
        action = plan.with_user(self.specialist).action_print_effect()
        report = self.env["ir.actions.report"]._get_report(action["report_name"])
        self.assertEqual(
            report,
            self.env.ref("bizreg_marketing.action_report_bizreg_marketing_plan_effect"),
        )
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["context"]["active_ids"], plan.ids)
        content, kind = report.with_user(self.specialist)._render_qweb_pdf(
            report.report_name, plan.ids
        )
        html = content.decode()
        self.assertEqual(kind, "html", "tests render the report's HTML")
        self.assertIn(plan.bizreg_number, html)
        self.assertIn("苏州汽车零部件产线控制器推介会", html)
        self.assertIn("30,000.00", html)
        self.assertEqual(plan.with_user(self.specialist).effect_leads, 2)
        self.assertEqual(plan.with_user(self.specialist).effect_opportunities, 1)
