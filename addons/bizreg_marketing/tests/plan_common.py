# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from contextlib import contextmanager
from datetime import timedelta

from odoo import Command

from odoo.addons.bizreg_base.tests.common import bizreg_test_user
from odoo.addons.bizreg_base.tools import company_today


class MarketingPlanCommon:
    """Marketing staff of a test department, reviewers, and helpers to build,
    approve and start marketing plans as those users."""

    @classmethod
    def _bizreg_plan_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        Department = cls.env["hr.department"]
        cls.dept = Department.create(
            {
                "name": "Test Marketing Plans",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_marketing").id,
                "bizreg_code": "TMP",
            }
        )
        cls.dept_sales = Department.create(
            {
                "name": "Test Sales Support",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_sale").id,
            }
        )
        mk_user = "bizreg_marketing.group_bizreg_marketing_user"
        mk_manager = "bizreg_marketing.group_bizreg_marketing_manager"

        def user(login, groups, department=None):
            return bizreg_test_user(cls.env, login, groups, department)

        cls.user = user("t_mp_user", [mk_user], cls.dept)
        cls.user2 = user("t_mp_user2", [mk_user], cls.dept)
        cls.manager = user("t_mp_manager", [mk_manager], cls.dept)
        cls.manager2 = user("t_mp_manager2", [mk_manager], cls.dept)
        cls.finance = user("t_mp_finance", ["bizreg_base.group_bizreg_finance"])
        cls.director = user("t_mp_director", ["bizreg_base.group_bizreg_director"])
        cls.auditor = user("t_mp_auditor", ["bizreg_base.group_bizreg_auditor"])
        cls.sales_manager = user(
            "t_mp_sales_mgr", ["bizreg_base.group_bizreg_area_manager"], cls.dept_sales
        )
        cls.dept_sales.manager_id = cls.sales_manager.employee_ids[:1]
        cls.dept.manager_id = cls.manager.employee_ids[:1]
        cls.employee = cls.user.employee_ids[:1]
        cls.today = company_today(cls.env.company)

    # Helpers ------------------------------------------------------------
    def _plan(self, amounts=(1000.0,), user=None, activities=1, **vals):
        """A draft plan of ``user`` with ``activities`` activities, each with
        one budget line per amount of ``amounts``."""
        user = user or self.user
        today = self.today
        base = {
            "name": "Test plan",
            "date_start": today,
            "date_end": today + timedelta(days=30),
            "target_participants": 100,
            "target_leads": 10,
            "target_revenue": 50000.0,
            "marketing_activity_ids": [
                Command.create(
                    {
                        "kind": ("brand", "promotion", "channel")[index % 3],
                        "theme": f"Activity {index + 1}",
                        "form": "Seminar",
                        "place": "Shanghai",
                        "date_start": today,
                        "date_end": today + timedelta(days=10),
                        "employee_ids": [Command.set(self.employee.ids)],
                        "department_ids": [Command.set(self.dept.ids)],
                        "budget_line_ids": [
                            Command.create(
                                {
                                    "name": f"Line {pos + 1}",
                                    "category": "venue",
                                    "amount": amount,
                                }
                            )
                            for pos, amount in enumerate(amounts)
                        ],
                    }
                )
                for index in range(activities)
            ],
        }
        base.update(vals)
        return self.env["bizreg.marketing.plan"].with_user(user).create(base)

    def _reviewers_for(self, plan):
        """The users who approve each step, in order."""
        by_group = {
            self.env.ref("bizreg_marketing.group_bizreg_marketing_manager"): (
                self.manager
            ),
            self.env.ref("bizreg_base.group_bizreg_finance"): self.finance,
            self.env.ref("bizreg_base.group_bizreg_director"): self.director,
        }
        return [
            by_group[review.definition_id.reviewer_group_id]
            for review in plan.review_ids.sorted("sequence")
        ]

    def _approved(self, amounts=(1000.0,), **kwargs):
        plan = self._plan(amounts, **kwargs)
        plan.with_user(plan.user_id).action_submit()
        for reviewer in self._reviewers_for(plan):
            plan.with_user(reviewer).validate_tier()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.validation_status, "validated")
        self.assertTrue(plan.bizreg_approved_digest)
        return plan

    def _running(self, amounts=(1000.0,), **kwargs):
        plan = self._approved(amounts, **kwargs)
        plan.with_user(plan.user_id).action_start_execution()
        self.assertEqual(plan.state, "running")
        return plan

    def assertBackToReview(self, plan):
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "to_approve")
        self.assertNotEqual(plan.validation_status, "validated")
        self.assertFalse(plan.bizreg_approved_digest)
        self.assertTrue(plan.review_ids)

    @contextmanager
    def assertRaisesMessage(self, exception, text):
        """``assertRaises`` (which rolls back to a savepoint, unlike
        ``assertRaisesRegex``) and the message names ``text``."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))
