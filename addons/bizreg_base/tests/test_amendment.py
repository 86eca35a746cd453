# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Amendments are one mechanism for every approvable document: after its
guarded action, a document's approved terms change only through a reviewed
amendment (the fake approvable model stands for any document)."""

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import BizregBaseCommon


@tagged("post_install", "-at_install")
class TestAmendmentMechanism(BizregBaseCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._definition()
        cls.env["tier.definition"].create(
            {
                "name": "Test amendment step",
                "model_id": cls.env["ir.model"]._get("bizreg.amendment").id,
                "review_type": "group",
                "reviewer_group_id": cls.legal_group.id,
                "definition_domain": "[('res_model', '=', 'bizreg.test.request')]",
            }
        )

    def _approved_request(self):
        request = self._submit(self._new_request())
        request.with_user(self.legal1).validate_tier()
        request.with_user(self.mk_user).action_approve()
        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        self.assertTrue(request.bizreg_approved_digest)
        return request

    def _open_amendment(self, request):
        action = request.with_user(self.mk_user).action_bizreg_amend()
        return (
            self.env["bizreg.amendment"]
            .with_user(self.mk_user)
            .browse(action["res_id"])
        )

    def test_amendment_on_any_approvable_document(self):
        request = self._approved_request()
        digest = request.bizreg_approved_digest
        # without an amendment the approved terms are fixed
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).write({"amount": 2000.0})
        amendment = self._open_amendment(request)
        self.assertEqual(amendment.name, "A1")
        request.with_user(self.mk_user).write({"amount": 2000.0})
        self.assertTrue(request.bizreg_terms_changed)
        # the guarded actions refuse while the change is not approved
        with self.assertRaises(UserError):
            request.with_user(self.mk_user)._bizreg_check_approved()
        self.assertIn("2000", amendment.diff_text)
        amendment.write({"reason": "Budget raised"})
        amendment.action_submit()
        self.assertEqual(amendment.state, "to_review")
        with self.assertRaises(UserError):
            amendment.with_user(self.mk_user).validate_tier()
        amendment.with_user(self.legal1).validate_tier()
        amendment.invalidate_recordset()
        request.invalidate_recordset()
        self.assertEqual(amendment.state, "approved")
        self.assertNotEqual(request.bizreg_approved_digest, digest)
        self.assertFalse(request.bizreg_terms_changed)
        request.with_user(self.mk_user)._bizreg_check_approved()
        self.assertEqual(request.with_user(self.mk_user).bizreg_amendment_count, 1)
        # who reads the document reads its amendments, and only they
        seen = set()
        for user in (self.mk_user2, self.sale_user, self.outsider, self.auditor):
            reads_document = request.with_user(user).has_access("read")
            reads_amendment = amendment.with_user(user).has_access("read")
            self.assertEqual(reads_amendment, reads_document, user.login)
            seen.add(reads_document)
        self.assertEqual(seen, {True, False})

    def test_rejected_amendment_keeps_the_approved_digest(self):
        request = self._approved_request()
        digest = request.bizreg_approved_digest
        amendment = self._open_amendment(request)
        request.with_user(self.mk_user).write({"amount": 3000.0})
        amendment.write({"reason": "Budget raised"})
        amendment.action_submit()
        action = amendment.with_user(self.legal2).reject_tier()
        self.env["comment.wizard"].with_user(self.legal2).with_context(
            **action["context"]
        ).create({"comment": "Not justified."}).add_comment()
        amendment.invalidate_recordset()
        request.invalidate_recordset()
        self.assertEqual(amendment.state, "rejected")
        self.assertEqual(request.bizreg_approved_digest, digest)
        self.assertTrue(request.bizreg_terms_changed)
        with self.assertRaises(UserError):
            request.with_user(self.mk_user)._bizreg_check_approved()
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).write({"amount": 1000.0, "note": "x"})

    def test_no_rule_no_amendment(self):
        self.env["tier.definition"].search(
            [("model", "=", "bizreg.amendment")]
        ).active = False
        request = self._approved_request()
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).action_bizreg_amend()
        self.assertFalse(request.sudo().bizreg_amendment_ids)
