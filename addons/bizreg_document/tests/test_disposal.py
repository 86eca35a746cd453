# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import (
    assert_engine_fields_guarded,
    bizreg_test_user,
)

from .disposal_common import DisposalCommon

YEAR = 366


@tagged("post_install", "-at_install")
class TestDisposal(DisposalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._disposal_setup()
        # cat_internal keeps documents 3 years
        cls.due = cls._aged_document(cls.cat_internal, "Old procedure", 4 * YEAR)
        cls.recent = cls._aged_document(cls.cat_internal, "New procedure", 30)
        cls.old_archived = cls._aged_document(
            cls.cat_internal, "Old archived procedure", 5 * YEAR, state="archived"
        )

    def _run_review(self):
        self.Disposal.with_user(self.controller).action_run_retention_review()

    def _destroy_proposal(self):
        self._run_review()
        disposal = self._proposal(self.old_archived).with_user(self.controller)
        self.assertEqual(disposal.action, "destroy")
        return disposal

    # ------------------------------------------------------------------
    def test_review_proposes_only_due_documents(self):
        self._run_review()
        proposal = self._proposal(self.due)
        self.assertEqual(len(proposal), 1)
        self.assertEqual(proposal.action, "archive")
        self.assertEqual(proposal.state, "proposed")
        self.assertIn(str(self.due.retention_date), proposal.reason)
        self.assertEqual(self._proposal(self.old_archived).action, "destroy")
        self.assertFalse(self._proposal(self.recent))
        # idempotent: a second run proposes nothing more
        count = self.Disposal.sudo().search_count([])
        self._run_review()
        self.assertEqual(self.Disposal.sudo().search_count([]), count)
        # a second open proposal of the same document is refused
        with self.assertRaises(ValidationError):
            self.Disposal.with_user(self.controller).create(
                {"document_id": self.due.id, "action": "archive"}
            )

    def test_category_decides_destruction_at_end_of_retention(self):
        """A category kept for a fixed period and then destroyed (e.g. drafts
        of contracts): its published documents are proposed for destruction."""
        self.cat_confidential.retention_action = "destroy"
        due = self._aged_document(self.cat_confidential, "Old plan", 11 * YEAR)
        self._run_review()
        self.assertEqual(self._proposal(due).action, "destroy")
        self.assertEqual(self._proposal(self.due).action, "archive")

    def test_review_in_batches(self):
        proposals, remaining = self.Disposal.sudo()._retention_review(limit=1)
        self.assertEqual(len(proposals), 1)
        self.assertGreaterEqual(remaining, 1)
        proposals, remaining = self.Disposal.sudo()._retention_review(limit=1)
        self.assertEqual(len(proposals), 1)
        self.assertTrue(self._proposal(self.due))
        self.assertTrue(self._proposal(self.old_archived))

    def test_only_controller_runs_and_acts(self):
        with self.assertRaises(AccessError):
            self.Disposal.with_user(self.manager).action_run_retention_review()
        self._run_review()
        proposal = self._proposal(self.due)
        for user in (self.author, self.manager, self.auditor):
            with self.assertRaises(AccessError, msg=user.login):
                proposal.with_user(user).action_confirm_archive()
        self.assertEqual(self.due.state, "published")

    def test_archive_keeps_document_searchable(self):
        self._run_review()
        proposal = self._proposal(self.due).with_user(self.controller)
        proposal.action_confirm_archive()
        self.assertEqual(proposal.state, "done")
        self.assertEqual(self.due.state, "archived")
        self.assertEqual(proposal.done_by_id, self.controller)
        self.assertTrue(proposal.date_done)
        self.assertEqual(proposal.record_number, self.due.bizreg_number)
        # still in the register: found by a colleague with the archived filter
        found = (
            self.env["bizreg.document"]
            .with_user(self.colleague)
            .search([("state", "=", "archived"), ("name", "=", "Old procedure")])
        )
        self.assertEqual(found, self.due)
        # its files are kept
        self.assertTrue(self.due.version_ids.dms_file_id.exists())
        self.assertEqual(len(self.due.version_ids.dms_file_id), 2)

    def test_controller_changes_action_while_proposed(self):
        self._run_review()
        proposal = self._proposal(self.due).with_user(self.controller)
        proposal.write({"action": "destroy"})
        self.assertEqual(proposal.action, "destroy")
        with self.assertRaises(UserError):
            proposal.action_confirm_archive()
        proposal.action_submit_destruction()
        self.assertEqual(proposal.state, "review")
        with self.assertRaises(UserError):
            proposal.write({"action": "archive"})

    def test_destroy_needs_approval(self):
        disposal = self._destroy_proposal()
        with self.assertRaises(UserError):
            disposal.action_destroy()
        disposal.action_submit_destruction()
        self.assertEqual(disposal.state, "review")
        self.assertEqual(disposal.manager_user_id, self.manager)
        self.assertEqual(len(disposal.review_ids), 2)
        with self.assertRaises(UserError):
            disposal.action_destroy()
        # the Director approves after the department manager only
        self._approve(disposal, self.manager)
        self.assertEqual(disposal.state, "review")
        with self.assertRaises(UserError):
            disposal.action_destroy()
        self._approve(disposal, self.director)
        self.assertEqual(disposal.state, "approved")
        disposal.action_destroy()
        self.assertEqual(disposal.state, "done")
        self.assertEqual(self.old_archived.state, "destroyed")

    def test_approver_is_never_the_requester(self):
        self._run_review()
        disposal = self._proposal(self.old_archived).with_user(self.director)
        disposal.action_submit_destruction()
        self.assertEqual(disposal.user_id, self.director)
        self._approve(disposal, self.manager)
        with self.assertRaises(UserError):
            disposal.with_user(self.director).validate_tier()
        self.assertEqual(disposal.state, "review")
        director2 = bizreg_test_user(
            self.env, "t_doc_director2", ["bizreg_base.group_bizreg_director"]
        )
        self._approve(disposal, director2)
        self.assertEqual(disposal.state, "approved")

    def test_destruction_record_and_files_gone(self):
        disposal = self._destroy_proposal()
        document = self.old_archived
        versions = document.version_ids
        files = versions.dms_file_id
        self.assertEqual(len(files), 2)
        checksums = versions.mapped("checksum")
        number = document.bizreg_number
        disposal.action_submit_destruction()
        self._approve(disposal, self.manager)
        self._approve(disposal, self.director)
        disposal.action_destroy()
        # the files are gone, the register row stays without content
        self.assertFalse(files.exists())
        self.assertTrue(document.exists())
        self.assertEqual(document.state, "destroyed")
        self.assertEqual(document.bizreg_number, number)
        self.assertFalse(document.version_ids.dms_file_id)
        # the record: what, when, who, approved by, why
        self.assertEqual(disposal.record_number, number)
        self.assertEqual(disposal.record_title, "Old archived procedure")
        self.assertEqual(disposal.record_category, self.cat_internal.display_name)
        self.assertEqual(disposal.record_confidentiality, "Internal")
        for checksum in checksums:
            self.assertIn(checksum, disposal.record_versions)
        self.assertIn("Old archived procedure v1.pdf", disposal.record_versions)
        self.assertIn("Old archived procedure v2.pdf", disposal.record_versions)
        self.assertIn(self.manager.name, disposal.record_approvers)
        self.assertIn(self.director.name, disposal.record_approvers)
        self.assertEqual(disposal.done_by_id, self.controller)
        self.assertTrue(disposal.date_done)
        self.assertTrue(disposal.reason)
        # the PDF record renders
        html = self.env["ir.actions.report"]._render_qweb_html(
            "bizreg_document.action_report_bizreg_document_disposal", disposal.ids
        )[0]
        self.assertIn(checksums[0].encode(), html)
        self.assertIn(self.director.name.encode(), html)
        # immutable
        with self.assertRaises(UserError):
            disposal.write({"reason": "changed my mind"})
        with self.assertRaises(UserError):
            disposal.action_cancel()
        with self.assertRaises(UserError):  # AccessError is a UserError
            disposal.unlink()
        self.assertTrue(disposal.exists())
        self.assertIn("v1", disposal.record_versions)

    def test_engine_fields_guarded(self):
        disposal = self._destroy_proposal()
        tried = assert_engine_fields_guarded(self, disposal, self.controller)
        for name in (
            "state",
            "user_id",
            "manager_user_id",
            "date_done",
            "done_by_id",
            "record_number",
            "record_versions",
            "record_approvers",
        ):
            self.assertIn(name, tried)
        with self.assertRaises(AccessError):
            self.Disposal.with_user(self.controller).create(
                {
                    "document_id": self.recent.id,
                    "action": "archive",
                    "record_number": "FORGED",
                }
            )

    def test_record_rules(self):
        disposal = self._destroy_proposal()
        other = self._aged_document(self.cat_policy, "Old policy", 11 * YEAR)
        self._run_review()
        other_disposal = self._proposal(other)
        self.assertTrue(other_disposal)
        Disposal = self.Disposal
        # the owner department's manager reads its disposals, not others
        self.assertIn(disposal, Disposal.with_user(self.manager).search([]))
        self.assertEqual(
            disposal.with_user(self.manager).document_id, self.old_archived
        )
        # others of the department and of other departments read nothing
        for user in (self.author, self.colleague, self.stranger, self.outsider):
            self.assertFalse(
                Disposal.with_user(user).search([("id", "=", disposal.id)]),
                user.login,
            )
        self.assertNotIn(disposal, Disposal.with_user(self.other_manager).search([]))
        # Director, Auditor and the controller read all
        for user in (self.director, self.auditor, self.controller):
            self.assertTrue(
                {disposal, other_disposal} <= set(Disposal.with_user(user).search([])),
                user.login,
            )
        # only the controller writes
        for user in (self.manager, self.auditor):
            with self.assertRaises(AccessError, msg=user.login):
                disposal.with_user(user).write({"reason": "mine"})
        disposal.with_user(self.controller).write({"reason": "Retention ended"})
        self.assertEqual(disposal.reason, "Retention ended")
