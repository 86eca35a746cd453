# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo import Command

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

USER = "bizreg_marketing.group_bizreg_marketing_user"
MANAGER = "bizreg_marketing.group_bizreg_marketing_manager"


class ResearchCommon:
    """Users of the Marketing area in two departments, a research plan
    factory and the approval flow as those users."""

    @classmethod
    def _research_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        Department = cls.env["hr.department"]
        cls.dept = Department.create(
            {
                "name": "Test Market Research",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_marketing").id,
            }
        )
        cls.other_dept = Department.create({"name": "Test Other Marketing"})
        cls.researcher = bizreg_test_user(cls.env, "t_mr_user", [USER], cls.dept)
        cls.colleague = bizreg_test_user(cls.env, "t_mr_user2", [USER], cls.dept)
        cls.manager = bizreg_test_user(cls.env, "t_mr_manager", [MANAGER], cls.dept)
        cls.stranger = bizreg_test_user(
            cls.env, "t_mr_stranger", [USER], cls.other_dept
        )
        cls.other_manager = bizreg_test_user(
            cls.env, "t_mr_manager2", [MANAGER], cls.other_dept
        )
        cls.auditor = bizreg_test_user(
            cls.env, "t_mr_auditor", ["bizreg_base.group_bizreg_auditor"]
        )
        cls.director = bizreg_test_user(
            cls.env, "t_mr_director", ["bizreg_base.group_bizreg_director"]
        )
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.Plan = cls.env["bizreg.marketing.research.plan"]
        cls.Report = cls.env["bizreg.marketing.research.report"]
        cls.Entry = cls.env["bizreg.marketing.research.entry"]

    def _plan(self, user=None, **vals):
        user = user or self.researcher
        base = {
            "name": "Controller market",
            "date_start": date(2026, 3, 1),
            "date_report_due": date(2026, 3, 31),
            "method_ids": [
                Command.set(
                    self.env.ref("bizreg_marketing.research_method_interview").ids
                )
            ],
            "milestone_ids": [
                Command.create({"name": "Questionnaire", "date": date(2026, 3, 10)}),
                Command.create({"name": "Interviews", "date": date(2026, 3, 20)}),
            ],
        }
        base.update(vals)
        return self.Plan.with_user(user).create(base)

    def _approved_plan(self, user=None, **vals):
        plan = self._plan(user, **vals)
        plan.action_submit()
        # nobody approves their own plan: the Director approves the manager's
        approver = self.director if plan.user_id == self.manager else self.manager
        plan.with_user(approver).validate_tier()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        return plan

    def _report(self, plan, user=None, **vals):
        user = user or plan.user_id
        base = {"name": "Findings of the controller market", "plan_id": plan.id}
        base.update(vals)
        return self.Report.with_user(user).create(base)

    def _approve_report(self, report):
        report.action_submit()
        approver = self.director if report.user_id == self.manager else self.manager
        report.with_user(approver).validate_tier()
        report.invalidate_recordset()
        self.assertEqual(report.state, "approved")
        return report
