# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plan sets: numbering at submission, approval by the Project Management
Manager, the baseline and the phase at approval, versions, the frozen
approved plan, the fingerprint of the schedule, engine-owned fields, record
rules and bad input, as the project's people."""

from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .plan_common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlan(PlanCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._plan_setup()

    def test_number_at_submit(self):
        plan = self._plan()
        self.assertFalse(plan.bizreg_number)
        self.assertEqual(plan.version, 1)
        plan.with_user(self.pm).action_submit()
        self.assertEqual(plan.state, "to_approve")
        year = fields.Date.today().year
        self.assertRegex(plan.bizreg_number, rf"^PP-([A-Z0-9]+-)?{year}-\d{{4}}$")
        # a cancelled plan keeps its number, voided
        number = plan.bizreg_number
        plan.with_user(self.pm).action_cancel()
        self.assertEqual(plan.bizreg_number, number)
        self.assertTrue(
            self.env["bizreg.numbering.void"].search([("name", "=", number)])
        )

    def test_approval_by_manager_not_self(self):
        # the manager's own plan is approved by another manager
        project = self._scheduled_project(user_id=self.manager.id)
        plan = self._plan(project=project, user=self.manager)
        plan.with_user(self.manager).action_submit()
        with self.assertRaises(UserError):
            plan.with_user(self.manager).validate_tier()
        # a project user is no reviewer
        with self.assertRaises(UserError):
            plan.with_user(self.colleague).validate_tier()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual(project.bizreg_phase, "planning")
        plan.with_user(self.other_manager).validate_tier()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        reviewers = plan.review_ids.definition_id.reviewer_group_id
        self.assertEqual(
            reviewers, self.env.ref("bizreg_project.group_bizreg_project_manager")
        )

    def test_approval_sets_baseline_phase_and_publishes(self):
        plan = self._plan()
        project = plan.project_id
        # the state cannot be forced
        with self.assertRaises(AccessError):
            plan.with_user(self.pm).write({"state": "approved"})
        self.assertFalse(self.m_req.bizreg_baseline_date)
        self._approve(plan)
        self.assertEqual(self.m_req.bizreg_baseline_date, date(2026, 4, 15))
        self.assertEqual(self.m_live.bizreg_baseline_date, date(2026, 7, 31))
        self.assertEqual(project.bizreg_phase, "execution")
        self.assertEqual(project.bizreg_plan_id, plan)
        self.assertTrue(plan.bizreg_approved_digest)
        lines = plan.baseline_ids
        self.assertEqual(len(lines.filtered(lambda x: x.kind == "milestone")), 2)
        self.assertEqual(len(lines.filtered(lambda x: x.kind == "task")), 3)
        build = lines.filtered(lambda x: x.task_id == self.t_build)
        self.assertEqual(build.planned_date, date(2026, 7, 1))
        self.assertEqual(build.depends_on, "Analyse")
        # published to the team and to both departments' managers
        message = plan.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.partner_ids
        )[:1]
        self.assertTrue(message)
        for user in (self.pm, self.colleague, self.manager, self.acceptor):
            self.assertIn(user.partner_id, message.partner_ids, user.login)
        self.assertIn(self.colleague.partner_id, plan.message_partner_ids)
        # the plan set prints (项目计划书), as the team member reading it
        html = (
            self.env["ir.actions.report"]
            .with_user(self.colleague)
            ._render_qweb_html("bizreg_project.report_project_plan", plan.ids)[0]
            .decode()
        )
        self.assertIn(plan.bizreg_number, html)
        self.assertIn("Go-live", html)
        self.assertIn("Orders flow end to end", html)

    def test_new_version_supersedes_and_keeps_baseline(self):
        v1 = self._approved_plan()
        project = v1.project_id
        action = v1.with_user(self.pm).action_new_version()
        v2 = self.Plan.browse(action["res_id"])
        self.assertEqual((v2.version, v2.state, v2.previous_plan_id), (2, "draft", v1))
        self.assertEqual(len(v2.quality_criterion_ids), 2)
        self.assertEqual(len(v2.communication_ids), 2)
        self.assertNotEqual(v2.quality_criterion_ids, v1.quality_criterion_ids)
        self.assertFalse(v2.baseline_ids)
        # v1 stays in force while v2 is prepared; a third version is refused
        self.assertEqual(project.bizreg_plan_id, v1)
        with self.assertRaises(UserError):
            v1.with_user(self.pm).action_new_version()
        # the schedule moves, v2 is reviewed and approved
        self.m_live.deadline = date(2026, 8, 31)
        v2.with_user(self.pm).write({"risk_review_days": 7})
        self._approve(v2)
        v1.invalidate_recordset()
        self.assertEqual(v1.state, "superseded")
        self.assertFalse(v1.quality_criterion_ids)
        self.assertEqual(
            len(v1.with_context(active_test=False).quality_criterion_ids), 2
        )
        self.assertEqual(project.bizreg_plan_id, v2)
        self.assertEqual(project.bizreg_phase, "execution")
        self.assertEqual(self.m_live.bizreg_baseline_date, date(2026, 8, 31))
        old = v1.baseline_ids.filtered(
            lambda x: x.kind == "milestone" and x.milestone_id == self.m_live
        )
        new = v2.baseline_ids.filtered(
            lambda x: x.kind == "milestone" and x.milestone_id == self.m_live
        )
        self.assertEqual(old.planned_date, date(2026, 7, 31))
        self.assertEqual(new.planned_date, date(2026, 8, 31))
        self.assertEqual(old.variance_days, 31)
        # each version has its own number
        self.assertTrue(v1.bizreg_number and v2.bizreg_number)
        self.assertNotEqual(v1.bizreg_number, v2.bizreg_number)

    def test_approved_plan_cannot_be_written(self):
        plan = self._approved_plan()
        criterion = plan.quality_criterion_ids[:1]
        with self.assertRaises(UserError):
            plan.with_user(self.pm).write({"name": "Changed"})
        with self.assertRaises(UserError):
            plan.with_user(self.manager).write({"risk_review_days": 1})
        with self.assertRaises(UserError):
            criterion.with_user(self.pm).write({"name": "Anything goes"})
        with self.assertRaises(UserError):
            criterion.with_user(self.pm).unlink()
        with self.assertRaises(UserError):
            self.env["bizreg.project.communication"].with_user(self.pm).create(
                {"plan_id": plan.id, "name": "Extra report", "kind": "report"}
            )
        with self.assertRaises(UserError):
            plan.with_user(self.pm).write(
                {"quality_criterion_ids": [Command.create({"name": "New"})]}
            )
        with self.assertRaises(UserError):
            plan.with_user(self.pm).unlink()
        with self.assertRaises(UserError):
            plan.with_user(self.pm).action_cancel()
        # a changed schedule shows, but only a new version re-opens the review
        self.m_req.deadline = date(2026, 5, 1)
        self.assertTrue(plan.bizreg_terms_changed)
        with self.assertRaises(UserError):
            plan.with_user(self.pm).action_bizreg_request_again()
        # a fresh plan for the project is refused as well
        with self.assertRaises(UserError):
            self._plan(project=plan.project_id)
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.name, "ERP rollout plan")
        self.assertEqual(criterion.name, "Orders flow end to end")
        self.assertEqual(len(plan.communication_ids), 2)

    def test_new_version_reviewed_again(self):
        v1 = self._approved_plan()
        v2 = self.Plan.browse(v1.with_user(self.pm).action_new_version()["res_id"])
        v2.with_user(self.pm).action_submit()
        self.assertEqual(v2.state, "to_approve")
        self.assertEqual(v2.validation_status, "pending")
        self.assertTrue(v2.review_ids)
        with self.assertRaises(UserError):
            v2.with_user(self.pm).validate_tier()
        # under review, the lines are frozen too
        with self.assertRaises(UserError):
            v2.communication_ids[:1].with_user(self.pm).write({"cadence_days": 3})
        v2.invalidate_recordset()
        self.assertEqual(v2.state, "to_approve")
        self.assertEqual(v1.project_id.bizreg_plan_id, v1)
        v2.with_user(self.manager).validate_tier()
        v2.invalidate_recordset()
        self.assertEqual(v2.state, "approved")
        self.assertEqual(v1.project_id.bizreg_plan_id, v2)

    def test_fingerprint_covers_schedule(self):
        plan = self._approved_plan()
        self.assertFalse(plan.bizreg_terms_changed)
        digest = plan._bizreg_terms_digest()
        terms = plan.sudo()._bizreg_terms()
        self.m_req.deadline = date(2026, 4, 20)
        self.assertNotEqual(plan._bizreg_terms_digest(), digest)
        self.m_req.deadline = date(2026, 4, 15)
        self.assertEqual(plan._bizreg_terms_digest(), digest)
        self.t_train.depend_on_ids = [Command.link(self.t_analyse.id)]
        self.assertTrue(plan._bizreg_terms_differ())
        self.t_train.depend_on_ids = [Command.unlink(self.t_analyse.id)]
        self.assertFalse(plan._bizreg_terms_differ())
        assignees = self.t_train.user_ids
        self.t_train.user_ids = [Command.link(self.colleague.id)]
        self.assertTrue(plan._bizreg_terms_differ())
        self.t_train.user_ids = [Command.set(assignees.ids)]
        self.assertEqual(
            plan.sudo()._bizreg_terms(), terms, "the schedule is back as approved"
        )
        self.assertFalse(plan._bizreg_terms_differ())
        self.env["project.task"].create(
            {"name": "Extra task", "project_id": plan.project_id.id}
        )
        self.assertTrue(plan._bizreg_terms_differ())
        snapshot = plan._bizreg_terms_snapshot()
        self.assertIn(f"task-{self.t_build.id}", snapshot["lines"])
        self.assertIn(f"milestone-{self.m_live.id}", snapshot["lines"])

    def test_engine_fields_guarded(self):
        plan = self._approved_plan()
        v2 = self.Plan.browse(plan.with_user(self.pm).action_new_version()["res_id"])
        tried = assert_engine_fields_guarded(self, v2, self.pm)
        for name in ("state", "version", "previous_plan_id", "department_id"):
            self.assertIn(name, tried)
        project = plan.project_id
        for vals in (
            {"bizreg_plan_id": False},
            {"bizreg_update_due": fields.Datetime.now()},
            {"bizreg_update_reminded_date": fields.Datetime.now()},
        ):
            with self.assertRaises(AccessError):
                project.with_user(self.pm).write(vals)
        with self.assertRaises(AccessError):
            self.m_req.with_user(self.pm).write(
                {"bizreg_baseline_date": date(2027, 1, 1)}
            )
        line = plan.baseline_ids[:1]
        with self.assertRaises(AccessError):
            line.with_user(self.pm).write({"planned_date": date(2027, 1, 1)})
        # default_* keys of engine fields are ignored
        project2 = self._scheduled_project(name="Second project")
        other = (
            self.Plan.with_user(self.pm)
            .with_context(default_version=9, default_state="approved")
            .create({"name": "Second plan", "project_id": project2.id})
        )
        self.assertEqual((other.version, other.state), (1, "draft"))
        self.assertEqual(project.bizreg_plan_id, plan)

    def test_department_rules(self):
        plan = self._plan()
        self.assertEqual(plan.department_id, self.dept)
        Plan = self.Plan
        self.assertEqual(
            Plan.with_user(self.manager).search([("id", "=", plan.id)]), plan
        )
        self.assertEqual(
            Plan.with_user(self.director).search([("id", "=", plan.id)]), plan
        )
        self.assertEqual(
            Plan.with_user(self.auditor).search([("id", "=", plan.id)]), plan
        )
        for user in (self.stranger, self.other_manager):
            self.assertFalse(Plan.with_user(user).search([("id", "=", plan.id)]))
            with self.assertRaises(AccessError):
                plan.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            plan.with_user(self.auditor).write({"name": "Audited"})
        # the team reads the plan, without writing it
        plan.with_user(self.colleague).read(["name"])
        with self.assertRaises(AccessError):
            plan.with_user(self.colleague).write({"name": "Team change"})
        self.assertFalse(
            self.env["bizreg.project.communication"]
            .with_user(self.stranger)
            .search([("plan_id", "=", plan.id)])
        )
        self.assertEqual(
            len(
                self.env["bizreg.project.quality.criterion"]
                .with_user(self.colleague)
                .search([("plan_id", "=", plan.id)])
            ),
            2,
        )
        # a stranger cannot plan someone else's project either
        other_project = self._regulated_project(name="Other project")
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.stranger).create(
                {"name": "Hijack", "project_id": other_project.id}
            )
        self.assertEqual(plan.name, "ERP rollout plan")

    def test_bad_input(self):
        unregulated = self.env["project.project"].create({"name": "Not regulated"})
        with self.assertRaises(ValidationError):
            self.Plan.with_user(self.pm).create(
                {"name": "Plan", "project_id": unregulated.id}
            )
        # no schedule, no criteria, no status update: refused at submission
        bare_project = self._regulated_project(name="Bare", allow_milestones=True)
        bare = self.Plan.with_user(self.pm).create(
            {"name": "Bare plan", "project_id": bare_project.id}
        )
        with self.assertRaises(UserError):
            bare.with_user(self.pm).action_submit()
        self.assertEqual(bare.state, "draft")
        self.assertFalse(bare.bizreg_number)
        with self.assertRaises(ValidationError):
            bare.with_user(self.pm).write({"risk_review_days": "often"})
        with self.assertRaises(ValidationError):
            bare.with_user(self.pm).write({"risk_review_days": -3})
        with self.assertRaises(ValidationError):
            self.env["bizreg.project.communication"].with_user(self.pm).create(
                {"plan_id": bare.id, "name": "Never", "cadence_days": 0}
            )
        with self.assertRaises(ValidationError):
            self.env["bizreg.project.communication"].with_user(self.pm).create(
                {"plan_id": bare.id, "name": "Odd", "kind": "gossip"}
            )
        # two open plans of one project are refused
        with self.assertRaises(ValidationError):
            self.Plan.with_user(self.pm).create(
                {"name": "Second draft", "project_id": bare_project.id}
            )
        # a milestone without a deadline cannot be baselined
        plan = self._plan()
        self.env["project.milestone"].create(
            {"name": "Undated", "project_id": plan.project_id.id}
        )
        with self.assertRaises(UserError):
            plan.with_user(self.pm).action_submit()
        self.assertEqual(plan.state, "draft")
