# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Execution of marketing plans: the approved terms hold on every route
(activities and budget lines written, created, deleted or moved), revisions
after the start, campaigns, activity steps, costs and resource requests."""

from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import (
    assert_engine_fields_guarded,
    assert_user_writes_then_guarded,
)

from .plan_common import MarketingPlanCommon


@tagged("post_install", "-at_install")
class TestMarketingExecution(MarketingPlanCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_plan_setup()

    # ------------------------------------------------------------------
    # Approved terms
    # ------------------------------------------------------------------
    def test_budget_line_changed_after_approval_back_to_review(self):
        plan = self._approved()
        plan.marketing_activity_ids.budget_line_ids.with_user(self.user).write(
            {"amount": 2000.0}
        )
        self.assertBackToReview(plan)
        with self.assertRaises(UserError):
            plan.with_user(self.user).action_start_execution()
        self.assertEqual(plan.state, "to_approve")

    def test_every_route_sends_back(self):
        other = self.env["hr.employee"].create({"name": "Other participant"})
        routes = {
            "activity place": lambda p: p.marketing_activity_ids.write(
                {"place": "Beijing"}
            ),
            "activity participants": lambda p: p.marketing_activity_ids.write(
                {"employee_ids": [Command.link(other.id)]}
            ),
            "activity dates": lambda p: p.marketing_activity_ids.write(
                {"date_end": self.today + timedelta(days=11)}
            ),
            "new activity": lambda p: p.marketing_activity_ids.create(
                {
                    "plan_id": p.id,
                    "theme": "Extra",
                    "date_start": self.today,
                    "date_end": self.today,
                }
            ),
            "activity deleted": lambda p: p.marketing_activity_ids[:1].unlink(),
            "line category": lambda p: p.marketing_activity_ids.budget_line_ids.write(
                {"category": "media"}
            ),
            "new line": lambda p: p.marketing_activity_ids.budget_line_ids.create(
                {
                    "activity_id": p.marketing_activity_ids[:1].id,
                    "name": "More",
                    "amount": 1.0,
                }
            ),
            "line deleted": lambda p: p.marketing_activity_ids.budget_line_ids[
                :1
            ].unlink(),
        }
        for route, change in routes.items():
            with self.subTest(route=route):
                plan = self._approved((500.0, 700.0), activities=2)
                change(plan.with_user(self.user))
                self.assertBackToReview(plan)

    def test_line_moved_between_plans(self):
        plan = self._approved()
        other = self._plan((300.0,))
        other.marketing_activity_ids.budget_line_ids.with_user(self.user).write(
            {"activity_id": plan.marketing_activity_ids.id}
        )
        self.assertBackToReview(plan)
        self.assertEqual(plan.budget_total, 1300.0)

    def test_plan_itself_frozen_after_approval(self):
        plan = self._approved()
        with self.assertRaises(UserError):
            plan.with_user(self.user).write({"target_leads": 999})
        self.assertEqual(plan.target_leads, 10)
        self.assertEqual(plan.state, "approved")

    def test_under_review_terms_locked(self):
        plan = self._plan()
        plan.with_user(self.user).action_submit()
        with self.assertRaises(UserError):
            plan.marketing_activity_ids.budget_line_ids.with_user(self.user).write(
                {"amount": 9.0}
            )
        self.assertEqual(plan.budget_total, 1000.0)

    def test_running_change_needs_amendment(self):
        plan = self._running()
        line = plan.marketing_activity_ids.budget_line_ids
        with self.assertRaises(UserError):
            line.with_user(self.user).write({"amount": 5000.0})
        with self.assertRaises(UserError):
            plan.marketing_activity_ids.with_user(self.user).write(
                {"place": "Elsewhere"}
            )
        with self.assertRaises(UserError):
            line.create(
                {
                    "activity_id": plan.marketing_activity_ids.id,
                    "name": "X",
                    "amount": 1,
                }
            )
        line.invalidate_recordset()
        self.assertEqual(line.amount, 1000.0)
        self.assertEqual(plan.state, "running")
        self.assertEqual(len(plan.marketing_activity_ids.budget_line_ids), 1)
        # within a draft revision (amendment) the change is allowed, then
        # reviewed at the revised budget
        plan.with_user(self.user).action_bizreg_amend()
        amendment = plan.bizreg_amendment_ids
        self.assertEqual(amendment.state, "draft")
        line.with_user(self.user).write({"amount": 5000.0})
        self.assertTrue(plan.bizreg_terms_changed)
        with self.assertRaises(UserError):
            plan.marketing_activity_ids.with_user(self.user).action_prepare()
        amendment.with_user(self.user).write({"reason": "Bigger venue"})
        amendment.with_user(self.user).action_submit()
        self.assertEqual(amendment.amount, 5000.0)
        # (a new request in the web client: nothing cached from the submit)
        self.env.invalidate_all()
        amendment.with_user(self.manager).validate_tier()
        self.assertEqual(amendment.state, "approved")
        plan.invalidate_recordset()
        self.assertFalse(plan.bizreg_terms_changed)
        plan.with_user(self.user)._bizreg_check_approved()
        plan.marketing_activity_ids.with_user(self.user).action_prepare()

    # ------------------------------------------------------------------
    # Campaigns and activity steps
    # ------------------------------------------------------------------
    def test_campaigns_created_on_start(self):
        plan = self._running(activities=3)
        campaigns = plan.marketing_activity_ids.campaign_id
        self.assertEqual(len(campaigns), 3)
        for activity in plan.marketing_activity_ids:
            self.assertEqual(
                activity.campaign_id.title, f"{plan.bizreg_number} {activity.theme}"
            )
            self.assertEqual(activity.campaign_id.user_id, activity.user_id)
            self.assertTrue(activity.campaign_id.tag_ids)
        # starting twice is refused
        with self.assertRaises(UserError):
            plan.with_user(self.user).action_start_execution()
        self.assertEqual(plan.marketing_activity_ids.campaign_id, campaigns)

    def test_activity_steps_and_on_time(self):
        plan = self._running(
            marketing_activity_ids=[
                Command.create(
                    {
                        "theme": theme,
                        "date_start": self.today - timedelta(days=5),
                        "date_end": self.today + timedelta(days=days),
                        "employee_ids": [Command.set(self.employee.ids)],
                        "budget_line_ids": [
                            Command.create({"name": "Hall", "amount": 100.0})
                        ],
                    }
                )
                for theme, days in (("On time", 0), ("Late", -1))
            ]
        )
        on_time, late = plan.marketing_activity_ids.sorted("id").with_user(self.user)
        for activity in (on_time, late):
            activity.action_prepare()
            activity.action_run()
            activity.attendee_count = 40
            activity.action_done()
            self.assertEqual(activity.state, "done")
            self.assertTrue(activity.date_done)
            self.assertEqual(activity.participant_count, 41)
        self.assertTrue(on_time.is_on_time)
        self.assertFalse(late.is_on_time)
        with self.assertRaises(UserError):
            on_time.action_run()
        plan.with_user(self.user).action_done()
        self.assertEqual(plan.state, "done")

    def test_activity_steps_only_in_running_plan(self):
        plan = self._approved()
        with self.assertRaises(UserError):
            plan.marketing_activity_ids.with_user(self.user).action_prepare()
        self.assertEqual(plan.marketing_activity_ids.state, "planned")

    def test_activity_engine_fields_refused(self):
        plan = self._running()
        activity = plan.marketing_activity_ids
        activity.with_user(self.user).action_prepare()
        assert_user_writes_then_guarded(
            self,
            activity,
            self.user,
            {"attendee_count": 12},
            expected=(
                "state",
                "campaign_id",
                "date_done",
                "is_on_time",
                "budget_amount",
                "cost_amount",
                "participant_count",
            ),
        )
        line = activity.budget_line_ids
        tried = assert_engine_fields_guarded(self, line, self.user)
        for name in ("amount_actual", "variance", "plan_id"):
            self.assertIn(name, tried)

    def test_activity_default_keys_ignored(self):
        plan = self._plan()
        campaign = self.env["utm.campaign"].create({"title": "Forged"})
        activity = (
            self.env["bizreg.marketing.activity"]
            .with_user(self.user)
            .with_context(default_state="done", default_campaign_id=campaign.id)
            .create(
                {
                    "plan_id": plan.id,
                    "theme": "New",
                    "date_start": self.today,
                    "date_end": self.today,
                }
            )
        )
        self.assertEqual(activity.state, "planned")
        self.assertFalse(activity.campaign_id)
        with self.assertRaises(AccessError):
            activity.with_user(self.user).create(
                {
                    "plan_id": plan.id,
                    "theme": "New 2",
                    "date_start": self.today,
                    "date_end": self.today,
                    "campaign_id": campaign.id,
                }
            )

    def test_feedback_survey(self):
        plan = self._running()
        activity = plan.marketing_activity_ids.with_user(self.user)
        activity.action_create_survey()
        self.assertTrue(activity.survey_id)
        self.assertEqual(activity.survey_answer_count, 0)
        self.assertTrue(activity.survey_id.question_ids)

    # ------------------------------------------------------------------
    # Costs
    # ------------------------------------------------------------------
    def test_costs_only_while_running(self):
        plan = self._approved()
        line = plan.marketing_activity_ids.budget_line_ids
        Cost = self.env["bizreg.marketing.cost"].with_user(self.user)
        vals = {"budget_line_id": line.id, "amount": 300.0, "description": "Hall"}
        with self.assertRaises(UserError):
            Cost.create(vals)
        plan.with_user(self.user).action_start_execution()
        cost = Cost.create(vals)
        with self.assertRaisesMessage(ValidationError, "Amount"):
            Cost.create(dict(vals, amount=-1.0))
        with self.assertRaisesMessage(ValidationError, "Amount"):
            Cost.create(dict(vals, amount=0.0))
        Cost.create(dict(vals, amount=900.0))
        self.assertEqual(line.amount_actual, 1200.0)
        self.assertEqual(line.variance, -200.0)
        self.assertEqual(plan.cost_total, 1200.0)
        self.assertEqual(plan.variance, -200.0)
        # costs are no terms of the approval
        self.assertFalse(plan.bizreg_terms_changed)
        self.assertEqual(plan.validation_status, "validated")
        activity = plan.marketing_activity_ids.with_user(self.user)
        activity.action_prepare()
        activity.action_run()
        activity.action_done()
        plan.with_user(self.user).action_done()
        with self.assertRaises(UserError):
            Cost.create(vals)
        with self.assertRaises(UserError):
            cost.with_user(self.user).write({"amount": 1.0})
        with self.assertRaises(UserError):
            cost.with_user(self.user).unlink()
        self.assertEqual(cost.amount, 300.0)
        self.assertEqual(plan.cost_total, 1200.0)

    # ------------------------------------------------------------------
    # Resource requests
    # ------------------------------------------------------------------
    def _request(self, plan, deadline):
        return (
            self.env["bizreg.marketing.request"]
            .with_user(self.user)
            .create(
                {
                    "name": "Two engineers for the booth",
                    "activity_id": plan.marketing_activity_ids[:1].id,
                    "department_id": self.dept_sales.id,
                    "kind": "people",
                    "quantity": 2,
                    "date_deadline": deadline,
                }
            )
        )

    def test_request_decided_by_asked_manager(self):
        plan = self._running()
        request = self._request(plan, self.today + timedelta(days=5))
        self.assertEqual(request.manager_user_id, self.sales_manager)
        with self.assertRaises(AccessError):
            request.with_user(self.user).action_accept()
        with self.assertRaises(AccessError):
            request.with_user(self.user).write({"state": "accepted"})
        self.assertEqual(request.state, "requested")
        request.with_user(self.sales_manager).action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.decided_by, self.sales_manager)
        with self.assertRaises(UserError):
            request.with_user(self.user).write({"quantity": 20})
        with self.assertRaisesMessage(ValidationError, "Quantity"):
            self._request(plan, self.today).write({"quantity": -3})

    def test_request_reminder_then_escalation(self):
        plan = self._running()
        request = self._request(plan, self.today - timedelta(days=3))
        other = self._request(plan, self.today + timedelta(days=30))
        Request = self.env["bizreg.marketing.request"]
        now = fields.Datetime.now()
        fired = Request._bizreg_run_escalations(now=now)
        self.assertEqual(fired, {"reminder": 1, "escalation": 1})
        self.assertTrue(request.reminded_date)
        self.assertTrue(request.escalated_date)
        self.assertFalse(other.reminded_date)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertIn(self.sales_manager, activities.user_id)
        self.assertIn(self.director, activities.user_id)
        # nothing fires twice
        self.assertEqual(
            Request._bizreg_run_escalations(now=now),
            {"reminder": 0, "escalation": 0},
        )
        # one day after the deadline the reminder is due, not the escalation
        day_after = datetime.combine(other.date_deadline, datetime.min.time())
        Request._bizreg_run_escalations(now=day_after + timedelta(days=1))
        self.assertTrue(other.reminded_date)
        self.assertFalse(other.escalated_date)
