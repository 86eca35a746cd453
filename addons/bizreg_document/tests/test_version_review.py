# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Review before publishing: explicit submission, reviewer routing (the
author's department manager, then the Regulation Administrator for a
policy), four eyes, the approval bound to the file's digest, rejection with
comments, publication superseding the previous version, acknowledgements."""

import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import PDF, PDF_B64, DocumentCommon


@tagged("post_install", "-at_install")
class TestVersionReview(DocumentCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._document_setup()

    def _draft(self, category=None, user=None, content=PDF):
        user = user or self.author
        doc = (
            self.env["bizreg.document"]
            .with_user(user)
            .create(
                {
                    "name": "Travel rules",
                    "category_id": (category or self.cat_internal).id,
                }
            )
        )
        version = doc.with_user(user).add_version(
            base64.b64encode(content), "rules.pdf", "draft"
        )
        return doc, version

    def _reject(self, version, user, reason):
        action = version.with_user(user).reject_tier()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"comment": reason})
        )
        return wizard.add_comment()

    def test_submit_is_explicit(self):
        doc, version = self._draft()
        # saving the draft requests nothing
        version.with_user(self.author).write({"note": "typo fixed"})
        self.assertFalse(version.review_ids)
        self.assertEqual(version.state, "draft")
        # OCA's own request button is refused for a draft
        with self.assertRaises(UserError):
            version.with_user(self.author).request_validation()
        # the state is not written by hand
        with self.assertRaises(UserError):
            version.with_user(self.author).write({"state": "published"})
        version.with_user(self.author).action_submit()
        self.assertEqual(version.state, "review")
        self.assertEqual(doc.state, "draft")
        # under review, nothing of the version changes
        with self.assertRaises(UserError):
            version.with_user(self.author).write({"note": "late change"})
        # no second upload while a version is under review
        with self.assertRaises(UserError):
            doc.with_user(self.author).add_version(PDF_B64, "x.pdf")

    def test_routing_department_manager(self):
        doc, version = self._draft()
        self.assertEqual(version.reviewer_user_id, self.manager)
        version.with_user(self.author).action_submit()
        self.assertEqual(len(version.review_ids), 1)
        self.assertEqual(version.review_ids.reviewer_ids, self.manager)
        # neither the author, a colleague nor another department's manager
        for user in (self.author, self.colleague, self.other_manager):
            with self.assertRaises(UserError):
                version.with_user(user).validate_tier()
        version.invalidate_recordset()
        self.assertEqual(version.state, "review")
        version.with_user(self.manager).validate_tier()
        self.assertEqual(version.state, "published")
        self.assertEqual(doc.state, "published")
        self.assertEqual(doc.current_version_id, version)
        self.assertTrue(doc.date_published)

    def test_manager_author_goes_to_parent(self):
        parent = self.env["hr.department"].create(
            {"name": "Parent", "manager_id": self.other_manager.employee_id.id}
        )
        self.dept.parent_id = parent
        doc, version = self._draft(user=self.manager)
        # the manager's own version goes to the parent department's manager
        self.assertEqual(version.reviewer_user_id, self.other_manager)
        version.with_user(self.manager).action_submit()
        with self.assertRaises(UserError):
            version.with_user(self.manager).validate_tier()
        version.with_user(self.other_manager).validate_tier()
        self.assertEqual(doc.state, "published")

    def test_no_reviewer_refused(self):
        lonely = self.env["hr.department"].create({"name": "Lonely"})
        self.author.employee_id.department_id = lonely
        doc, version = self._draft(category=self.cat_policy)
        with self.assertRaises(UserError):
            version.with_user(self.author).action_submit()
        self.assertEqual(version.state, "draft")
        self.assertFalse(doc.bizreg_number)

    def test_policy_needs_regulation_administrator(self):
        doc, version = self._draft(category=self.cat_policy)
        version.with_user(self.author).action_submit()
        self.assertEqual(len(version.review_ids), 2)
        version.with_user(self.manager).validate_tier()
        self.assertEqual(version.state, "review")
        self.assertEqual(doc.state, "draft")
        # the controller is no Regulation Administrator
        with self.assertRaises(UserError):
            version.with_user(self.controller).validate_tier()
        version.with_user(self.reg_admin).validate_tier()
        self.assertEqual(version.state, "published")
        self.assertEqual(doc.state, "published")
        # a non-policy document has one step only
        _doc2, v2 = self._draft()
        v2.with_user(self.author).action_submit()
        self.assertEqual(len(v2.review_ids), 1)

    def test_approval_bound_to_digest(self):
        doc, version = self._draft()
        version.with_user(self.author).action_submit()
        version.with_user(self.manager).validate_tier()
        terms = version._bizreg_terms()
        self.assertEqual(terms["checksum"], version.checksum)
        self.assertEqual(terms["document_id"], doc.id)
        self.assertEqual(terms["version"], 1)
        self.assertTrue(version.bizreg_approved_digest)
        # the file of a version cannot be replaced by anyone but the engine
        for user in (self.author, self.controller):
            with self.assertRaises(UserError):
                version.with_user(user).write({"checksum": "0" * 64})
            with self.assertRaises(UserError):
                version.with_user(user).write({"dms_file_id": False})
        # a changed stored value (any route) shows as a difference
        version.sudo().write({"checksum": "f" * 64})
        self.assertTrue(version._bizreg_terms_differ())
        # a changed file is a new upload: a new version, reviewed again
        v2 = doc.with_user(self.author).add_version(
            base64.b64encode(PDF + b"%v2\n"), "rules.pdf", "v2"
        )
        self.assertEqual(v2.state, "draft")
        self.assertFalse(v2.review_ids)
        self.assertEqual(doc.current_version_id, version)

    def test_rejection_needs_comment_and_back_to_draft(self):
        doc, version = self._draft()
        version.with_user(self.author).action_submit()
        with self.assertRaises(ValidationError):
            self._reject(version, self.manager, "   ")
        self._reject(version, self.manager, "Section 3 is missing.")
        self.assertEqual(version.state, "draft")
        self.assertEqual(version.validation_status, "rejected")
        self.assertIn("Section 3 is missing.", version.review_ids.mapped("comment"))
        self.assertEqual(doc.state, "draft")
        # the author submits it again (a new round) and it passes
        version.with_user(self.author).action_submit()
        self.assertEqual(version.state, "review")
        version.with_user(self.manager).validate_tier()
        self.assertEqual(version.state, "published")

    def test_publish_supersedes(self):
        doc = self._new_published(self.cat_internal, "Handbook")
        v1 = doc.current_version_id
        first_date = doc.date_published
        v2 = doc.with_user(self.author).add_version(
            base64.b64encode(PDF + b"%2\n"), "handbook.pdf", "revised"
        )
        v2.with_user(self.author).action_submit()
        # the published version stays current during the review
        self.assertEqual(doc.current_version_id, v1)
        self.assertEqual(v1.state, "published")
        v2.with_user(self.manager).validate_tier()
        self.assertEqual(v2.state, "published")
        self.assertEqual(v1.state, "superseded")
        self.assertEqual(doc.current_version_id, v2)
        self.assertGreaterEqual(doc.date_published, first_date)
        self.assertEqual(doc.bizreg_number[:3], "TPR")
        # earlier versions stay readable by every employee (internal)
        self.assertEqual(
            self.env["bizreg.document.version"]
            .with_user(self.stranger)
            .search([("document_id", "=", doc.id)]),
            v1 | v2,
        )

    def test_acknowledgements(self):
        self.cat_internal.require_acknowledgement = True
        doc = self._new_published(self.cat_internal, "Safety rules")
        acks = doc.acknowledgement_ids
        # the owner department's people, one activity each
        self.assertEqual(acks.user_id, self.author | self.colleague | self.manager)
        self.assertTrue(all(ack.state == "pending" for ack in acks))
        activities = self.env["mail.activity"].search(
            [("res_model", "=", acks._name), ("res_id", "in", acks.ids)]
        )
        self.assertEqual(activities.user_id, acks.user_id)
        mine = acks.filtered(lambda a: a.user_id == self.colleague)
        # only one's own
        with self.assertRaises(AccessError):
            mine.with_user(self.author).action_acknowledge()
        with self.assertRaises(AccessError):
            mine.with_user(self.controller).action_acknowledge()
        self.assertEqual(mine.state, "pending")
        # nor by a write
        with self.assertRaises(AccessError):
            mine.with_user(self.colleague).write({"state": "done"})
        mine.with_user(self.colleague).action_acknowledge()
        self.assertEqual(mine.state, "done")
        self.assertTrue(mine.date_acknowledged)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", mine._name), ("res_id", "=", mine.id)]
            )
        )
        self.assertEqual(doc.acknowledgement_done_count, 1)
        self.assertEqual(doc.acknowledgement_pending_count, 2)
        with self.assertRaises(UserError):
            mine.with_user(self.colleague).action_acknowledge()
        # nobody creates one by hand; a stranger sees none of them
        with self.assertRaises(UserError):
            self.env["bizreg.document.acknowledgement"].with_user(
                self.colleague
            ).create(
                {
                    "document_id": doc.id,
                    "version_id": doc.current_version_id.id,
                    "user_id": self.colleague.id,
                }
            )
        self.assertFalse(
            self.env["bizreg.document.acknowledgement"]
            .with_user(self.stranger)
            .search([("document_id", "=", doc.id)])
        )
        # a new publication supersedes the pending ones
        v2 = doc.with_user(self.author).add_version(
            base64.b64encode(PDF + b"%2\n"), "s.pdf"
        )
        v2.with_user(self.author).action_submit()
        v2.with_user(self.manager).validate_tier()
        self.assertEqual(
            set(acks.filtered(lambda a: a.state != "done").mapped("state")),
            {"superseded"},
        )
        self.assertEqual(
            len(doc.acknowledgement_ids.filtered(lambda a: a.version_id == v2)), 3
        )
