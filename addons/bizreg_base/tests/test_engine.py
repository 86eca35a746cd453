# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mechanisms that hold on every route: engine-owned fields, the review
engine's routing, forwarding and substitutes, owners, the approved-terms
fingerprint and the department structure."""

from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..tools import period_bounds, trusted
from .common import BizregBaseCommon, assert_engine_fields_guarded


@tagged("post_install", "-at_install")
class TestEngineFields(BizregBaseCommon, TransactionCase):
    def test_every_engine_field_refused_to_a_user(self):
        request = self._submit(self._new_request())
        owned = assert_engine_fields_guarded(self, request, self.mk_user)
        # the mechanism covers the approval engine's results and the number
        for name in ("bizreg_rejection_count", "bizreg_number", "validation_status"):
            self.assertIn(name, owned)

    def test_default_context_keys_ignored(self):
        Request = self.Request.with_user(self.mk_user).with_context(
            default_bizreg_rejection_count=7,
            default_bizreg_approved_digest="forged",
            default_note="a user field keeps its default",
        )
        request = Request.create({"name": "ctx"})
        self.assertEqual(request.bizreg_rejection_count, 0)
        self.assertFalse(request.bizreg_approved_digest)
        self.assertEqual(request.note, "a user field keeps its default")

    def test_default_context_keys_ignored_inside_the_engine_scope(self):
        """Model code that creates a record for a user inside trusted() or
        sudo() still has the user's context: its default keys of engine
        fields are the user's, not the engine's."""
        Request = self.Request.with_user(self.mk_user).with_context(
            default_bizreg_rejection_count=7,
            default_bizreg_approved_digest="forged",
        )
        with trusted("engine"):
            in_scope = Request.create({"name": "ctx in scope"})
        in_sudo = Request.sudo().create({"name": "ctx in sudo"})
        for request in (in_scope, in_sudo):
            self.assertEqual(request.bizreg_rejection_count, 0)
            self.assertFalse(request.bizreg_approved_digest)
        # the superuser's own code (data files, install) keeps them
        own = self.Request.with_context(default_bizreg_rejection_count=1).create(
            {"name": "data"}
        )
        self.assertEqual(own.bizreg_rejection_count, 1)

    def test_copy_does_not_carry_engine_values(self):
        request = self._new_request()
        request.sudo().bizreg_rejection_count = 3
        copy = request.with_user(self.mk_user).copy()
        self.assertEqual(copy.bizreg_rejection_count, 0)
        with self.assertRaises(AccessError):
            request.with_user(self.mk_user).copy({"bizreg_rejection_count": 9})

    def test_engine_scope_may_write(self):
        request = self._new_request()
        request.with_user(self.mk_user)._bizreg_engine_write(
            {"bizreg_rejection_count": 2}
        )
        self.assertEqual(request.bizreg_rejection_count, 2)


@tagged("post_install", "-at_install")
class TestBadInputTypes(BizregBaseCommon, TransactionCase):
    def test_wrong_types_are_named_and_nothing_is_stored(self):
        Request = self.Request.with_user(self.mk_user)
        count = Request.search_count([])
        request = self._new_request()
        for vals in (
            {"amount": "a lot"},
            {"amount": [1]},
            {"name": {"en_US": 1}},
            {"user_id": "admin"},
        ):
            with self.assertRaises(ValidationError, msg=vals) as err:
                Request.create(dict({"name": "bad"}, **vals))
            self.assertIn(Request._fields[next(iter(vals))].string, str(err.exception))
            with self.assertRaises(ValidationError, msg=vals):
                request.with_user(self.mk_user).write(vals)
        self.assertEqual(Request.search_count([]), count + 1)
        self.assertEqual(request.amount, 1000.0)


@tagged("post_install", "-at_install")
class TestReviewEngine(BizregBaseCommon, TransactionCase):
    def test_routing_fields_refused_even_to_admins(self):
        self._definition()
        request = self._submit(self._new_request())
        review = request.review_ids
        admin = self.env.ref("base.user_admin")
        for user in (self.mk_user, self.legal1, self.auditor, admin):
            for vals in (
                {"reviewer_id": user.id, "review_type": "individual"},
                {"reviewer_group_id": self.env.ref("base.group_user").id},
                {"approve_sequence": False},
                {"has_comment": False},
                {"sequence": 99},
                {"name": "renamed"},
            ):
                with self.assertRaises(AccessError, msg=(user.login, vals)):
                    review.with_user(user).write(vals)
        self.assertEqual(review.reviewer_group_id, self.legal_group)
        self.assertNotEqual(review.name, "renamed")

    def test_owner_never_approves(self):
        self._definition()
        # created and requested by one user, owned by a colleague who is a
        # reviewer of the step
        self.legal_group.users |= self.mk_user2
        # made and submitted by the system for him: only ownership links him
        request = self.Request.sudo().create(
            {"name": "Owned", "amount": 10.0, "user_id": self.mk_user2.id}
        )
        self._submit(request)
        with self.assertRaises(UserError):
            request.with_user(self.mk_user2).validate_tier()
        self.assertEqual(request.validation_status, "pending")
        request.with_user(self.legal2).validate_tier()
        self.assertEqual(request.validation_status, "validated")

    def test_substitute_counts_once_in_a_countersign_step(self):
        self._definition(bizreg_approval_mode="quorum", bizreg_quorum=2)
        now = fields.Datetime.now()
        for principal in (self.legal1, self.legal2):
            self.env["bizreg.approval.delegation"].with_user(principal).create(
                {
                    "user_id": principal.id,
                    "substitute_id": self.director.id,
                    "date_from": now - timedelta(days=1),
                    "date_to": now + timedelta(days=1),
                }
            )
        request = self._submit(self._new_request())
        request.with_user(self.director).validate_tier()
        self.assertEqual(request.validation_status, "pending")
        # the same person acting again, for the second principal
        with self.assertRaises(UserError):
            request.with_user(self.director).validate_tier()
        self.assertEqual(request.validation_status, "pending")
        request.with_user(self.legal3).validate_tier()
        self.assertEqual(request.validation_status, "validated")

    def test_forward_is_no_approval(self):
        definition = self._definition(has_forward=True)
        request = self._submit(self._new_request())
        Wizard = self.env["tier.validation.forward.wizard"]
        # to the requester: refused
        with self.assertRaises(UserError):
            Wizard.with_user(self.legal1).create(
                {
                    "res_model": request._name,
                    "res_id": request.id,
                    "forward_reviewer_id": self.mk_user.id,
                }
            ).add_forward()
        # a countersign step is not forwarded
        definition.write({"bizreg_approval_mode": "all"})
        with self.assertRaises(UserError):
            Wizard.with_user(self.legal1).create(
                {
                    "res_model": request._name,
                    "res_id": request.id,
                    "forward_reviewer_id": self.director.id,
                }
            ).add_forward()
        self.assertEqual(request.validation_status, "pending")


@tagged("post_install", "-at_install")
class TestApprovedTerms(BizregBaseCommon, TransactionCase):
    def _approved(self):
        self._definition()
        request = self._submit(self._new_request())
        request.with_user(self.legal1).validate_tier()
        self.assertEqual(request.validation_status, "validated")
        self.assertTrue(request.bizreg_approved_digest)
        return request

    def test_approved_record_is_frozen(self):
        request = self._approved()
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).write({"amount": 999999.0})
        self.assertEqual(request.amount, 1000.0)
        self.assertEqual(request.validation_status, "validated")

    def test_change_by_any_other_route_voids_the_approval(self):
        request = self._approved()
        # a route that never passes through the model's write (another
        # model's code, SQL, a module we do not know)
        self.env.cr.execute(
            "UPDATE bizreg_test_request SET amount = 1 WHERE id = %s", [request.id]
        )
        request.invalidate_recordset()
        self.assertTrue(request.bizreg_terms_changed)
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).action_approve()
        self.assertEqual(request.state, "draft")
        request.with_user(self.mk_user).action_bizreg_request_again()
        self.assertEqual(request.validation_status, "pending")

    def test_unchanged_terms_pass(self):
        request = self._approved()
        request.with_user(self.mk_user).action_approve()
        self.assertEqual(request.state, "approved")
        # after the guarded action, the terms are fixed
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).write({"amount": 5.0})


@tagged("post_install", "-at_install")
class TestDepartmentStructure(BizregBaseCommon, TransactionCase):
    def test_only_hr_managers_change_the_structure(self):
        dept = self.dept_sales
        parent = dept.parent_id
        for vals in (
            {"parent_id": self.dept_marketing.id},
            {"manager_id": False},
            {"bizreg_code": "HACK"},
            {"bizreg_area_id": False},
            {"active": False},
        ):
            with self.assertRaises(AccessError, msg=vals):
                dept.with_user(self.mk_manager).write(vals)
        with self.assertRaises(AccessError):
            self.env["hr.department"].with_user(self.mk_manager).create(
                {"name": "Shadow", "parent_id": dept.id}
            )
        self.assertEqual(dept.parent_id, parent)
        hr_manager = self.env["res.users"].create(
            {
                "name": "HR boss",
                "login": "t_hr_boss",
                "groups_id": [(6, 0, [self.env.ref("hr.group_hr_manager").id])],
            }
        )
        dept.with_user(hr_manager).write({"bizreg_code": "SAL"})
        self.assertEqual(dept.bizreg_code, "SAL")


@tagged("post_install", "-at_install")
class TestPeriods(TransactionCase):
    def test_month_in_the_company_time_zone_is_half_open(self):
        company = self.env.company
        company.partner_id.tz = "Asia/Shanghai"
        start, end = period_bounds(company, date(2026, 3, 1), date(2026, 3, 31))
        self.assertEqual(start, datetime(2026, 2, 28, 16, 0))
        self.assertEqual(end, datetime(2026, 3, 31, 16, 0))
        # 00:30 on 1 March in Shanghai belongs to March, not February
        self.assertTrue(start <= datetime(2026, 2, 28, 16, 30) < end)
        feb_start, feb_end = period_bounds(company, date(2026, 2, 1), date(2026, 2, 28))
        self.assertEqual(feb_end, start)
        company.partner_id.tz = False
        company.resource_calendar_id.tz = "UTC"
        self.assertEqual(
            period_bounds(company, date(2026, 3, 1), date(2026, 3, 1)),
            (datetime(2026, 3, 1), datetime(2026, 3, 2)),
        )
