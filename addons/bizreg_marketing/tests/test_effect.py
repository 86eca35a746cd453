# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Effect of marketing plans: leads, opportunities, won opportunities,
conversion, revenue of confirmed orders, cost per lead and return on budget,
per activity and per plan, in a constant number of queries; the effect
analysis view and the PDF report agree."""

from odoo import Command
from odoo.tests import TransactionCase, tagged

from .plan_common import MarketingPlanCommon


def query_counts(env, func, *calls):
    """Queries run by ``func(arg)`` for each ``arg`` (caches invalidated
    before each), after a warm-up call with each."""
    for arg in calls:
        env.invalidate_all()
        func(arg)
    counts = []
    for arg in calls:
        env.invalidate_all()
        before = env.cr.sql_log_count
        func(arg)
        counts.append(env.cr.sql_log_count - before)
    return counts


@tagged("post_install", "-at_install")
class TestMarketingEffect(MarketingPlanCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_plan_setup()
        cls.partner = cls.env["res.partner"].create({"name": "Effect Customer"})
        cls.product = cls.env["product.product"].create(
            {"name": "Effect Service", "type": "service", "list_price": 100.0}
        )

    def _leads(self, campaign, spec):
        """``spec``: list of (type, outcome) with outcome open/won/lost."""
        Lead = self.env["crm.lead"]
        for lead_type, outcome in spec:
            lead = Lead.create(
                {"name": "Lead", "type": lead_type, "campaign_id": campaign.id}
            )
            if outcome == "won":
                lead.action_set_won()
            elif outcome == "lost":
                lead.action_set_lost()

    def _order(self, campaign, amount, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "campaign_id": campaign.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def _plan_with_effect(self):
        plan = self._running((1000.0, 1000.0), activities=2)
        first, second = plan.marketing_activity_ids.sorted("id")
        self._leads(
            first.campaign_id,
            [("opportunity", "won"), ("opportunity", "lost"), ("lead", "open")],
        )
        self._leads(second.campaign_id, [("lead", "open")])
        self._order(first.campaign_id, 10000.0)
        self._order(first.campaign_id, 5000.0, confirm=False)
        Cost = self.env["bizreg.marketing.cost"].with_user(self.user)
        Cost.create(
            {
                "budget_line_id": first.budget_line_ids[0].id,
                "amount": 2000.0,
                "description": "Booth",
            }
        )
        first.with_user(self.user).action_prepare()
        first.with_user(self.user).action_run()
        first.with_user(self.user).attendee_count = 49
        return plan, first, second

    def test_effect_figures(self):
        plan, first, second = self._plan_with_effect()
        first = first.with_user(self.user)
        self.assertEqual(first.effect_leads, 3)
        self.assertEqual(first.effect_opportunities, 2)
        self.assertEqual(first.effect_won, 1)
        self.assertAlmostEqual(first.effect_conversion, 100.0 / 3, places=2)
        self.assertAlmostEqual(first.effect_revenue, 10000.0)
        self.assertAlmostEqual(first.effect_cost_per_lead, 2000.0 / 3, places=2)
        self.assertAlmostEqual(first.effect_return, 400.0)
        self.assertEqual(second.effect_leads, 1)
        self.assertEqual(second.effect_won, 0)
        self.assertEqual(second.effect_return, 0.0)
        plan = plan.with_user(self.user)
        self.assertEqual(plan.effect_participants, 50 + 1)
        self.assertEqual(plan.effect_leads, 4)
        self.assertEqual(plan.effect_opportunities, 2)
        self.assertEqual(plan.effect_won, 1)
        self.assertAlmostEqual(plan.effect_conversion, 25.0)
        self.assertAlmostEqual(plan.effect_revenue, 10000.0)
        self.assertAlmostEqual(plan.effect_cost_per_lead, 500.0)
        self.assertAlmostEqual(plan.effect_return, 400.0)

    def test_effect_analysis_view(self):
        plan, first, _second = self._plan_with_effect()
        self.env.flush_all()
        Report = self.env["bizreg.marketing.effect.report"].with_user(self.user)
        rows = Report.search([("plan_id", "=", plan.id)])
        self.assertEqual(len(rows), 2)
        row = rows.filtered(lambda r: r.activity_id == first)
        self.assertEqual(row.lead_count, 3)
        self.assertEqual(row.opportunity_count, 2)
        self.assertEqual(row.won_count, 1)
        self.assertAlmostEqual(row.revenue, 10000.0)
        self.assertAlmostEqual(row.cost_amount, 2000.0)
        self.assertAlmostEqual(row.budget_amount, 2000.0)
        self.assertEqual(row.campaign_id, first.campaign_id)
        totals = Report.read_group(
            [("plan_id", "=", plan.id)], ["lead_count:sum", "revenue:sum"], []
        )[0]
        self.assertEqual(totals["lead_count"], 4)
        # scoped as the activities: a colleague sees none of it
        other = Report.with_user(self.user2).search([("plan_id", "=", plan.id)])
        self.assertFalse(other)

    def test_effect_constant_queries(self):
        plans = [self._running((100.0,), activities=2) for _index in range(10)]
        for plan in plans:
            for activity in plan.marketing_activity_ids:
                self._leads(activity.campaign_id, [("lead", "open")])
                self._order(activity.campaign_id, 100.0)
        Plan = self.env["bizreg.marketing.plan"].with_user(self.user)
        ids = [plan.id for plan in plans]

        def effect(count):
            records = Plan.browse(ids[:count])
            records.mapped("effect_leads")
            records.marketing_activity_ids.mapped("effect_revenue")

        two, ten = query_counts(self.env, effect, 2, 10)
        self.assertEqual(two, ten, self._queries(effect, 2, 10))
        self.assertEqual(Plan.browse(ids).mapped("effect_leads"), [2] * 10)

    def _queries(self, func, *calls):
        """The queries of each call, to tell what differs."""
        cr = self.env.cr
        logs = []
        execute = cr.execute
        seen = []

        def spy(query, *args, **kwargs):
            seen.append(str(query)[:160])
            return execute(query, *args, **kwargs)

        for arg in calls:
            self.env.invalidate_all()
            seen.clear()
            cr.execute = spy
            try:
                func(arg)
            finally:
                del cr.execute
            logs.append("\n".join(seen))
        return "\n-----\n".join(logs)

    def test_pdf_effect_report(self):
        plan, _first, _second = self._plan_with_effect()
        report = self.env.ref(
            "bizreg_marketing.action_report_bizreg_marketing_plan_effect"
        ).with_user(self.user)
        html, _format = report._render_qweb_html(report.report_name, plan.ids)
        html = html.decode()
        self.assertIn(plan.bizreg_number, html)
        self.assertIn("Activity 1", html)
        self.assertIn("10,000.00", html)
        action = plan.with_user(self.user).action_print_effect()
        self.assertEqual(action["report_name"], report.report_name)
