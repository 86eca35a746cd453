# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Design: design documents of a release, the design review (DR-…)
countersigned by the R&D Manager and one reviewer of the R&D group, and the
gate of the release's development tasks."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .requirement_common import RequirementCommon


@tagged("post_install", "-at_install")
class TestDesign(RequirementCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._requirement_setup()

    # Design review -----------------------------------------------------------
    def test_number_and_countersign(self):
        review = self._design_review(submit=False)
        self.assertFalse(review.bizreg_number)
        review.action_submit()
        self.assertRegex(review.bizreg_number, r"^DR-.+-\d{4}-\d{4}$")
        self.assertEqual(len(review.review_ids), 2)
        review.with_user(self.manager).validate_tier()
        self.assertEqual(review.state, "review", "the manager alone is not enough")
        manager_step = review.review_ids.filtered(
            lambda r: (
                r.definition_id
                == self.env.ref("bizreg_rnd.tier_definition_design_review_manager")
            )
        )
        self.assertEqual(manager_step.status, "approved")
        with self.assertRaises(UserError):
            review.with_user(self.manager).validate_tier()
        self.assertEqual(review.state, "review")
        review.with_user(self.tester).validate_tier()
        self.assertEqual(review.state, "approved")

    def test_reviewers_without_manager_not_enough(self):
        review = self._design_review()
        review.with_user(self.tester).validate_tier()
        self.assertEqual(review.state, "review")
        # a second R&D reviewer cannot sign the manager's part
        with self.assertRaises(UserError):
            review.with_user(self.reviewer).validate_tier()
        self.assertEqual(review.state, "review")
        review.with_user(self.manager).validate_tier()
        self.assertEqual(review.state, "approved")

    def test_author_cannot_approve(self):
        review = self._design_review(user=self.tester)
        with self.assertRaises(UserError):
            review.with_user(self.tester).validate_tier()
        self.assertFalse(review.review_ids.filtered(lambda r: r.status == "approved"))
        # the manager's own review needs another manager
        own = self._design_review(user=self.manager)
        own.with_user(self.tester).validate_tier()
        with self.assertRaises(UserError):
            own.with_user(self.manager).validate_tier()
        self.assertEqual(own.state, "review")

    def test_submit_needs_documents(self):
        review = (
            self.env["bizreg.rnd.design.review"]
            .with_user(self.developer)
            .create({"name": "Empty", "release_id": self.release.id})
        )
        with self.assertRaises(UserError):
            review.action_submit()
        self.assertEqual(review.state, "draft")

    def test_comments_under_review_documents_are_terms(self):
        review = self._design_review()
        review.with_user(self.tester).write(
            {"comment_ids": [Command.create({"comment": "Log the self-test failures"})]}
        )
        self.assertEqual(review.comment_ids.reviewer_id, self.tester)
        review.with_user(self.manager).validate_tier()
        review.with_user(self.tester).validate_tier()
        self.assertEqual(review.state, "approved")
        extra = self._document(name="Late database design", kind="database")
        review.with_user(self.developer).write(
            {"document_ids": [Command.link(extra.id)]}
        )
        self.assertEqual(review.state, "review", "a new document is reviewed again")

    def test_document_changed_after_approval_voids_review(self):
        review = self._design_review()
        review.with_user(self.manager).validate_tier()
        review.with_user(self.tester).validate_tier()
        self.assertEqual(review.state, "approved")
        task = self._task()
        review.document_ids.with_user(self.developer).write(
            {"url": "https://example.com/other-design"}
        )
        self.assertEqual(review.state, "review")
        with self.assertRaises(UserError):
            task.with_user(self.developer).write({"stage_id": self.stage_dev.id})

    def test_engine_fields_and_rules(self):
        review = self._design_review()
        tried = assert_engine_fields_guarded(self, review, self.developer)
        self.assertIn("state", tried)
        self.assertIn("bizreg_number", tried)
        for user in (self.stranger, self.outsider):
            with self.assertRaises(AccessError, msg=user.login):
                review.with_user(user).read(["name"])
            with self.assertRaises(AccessError, msg=user.login):
                review.document_ids.with_user(user).read(["name"])
        self.assertTrue(review.with_user(self.auditor).read(["name"]))

    def test_document_needs_content(self):
        with self.assertRaises(ValidationError):
            self._document(url=False)
        attachment = self.env["ir.attachment"].create(
            {"name": "design.txt", "raw": b"design"}
        )
        document = self._document(
            url=False, attachment_ids=[Command.set(attachment.ids)]
        )
        self.assertEqual(document.user_id, self.developer)

    # Task gate -----------------------------------------------------------------
    def test_task_gate_until_design_review_approved(self):
        task = self._task()
        self.assertEqual(task.stage_id, self.stage_todo)
        with self.assertRaises(UserError):
            task.with_user(self.developer).write({"stage_id": self.stage_dev.id})
        with self.assertRaises(UserError):
            self._task(stage_id=self.stage_dev.id)
        review = self._design_review()
        review.with_user(self.manager).validate_tier()
        with self.assertRaises(UserError):
            task.with_user(self.developer).write({"stage_id": self.stage_done.id})
        review.with_user(self.tester).validate_tier()
        task.with_user(self.developer).write({"stage_id": self.stage_dev.id})
        self.assertEqual(task.stage_id, self.stage_dev)
        self.assertEqual(
            self._task(stage_id=self.stage_done.id).stage_id, self.stage_done
        )

    def test_task_gate_by_result(self):
        plain = self._task(bizreg_rnd_release_id=False)
        plain.with_user(self.developer).write({"stage_id": self.stage_dev.id})
        self.assertEqual(plain.stage_id, self.stage_dev, "plain tasks are never gated")
        with self.assertRaises(UserError):
            plain.with_user(self.developer).write(
                {"bizreg_rnd_release_id": self.release.id}
            )
        plain.invalidate_recordset()
        self.assertFalse(plain.bizreg_rnd_release_id)
        # a task without a project has no first stage to stay in
        loose = (
            self.env["project.task"]
            .sudo()
            .create({"name": "Private", "bizreg_rnd_release_id": self.release.id})
        )
        self.assertTrue(loose)
