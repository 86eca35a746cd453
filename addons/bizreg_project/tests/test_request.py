# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Project initiation: the project request (立项申请) numbered at submission,
approved by budget, fingerprinted, and the project created on approval with
its manager, team and notifications; as the project staff."""

from contextlib import contextmanager
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import (
    assert_engine_fields_guarded,
    assert_user_writes_then_guarded,
)

from .common import ProjectCommon


@tagged("post_install", "-at_install")
class TestRequest(ProjectCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._project_setup()
        ref = cls.env.ref
        cls.role_pm = ref("bizreg_project.project_role_manager")
        cls.role_tech = ref("bizreg_project.project_role_technical_lead")
        cls.group_manager = ref("bizreg_project.group_bizreg_project_manager")
        cls.group_finance = ref("bizreg_base.group_bizreg_finance")
        cls.group_director = ref("bizreg_base.group_bizreg_director")

    # Helpers ------------------------------------------------------------
    def _request(self, amounts=(1000.0,), user=None, **vals):
        """A draft request of ``user`` (default the project user) with one
        labour budget line per amount and a team of two."""
        user = user or self.pm
        base = {
            "name": "Test request",
            "goal": "Roll the new ERP out",
            "scope": "Sales and finance",
            "deliverables": "Upgraded system",
            "date_start": date(2026, 3, 1),
            "date_end": date(2026, 8, 31),
            "manager_user_id": self.pm.id,
            "sponsor_id": self.manager.id,
            "accepting_department_id": self.accepting_dept.id,
            "budget_line_ids": [
                Command.create(
                    {
                        "category_id": self.cat_labour.id,
                        "name": f"Line {pos + 1}",
                        "amount": amount,
                    }
                )
                for pos, amount in enumerate(amounts)
            ],
            "member_ids": [
                Command.create(
                    {
                        "user_id": self.pm.id,
                        "role_id": self.role_pm.id,
                        "responsibility": "Plan and steer",
                    }
                ),
                Command.create(
                    {
                        "user_id": self.colleague.id,
                        "role_id": self.role_tech.id,
                        "responsibility": "Build the interfaces",
                    }
                ),
            ],
        }
        base.update(vals)
        return self.env["bizreg.project.request"].with_user(user).create(base)

    def _reviewer(self, review, owner):
        by_group = {
            self.group_manager: self.other_manager
            if owner == self.manager
            else self.manager,
            self.group_finance: self.finance,
            self.group_director: self.director,
        }
        return by_group[review.definition_id.reviewer_group_id]

    def _approved(self, amounts=(1000.0,), **kwargs):
        request = self._request(amounts, **kwargs)
        request.with_user(request.user_id).action_submit()
        for review in request.review_ids.sorted("sequence"):
            request.with_user(self._reviewer(review, request.user_id)).validate_tier()
        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        self.assertTrue(request.bizreg_approved_digest)
        return request

    def _steps(self, budget):
        request = self._request((budget,))
        self.assertEqual(request.budget_total, budget)
        request.with_user(self.pm).action_submit()
        self.assertEqual(request.state, "to_approve")
        return [
            review.definition_id.reviewer_group_id
            for review in request.review_ids.sorted("sequence")
        ]

    @contextmanager
    def assertRaisesMessage(self, exception, text):
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    # Tests --------------------------------------------------------------
    def test_number_at_submit(self):
        request = self._request()
        self.assertFalse(request.bizreg_number)
        request.with_user(self.pm).action_submit()
        code = self.dept._bizreg_numbering_code()
        year = fields.Date.context_today(request).year
        prefix = f"PJ-{code}-{year}-" if code else f"PJ-{year}-"
        self.assertRegex(request.bizreg_number, rf"^{prefix}\d{{4}}$")
        self.assertIn(request.bizreg_number, request.display_name)

    def test_approval_chain_by_budget(self):
        self.assertEqual(self._steps(100000.0), [self.group_manager])
        self.assertEqual(
            self._steps(100000.01), [self.group_manager, self.group_finance]
        )
        self.assertEqual(
            self._steps(500001.0),
            [self.group_manager, self.group_finance, self.group_director],
        )

    def test_approval_in_order_creates_the_project(self):
        request = self._request((100000.0, 50000.0))
        request.with_user(self.pm).action_submit()
        # Finance cannot approve before the Project Management Manager
        with self.assertRaises(UserError):
            request.with_user(self.finance).validate_tier()
        request.with_user(self.manager).validate_tier()
        self.assertEqual(request.state, "to_approve")
        self.assertFalse(request.project_id)
        # Finance has no right on projects: the engine creates the project
        self.assertFalse(
            self.env["project.project"].with_user(self.finance).has_access("create")
        )
        request.with_user(self.finance).validate_tier()
        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        project = request.project_id
        self.assertTrue(project)
        self.assertEqual(project.name, "Test request")
        self.assertEqual(project.user_id, self.pm)
        self.assertEqual(project.bizreg_request_id, request)
        self.assertEqual(project.bizreg_phase, "planning")
        self.assertEqual(project.bizreg_department_id, self.dept)
        self.assertEqual(project.bizreg_accepting_department_id, self.accepting_dept)
        self.assertEqual(project.bizreg_budget_total, 150000.0)
        self.assertEqual(project.date_start, date(2026, 3, 1))
        self.assertEqual(project.date, date(2026, 8, 31))
        # the team with roles and responsibilities
        assignments = {
            (a.user_id, a.role_id): a.bizreg_responsibility
            for a in project.assignment_ids
        }
        self.assertEqual(
            assignments,
            {
                (self.pm, self.role_pm): "Plan and steer",
                (self.colleague, self.role_tech): "Build the interfaces",
            },
        )
        self.assertEqual(
            request.member_ids.filtered(
                lambda m: m.user_id == self.colleague
            ).department_id,
            self.dept,
        )
        # manager and team follow the project; the team and the managers of
        # the departments concerned are notified
        followers = project.message_partner_ids
        self.assertIn(self.pm.partner_id, followers)
        self.assertIn(self.colleague.partner_id, followers)
        notice = project.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.partner_ids
        )
        self.assertEqual(len(notice), 1)
        self.assertLessEqual(
            (self.pm | self.colleague | self.manager | self.acceptor).partner_id,
            notice.partner_ids,
        )
        self.assertIn(request.bizreg_number, notice.body)
        # the project shows the approved budget by category to its readers,
        # also to those who may not read the request
        with self.assertRaises(AccessError):
            request.with_user(self.stranger).read(["name"])
        budget = project.with_user(self.stranger).bizreg_request_budget_html
        self.assertIn(self.cat_labour.name, budget)
        self.assertIn("Line 2", budget)

    def test_own_request_not_approved_by_its_requester(self):
        request = self._request(user=self.manager)
        request.with_user(self.manager).action_submit()
        with self.assertRaises(UserError):
            request.with_user(self.manager).validate_tier()
        self.assertNotEqual(request.validation_status, "validated")
        self.assertFalse(request.project_id)
        request.with_user(self.other_manager).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertTrue(request.project_id)

    def test_lines_locked_under_review_and_once_approved(self):
        request = self._request()
        request.with_user(self.pm).action_submit()
        line = request.budget_line_ids.with_user(self.pm)
        with self.assertRaises(UserError):
            line.write({"amount": 5.0})
        with self.assertRaises(UserError):
            self.env["bizreg.project.request.budget.line"].with_user(self.pm).create(
                {
                    "request_id": request.id,
                    "category_id": self.cat_travel.id,
                    "amount": 10.0,
                }
            )
        with self.assertRaises(UserError):
            request.member_ids[:1].with_user(self.pm).unlink()
        with self.assertRaises(UserError):
            request.member_ids[:1].with_user(self.pm).write({"responsibility": "x"})
        with self.assertRaises(ValidationError):
            request.with_user(self.pm).write({"goal": "Something else"})
        request.invalidate_recordset()
        self.assertEqual(request.budget_total, 1000.0)
        self.assertEqual(len(request.member_ids), 2)
        self.assertEqual(request.goal, "Roll the new ERP out")
        request.with_user(self.manager).validate_tier()
        self.assertEqual(request.state, "approved")
        with self.assertRaises(UserError):
            request.budget_line_ids.with_user(self.pm).write({"amount": 5.0})
        with self.assertRaises(ValidationError):
            request.with_user(self.pm).write({"name": "Renamed"})

    def test_fingerprint_change_after_approval_sends_back(self):
        request = self._approved()
        project = request.project_id
        digest = request.bizreg_approved_digest
        # whatever route changes an approved line (here the superuser's), the
        # approval is void and the request is reviewed again
        request.budget_line_ids.sudo().write({"amount": 2500.0})
        request.invalidate_recordset()
        self.assertEqual(request.state, "to_approve")
        self.assertFalse(request.bizreg_approved_digest)
        self.assertNotEqual(request.validation_status, "validated")
        with self.assertRaises(UserError):
            request._bizreg_check_approved()
        # approved again: the same project, with the new approved budget
        request.with_user(self.manager).validate_tier()
        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        self.assertNotEqual(request.bizreg_approved_digest, digest)
        self.assertEqual(request.project_id, project)
        self.assertEqual(project.bizreg_budget_total, 2500.0)
        self.assertEqual(
            self.env["project.project"].search_count(
                [("bizreg_request_id", "=", request.id)]
            ),
            1,
        )
        # a team line changed too
        request.member_ids[:1].sudo().write({"responsibility": "Another job"})
        request.invalidate_recordset()
        self.assertEqual(request.state, "to_approve")

    def test_engine_fields_guarded(self):
        request = self._request()
        tried = assert_user_writes_then_guarded(
            self,
            request,
            self.pm,
            {"name": "Renamed request"},
            expected=(
                "state",
                "budget_total",
                "project_id",
                "bizreg_number",
                "department_id",
            ),
        )
        self.assertIn("bizreg_approved_digest", tried)
        tried = assert_engine_fields_guarded(self, request.member_ids[:1], self.pm)
        self.assertIn("department_id", tried)
        # the project's regulated fields, even for a manager who may edit it
        project = self._approved().project_id
        assert_user_writes_then_guarded(
            self,
            project,
            self.manager,
            {"name": "Renamed project"},
            expected=(
                "bizreg_request_id",
                "bizreg_phase",
                "bizreg_department_id",
                "bizreg_accepting_department_id",
                "bizreg_budget_total",
            ),
        )

    def test_default_context_ignored(self):
        project = self._regulated_project()
        Request = self.env["bizreg.project.request"].with_user(self.pm)
        request = Request.with_context(
            default_state="approved",
            default_project_id=project.id,
            default_budget_total=1.0,
        ).create(
            {
                "name": "Sneaky request",
                "goal": "x",
                "date_start": date(2026, 3, 1),
                "date_end": date(2026, 3, 1),
                "manager_user_id": self.pm.id,
                "accepting_department_id": self.accepting_dept.id,
            }
        )
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.project_id)
        self.assertEqual(request.budget_total, 0.0)
        for forged in ({"state": "approved"}, {"project_id": project.id}):
            with self.assertRaises(AccessError):
                Request.create(
                    {
                        "name": "Sneaky request 2",
                        "goal": "x",
                        "date_start": date(2026, 3, 1),
                        "date_end": date(2026, 3, 1),
                        "manager_user_id": self.pm.id,
                        "accepting_department_id": self.accepting_dept.id,
                        **forged,
                    }
                )

    def test_record_rules(self):
        request = self._request((150000.0,))
        # a stranger (other department) reads neither the request nor its lines
        with self.assertRaises(AccessError):
            request.with_user(self.stranger).read(["name"])
        with self.assertRaises(AccessError):
            request.budget_line_ids.with_user(self.stranger).read(["amount"])
        with self.assertRaises(AccessError):
            request.member_ids.with_user(self.stranger).read(["responsibility"])
        self.assertFalse(
            self.env["bizreg.project.request"]
            .with_user(self.stranger)
            .search([("id", "=", request.id)])
        )
        # the department's manager reads it; the team reads but cannot write
        self.assertEqual(request.with_user(self.manager).name, "Test request")
        self.assertEqual(request.with_user(self.colleague).name, "Test request")
        with self.assertRaises(AccessError):
            request.with_user(self.colleague).write({"name": "Mine now"})
        # the auditor reads everything and changes nothing
        self.assertEqual(request.with_user(self.auditor).name, "Test request")
        with self.assertRaises(AccessError):
            request.with_user(self.auditor).write({"name": "Audited"})
        # the other department's manager and Finance read it once they review
        with self.assertRaises(AccessError):
            request.with_user(self.other_manager).read(["name"])
        with self.assertRaises(AccessError):
            request.with_user(self.finance).read(["name"])
        request.with_user(self.pm).action_submit()
        request.invalidate_recordset()
        self.assertEqual(request.with_user(self.other_manager).name, "Test request")
        self.assertEqual(
            request.budget_line_ids.with_user(self.finance).mapped("amount"),
            [150000.0],
        )
        # a stranger cannot open the request from the project either
        request.with_user(self.manager).validate_tier()
        request.with_user(self.finance).validate_tier()
        project = request.project_id
        with self.assertRaises(AccessError):
            project.with_user(self.stranger).action_bizreg_view_request()
        self.assertEqual(
            project.with_user(self.pm).action_bizreg_view_request()["res_id"],
            request.id,
        )

    def test_bad_input_stores_nothing(self):
        Request = self.env["bizreg.project.request"]
        Line = self.env["bizreg.project.request.budget.line"]
        counts = (Request.search_count([]), Line.search_count([]))
        with self.assertRaisesMessage(ValidationError, "End Date"):
            self._request(date_end=date(2026, 2, 1))
        with self.assertRaisesMessage(ValidationError, "Amount"):
            self._request((1000.0, -5.0))
        with self.assertRaises(ValidationError):
            self._request(date_start="not a date")
        self.assertEqual((Request.search_count([]), Line.search_count([])), counts)
        request = self._request()
        with self.assertRaisesMessage(ValidationError, "Amount"):
            request.budget_line_ids.with_user(self.pm).write({"amount": -1.0})
        self.assertEqual(request.budget_total, 1000.0)

    def test_submit_needs_budget_and_team(self):
        for vals in ({"budget_line_ids": []}, {"member_ids": []}):
            request = self._request(**vals)
            with self.assertRaises(UserError):
                request.with_user(self.pm).action_submit()
            self.assertEqual(request.state, "draft")
            self.assertFalse(request.bizreg_number)
        # only its requester's side may submit it
        request = self._request()
        with self.assertRaises(AccessError):
            request.with_user(self.colleague).action_submit()

    def test_rejected_revised_resubmitted(self):
        request = self._request()
        request.with_user(self.pm).action_submit()
        action = request.with_user(self.manager).reject_tier()
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"comment": "Too little budget for a rollout"})
        )
        wizard.add_comment()
        request.invalidate_recordset()
        self.assertEqual(request.validation_status, "rejected")
        self.assertFalse(request.project_id)
        # back with its requester for changes, then a new round
        request.budget_line_ids.with_user(self.pm).write({"amount": 3000.0})
        request.with_user(self.pm).action_bizreg_resubmit()
        self.env.invalidate_all()
        self.assertNotEqual(request.validation_status, "rejected")
        request.with_user(self.manager).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.project_id.bizreg_budget_total, 3000.0)

    def test_cancel_voids_number_and_unlink(self):
        request = self._request()
        request.with_user(self.pm).action_submit()
        number = request.bizreg_number
        request.with_user(self.pm).action_cancel()
        self.assertEqual(request.state, "cancel")
        self.assertTrue(
            self.env["bizreg.numbering.void"].search([("name", "=", number)])
        )
        request.with_user(self.pm).action_draft()
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.review_ids)
        approved = self._approved()
        with self.assertRaises(UserError):
            approved.with_user(self.pm).action_cancel()
        with self.assertRaises(UserError):
            approved.with_user(self.pm).unlink()
        self.assertTrue(approved.exists())
        request.with_user(self.pm).unlink()
        self.assertFalse(request.exists())

    def test_report_renders(self):
        request = self._approved()
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.pm)
            ._render_qweb_html(
                "bizreg_project.action_report_bizreg_project_request", request.ids
            )
        )
        html = html.decode()
        self.assertIn(request.bizreg_number, html)
        self.assertIn("Build the interfaces", html)

    def test_demo_request_went_through_the_flow(self):
        ref = self.env.ref
        request = ref("bizreg_project.demo_request_erp", raise_if_not_found=False)
        if not request:
            self.skipTest("installed without demo data")
        self.assertEqual(request.state, "approved")
        self.assertIn(
            self.group_finance, request.review_ids.definition_id.reviewer_group_id
        )
        project = request.project_id
        self.assertEqual(project, ref("bizreg_project.demo_project_erp"))
        self.assertEqual(project.name, "ERP 系统升级")
        self.assertEqual(project.user_id, ref("bizreg_project.user_project_user"))
        self.assertEqual(project.bizreg_request_id, request)
        self.assertTrue(project.bizreg_phase)
        self.assertEqual(len(project.assignment_ids), 3)
        self.assertIn(
            ref("bizreg_base.hr_department_rnd"), request.member_ids.department_id
        )
        review = ref("bizreg_project.demo_request_inspection_app")
        self.assertEqual(review.state, "to_approve")
        self.assertEqual(
            review.review_ids.filtered(
                lambda r: r.status != "approved"
            ).definition_id.reviewer_group_id,
            self.group_finance,
        )
        self.assertEqual(ref("bizreg_project.demo_request_portal").state, "draft")
