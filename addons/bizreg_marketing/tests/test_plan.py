# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Marketing plans: approval by budget, guarded start, numbering, engine-owned
fields, record rules and bad input, as the marketing staff."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_user_writes_then_guarded
from odoo.addons.bizreg_base.tools import approve_as

from .plan_common import MarketingPlanCommon


@tagged("post_install", "-at_install")
class TestMarketingPlan(MarketingPlanCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_plan_setup()

    def _steps(self, budget):
        plan = self._plan((budget,))
        self.assertEqual(plan.budget_total, budget)
        plan.with_user(self.user).action_submit()
        self.assertEqual(plan.state, "to_approve")
        return [
            review.definition_id.reviewer_group_id
            for review in plan.review_ids.sorted("sequence")
        ]

    def test_approval_chain_by_budget(self):
        ref = self.env.ref
        manager = ref("bizreg_marketing.group_bizreg_marketing_manager")
        finance = ref("bizreg_base.group_bizreg_finance")
        director = ref("bizreg_base.group_bizreg_director")
        self.assertEqual(self._steps(49999.0), [manager])
        self.assertEqual(self._steps(60000.0), [manager, finance])
        self.assertEqual(self._steps(250000.0), [manager, finance, director])

    def test_approval_in_order_then_start(self):
        plan = self._plan((60000.0,))
        plan.with_user(self.user).action_submit()
        with self.assertRaises(UserError):
            plan.with_user(self.user).action_start_execution()
        # Finance cannot approve before the Marketing Manager
        with self.assertRaises(UserError):
            plan.with_user(self.finance).validate_tier()
        plan.with_user(self.manager).validate_tier()
        self.assertEqual(plan.state, "to_approve")
        with self.assertRaises(UserError):
            plan.with_user(self.user).action_start_execution()
        plan.with_user(self.finance).validate_tier()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.validation_status, "validated")
        plan.with_user(self.user).action_start_execution()
        self.assertEqual(plan.state, "running")

    def test_approve_as_passes_over_who_cannot_review(self):
        """approve_as (the demo flows' approvals) approves as each user the
        chain asks for, and passes over one who is not asked, even one who
        may not read the plan at all (Finance, on a small plan)."""
        plan = self._plan((1000.0,))
        plan.with_user(self.user).action_submit()
        self.assertFalse(plan.with_user(self.finance).has_access("read"))
        approve_as(plan, self.finance | self.manager)
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.review_ids.done_by, self.manager)

    def test_start_before_approval_refused(self):
        plan = self._plan()
        with self.assertRaises(UserError):
            plan.with_user(self.user).action_start_execution()
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.marketing_activity_ids.campaign_id)
        # the state cannot be forced either, nor through a bypass key
        with self.assertRaises(AccessError):
            plan.with_user(self.user).write({"state": "running"})
        with self.assertRaises(UserError):
            plan.with_user(self.user).with_context(skip_validation_check=True).write(
                {"state": "approved"}
            )
        self.assertEqual(plan.state, "draft")

    def test_own_plan_not_approved_by_its_owner(self):
        plan = self._plan(user=self.manager)
        plan.with_user(self.manager).action_submit()
        with self.assertRaises(UserError):
            plan.with_user(self.manager).validate_tier()
        self.assertNotEqual(plan.validation_status, "validated")
        plan.with_user(self.manager2).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_number_and_unlink(self):
        plan = self._plan()
        self.assertRegex(plan.bizreg_number, rf"^MP-{self.today.year}-\d{{4}}$")
        approved = self._approved()
        with self.assertRaises(UserError):
            approved.with_user(self.user).unlink()
        self.assertTrue(approved.exists())
        number = plan.bizreg_number
        plan.with_user(self.user).unlink()
        void = self.env["bizreg.numbering.void"].search([("name", "=", number)])
        self.assertTrue(void)

    def test_engine_fields_refused_to_users(self):
        plan = self._plan()
        tried = assert_user_writes_then_guarded(
            self,
            plan,
            self.user,
            {"name": "Renamed plan"},
            expected=(
                "state",
                "budget_total",
                "cost_total",
                "variance",
                "bizreg_number",
            ),
        )
        self.assertIn("department_id", tried)

    def test_default_state_context_ignored(self):
        plan = (
            self.env["bizreg.marketing.plan"]
            .with_user(self.user)
            .with_context(default_state="running", default_budget_total=1.0)
            .create(
                {
                    "name": "Sneaky plan",
                    "date_start": self.today,
                    "date_end": self.today,
                }
            )
        )
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.budget_total, 0.0)
        with self.assertRaises(AccessError):
            self.env["bizreg.marketing.plan"].with_user(self.user).create(
                {
                    "name": "Sneaky plan 2",
                    "date_start": self.today,
                    "date_end": self.today,
                    "state": "approved",
                }
            )

    def test_bad_input_stores_nothing(self):
        Plan = self.env["bizreg.marketing.plan"]
        count = Plan.search_count([])
        with self.assertRaisesMessage(ValidationError, "End Date"):
            self._plan(date_end=self.today - timedelta(days=1))
        with self.assertRaisesMessage(ValidationError, "Planned Amount"):
            self._plan((-5.0,))
        with self.assertRaisesMessage(ValidationError, "Target Leads"):
            self._plan(target_leads=-1)
        with self.assertRaisesMessage(ValidationError, "End Date"):
            self._plan(
                marketing_activity_ids=[
                    Command.create(
                        {
                            "theme": "Backwards",
                            "date_start": self.today,
                            "date_end": self.today - timedelta(days=2),
                        }
                    )
                ]
            )
        with self.assertRaises(ValidationError):
            self._plan(target_revenue="a lot")
        self.assertEqual(Plan.search_count([]), count)

    def test_submit_needs_activities(self):
        plan = self._plan(marketing_activity_ids=[])
        with self.assertRaises(UserError):
            plan.with_user(self.user).action_submit()
        self.assertEqual(plan.state, "draft")

    def test_record_rules(self):
        plan = self._plan()
        # a colleague sees only his own plans; the manager his department's
        with self.assertRaises(AccessError):
            plan.with_user(self.user2).read(["name"])
        with self.assertRaises(AccessError):
            plan.marketing_activity_ids.with_user(self.user2).read(["theme"])
        self.assertEqual(plan.with_user(self.manager).name, "Test plan")
        # the auditor reads everything and changes nothing
        self.assertEqual(plan.with_user(self.auditor).name, "Test plan")
        with self.assertRaises(AccessError):
            plan.with_user(self.auditor).write({"name": "Audited"})
        # Finance reads the plans it reviews
        big = self._plan((80000.0,))
        with self.assertRaises(AccessError):
            big.with_user(self.finance).read(["name"])
        big.with_user(self.user).action_submit()
        big.invalidate_recordset()
        self.assertEqual(big.with_user(self.finance).name, "Test plan")
        self.assertEqual(
            big.marketing_activity_ids.budget_line_ids.with_user(self.finance).mapped(
                "amount"
            ),
            [80000.0],
        )

    def test_demo_plan_went_through_the_flow(self):
        plan = self.env.ref("bizreg_marketing.demo_plan_autumn", False)
        if not plan:
            self.skipTest("no demo data")
        self.assertEqual(plan.state, "running")
        self.assertGreater(plan.budget_total, 50000)
        self.assertIn(
            self.env.ref("bizreg_base.group_bizreg_finance"),
            plan.review_ids.definition_id.reviewer_group_id,
        )
        self.assertEqual(len(plan.marketing_activity_ids.campaign_id), 3)
        expo = self.env.ref("bizreg_marketing.demo_activity_expo")
        promotion = self.env.ref("bizreg_marketing.demo_activity_promotion")
        self.assertTrue(expo.is_on_time)
        self.assertEqual(promotion.state, "done")
        self.assertFalse(promotion.is_on_time)
        self.assertEqual(expo.effect_won, 1)
        self.assertGreater(expo.effect_revenue, 0)
        self.assertGreater(plan.cost_total, 0)
        draft = self.env.ref("bizreg_marketing.demo_plan_channel_2027")
        self.assertEqual(draft.state, "draft")

    def test_auditor_reads_the_plans_area_only(self):
        for model in (
            "bizreg.marketing.plan",
            "bizreg.marketing.activity",
            "bizreg.marketing.budget.line",
            "bizreg.marketing.cost",
            "bizreg.marketing.request",
            "bizreg.marketing.effect.report",
        ):
            Model = self.env[model].with_user(self.auditor)
            self.assertTrue(Model.has_access("read"), model)
            for operation in ("write", "create", "unlink"):
                self.assertFalse(Model.has_access(operation), f"{model} {operation}")
        plan = self._plan()
        self.assertEqual(
            plan.marketing_activity_ids.with_user(self.auditor).theme, "Activity 1"
        )

    def test_rejected_plan_revised_and_resubmitted(self):
        plan = self._plan()
        plan.with_user(self.user).action_submit()
        action = plan.with_user(self.manager).reject_tier()
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"comment": "Too little for an expo"})
        )
        wizard.add_comment()
        plan.invalidate_recordset()
        self.assertEqual(plan.validation_status, "rejected")
        with self.assertRaises(UserError):
            plan.with_user(self.user).action_start_execution()
        # back with its owner for changes, then a new round
        plan.marketing_activity_ids.budget_line_ids.with_user(self.user).write(
            {"amount": 3000.0}
        )
        plan.with_user(self.user).action_bizreg_resubmit()
        self.env.invalidate_all()
        self.assertNotEqual(plan.validation_status, "rejected")
        plan.with_user(self.manager).validate_tier()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.budget_total, 3000.0)

    def test_cancel_voids_the_number(self):
        plan = self._approved()
        number = plan.bizreg_number
        plan.with_user(self.user).action_cancel()
        self.assertEqual(plan.state, "cancel")
        self.assertTrue(
            self.env["bizreg.numbering.void"].search([("name", "=", number)])
        )
        plan.with_user(self.user).action_draft()
        self.assertEqual(plan.state, "draft")
        self.assertNotEqual(plan.bizreg_number, number)
        self.assertFalse(plan.review_ids)
