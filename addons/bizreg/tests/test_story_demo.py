# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestStoryDemo(TransactionCase):
    """The demo tells one company story across the areas: each link is in
    the demo database (the areas' own links and those of the bizreg demo)."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("bizreg.story_plan_packaging", raise_if_not_found=False):
            self.skipTest("The bizreg demo data is not loaded.")
        self.ref = self.env.ref

    def test_research_report_leads_to_plan(self):
        report = self.ref("bizreg_marketing.demo_research_report_east")
        plan = self.ref("bizreg.story_plan_packaging")
        self.assertEqual(report.state, "published")
        self.assertIn(report, plan.segment_id.report_ids)
        self.assertEqual(plan.state, "approved")
        self.assertTrue(plan.bizreg_number)

    def test_campaign_lead_becomes_contract(self):
        order = self.ref("bizreg.story_order_campaign")
        campaign = self.ref("bizreg_marketing.demo_activity_promotion").campaign_id
        self.assertEqual(order.campaign_id, campaign)
        self.assertEqual(order.opportunity_id.campaign_id, campaign)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.validation_status, "validated")
        self.assertTrue(order.bizreg_number)
        self.assertTrue(order.bizreg_signed_date)
        self.assertEqual(order.opportunity_id.probability, 100)
        # the campaign's plan counts the contract in its effect
        self.assertGreaterEqual(
            self.ref("bizreg_marketing.demo_plan_autumn").effect_won, 2
        )

    def test_complaint_becomes_requirement_and_release(self):
        ticket = self.ref("bizreg_helpdesk.helpdesk_ticket_complaint_demo")
        requirement = self.ref("bizreg_rnd.requirement_demo_selftest")
        release = self.ref("bizreg_rnd.release_demo_v2")
        self.assertEqual(requirement.source_ticket_id, ticket)
        self.assertEqual(requirement.planned_release_id, release)
        self.assertEqual(release.state, "released")
        self.assertEqual(
            self.ref("bizreg.story_test_run_v2_round2").release_id, release
        )

    def test_project_accepted(self):
        request = self.ref("bizreg_project.demo_request_barcode")
        acceptances = self.env["bizreg.project.acceptance"].search(
            [("project_id", "=", request.project_id.id)]
        )
        self.assertTrue(request.project_id)
        self.assertIn("accepted", acceptances.mapped("state"))

    def test_meeting_and_actions(self):
        series = self.ref("bizreg_meeting.meeting_series_sales_weekly")
        held = self.env["bizreg.meeting"].search(
            [("series_id", "=", series.id), ("action_ids", "!=", False)]
        )
        self.assertTrue(held)
        self.assertIn("done", held.action_ids.mapped("state"))

    def test_quarter_appraisal_computed(self):
        month = self.ref("bizreg.story_cycle_month")
        quarter = self.ref("bizreg.story_cycle_quarter")
        self.assertEqual(month.state, "published")
        self.assertEqual(quarter.cycle_type, "quarterly")
        self.assertEqual(quarter.state, "calibration")
        self.assertEqual(quarter.department_ids, month.department_ids)
        self.assertTrue(quarter.appraisal_ids)
        self.assertTrue(all(a.rollup_count for a in quarter.appraisal_ids))
        # measured from the story: the release and the campaigns
        lines = month.appraisal_ids.line_ids
        delivered = lines.filtered(
            lambda line: line.kpi_id == self.ref("bizreg_appraisal.kpi_rnd_on_time")
        )
        conversion = lines.filtered(
            lambda line: line.kpi_id == self.ref("bizreg_appraisal.kpi_mk_conversion")
        )
        self.assertTrue(any(delivered.mapped("actual_value")))
        self.assertTrue(any(conversion.mapped("actual_value")))
