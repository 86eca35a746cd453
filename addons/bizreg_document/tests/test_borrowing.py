# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .borrowing_common import BorrowingCommon
from .common import PDF_B64


@tagged("post_install", "-at_install")
class TestBorrowing(BorrowingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._borrowing_setup()

    # ------------------------------------------------------------------
    # Request
    # ------------------------------------------------------------------
    def test_request_for_oneself_only(self):
        Borrowing = self.Borrowing.with_user(self.stranger)
        vals = {
            "document_id": self.doc_internal.id,
            "medium": "paper",
            "purpose": "Audit",
            "date_due": self._due(),
        }
        with self.assertRaises(AccessError):
            Borrowing.create(dict(vals, user_id=self.colleague.id))
        # not even the controller books a borrowing for someone else
        with self.assertRaises(AccessError):
            self.Borrowing.with_user(self.controller).create(
                dict(vals, user_id=self.colleague.id)
            )
        # nor the manager of a department that does not own the document
        with self.assertRaises(AccessError):
            self.Borrowing.with_user(self.other_manager).create(
                dict(vals, user_id=self.colleague.id)
            )
        borrowing = Borrowing.create(vals)
        self.assertEqual(borrowing.user_id, self.stranger)
        self.assertEqual(borrowing.department_id, self.other_dept)
        with self.assertRaises(AccessError):
            borrowing.write({"user_id": self.colleague.id})
        # the colleague of another borrower does not see it; the manager of the
        # owning department does (read only); the auditor reads all
        self.assertFalse(
            self.Borrowing.with_user(self.colleague).search([("id", "=", borrowing.id)])
        )
        self.assertTrue(
            self.Borrowing.with_user(self.manager).search([("id", "=", borrowing.id)])
        )
        with self.assertRaises(AccessError):
            borrowing.with_user(self.manager).write({"purpose": "changed"})
        self.assertTrue(
            self.Borrowing.with_user(self.auditor).search([("id", "=", borrowing.id)])
        )
        with self.assertRaises(AccessError):
            borrowing.with_user(self.auditor).write({"purpose": "changed"})
        # only the borrower submits
        with self.assertRaises(AccessError):
            borrowing.with_user(self.controller).action_submit()

    def test_bad_input(self):
        Borrowing = self.Borrowing.with_user(self.stranger)
        base = {
            "document_id": self.doc_internal.id,
            "medium": "paper",
            "purpose": "Audit",
        }
        with self.assertRaisesRegex(ValidationError, "Return By"):
            Borrowing.create(
                dict(base, date_due=fields.Datetime.now() - timedelta(hours=1))
            )
        with self.assertRaisesRegex(ValidationError, "Return By"):
            Borrowing.create(dict(base, date_due=self._due(31)))
        with self.assertRaisesRegex(ValidationError, "Purpose"):
            Borrowing.create(dict(base, purpose="   ", date_due=self._due()))
        with self.assertRaises(ValidationError):
            Borrowing.create(dict(base, medium="fax", date_due=self._due()))
        with self.assertRaises(ValidationError):
            Borrowing.create(dict(base, date_due="next week"))
        # a document that is not published is not lent
        draft = (
            self.env["bizreg.document"]
            .sudo()
            .create(
                {
                    "name": "Unpublished",
                    "category_id": self.cat_internal.id,
                    "confidentiality": "internal",
                }
            )
        )
        with self.assertRaises(ValidationError) as refused:
            Borrowing.create(dict(base, document_id=draft.id, date_due=self._due()))
        self.assertIn("published", str(refused.exception))
        self.assertFalse(self.Borrowing.sudo().search([("document_id", "=", draft.id)]))

    def test_non_confidential_skips_review(self):
        borrowing = self._borrow(self.stranger, self.doc_internal, "electronic")
        self.assertEqual(borrowing.state, "lent")
        self.assertFalse(borrowing.review_ids)
        self.assertTrue(borrowing.bizreg_number.startswith("BR-"))
        self.assertTrue(borrowing.date_lent)
        # the submitted request does not change any more
        with self.assertRaises(UserError):
            borrowing.with_user(self.stranger).write({"date_due": self._due(20)})
        paper = self._borrow(self.stranger, self.doc_internal, "paper")
        self.assertEqual(paper.state, "approved")
        self.assertFalse(paper.date_lent)

    def test_confidential_needs_manager_approval(self):
        borrowing = self._borrow(self.stranger, self.doc_confidential, "paper")
        self.assertEqual(borrowing.state, "review")
        self.assertEqual(borrowing.approver_user_id, self.manager)
        self.assertIn(self.manager, borrowing.review_ids.reviewer_ids)
        # not handed over before the approval; nobody else approves
        with self.assertRaises(UserError):
            borrowing.with_user(self.controller).action_hand_over()
        with self.assertRaises(UserError):
            borrowing.with_user(self.other_manager).validate_tier()
        self._approve(borrowing, self.manager)
        self.assertEqual(borrowing.state, "approved")
        # electronic: the grant starts with the approval
        electronic = self._borrow(self.stranger, self.doc_confidential, "electronic")
        self.assertEqual(electronic.state, "review")
        self._approve(electronic, self.manager)
        self.assertEqual(electronic.state, "lent")
        self.assertTrue(electronic.date_lent)

    def test_four_eyes(self):
        """The manager of the owning department borrowing a confidential
        document is not his own approver: the Director approves."""
        borrowing = self._borrow(self.manager, self.doc_confidential, "paper")
        self.assertEqual(borrowing.state, "review")
        self.assertNotEqual(borrowing.approver_user_id, self.manager)
        self.assertNotIn(self.manager, borrowing.review_ids.reviewer_ids)
        with self.assertRaises(UserError):
            borrowing.with_user(self.manager).validate_tier()
        self._approve(borrowing, self.director)
        self.assertEqual(borrowing.state, "approved")
        # the controller does not hand over to himself
        own = self._borrow(self.controller, self.doc_internal, "paper")
        with self.assertRaises(AccessError):
            own.with_user(self.controller).action_hand_over()

    def test_hand_over_and_return_check_by_controller(self):
        borrowing = self._borrow(self.colleague, self.doc_internal, "paper")
        with self.assertRaises(AccessError):
            borrowing.with_user(self.colleague).action_hand_over()
        with self.assertRaises(AccessError):
            borrowing.with_user(self.manager).action_hand_over()
        borrowing.with_user(self.controller).action_hand_over()
        self.assertEqual(borrowing.state, "lent")
        self.assertEqual(borrowing.lent_by, self.controller)
        Borrowing = self.Borrowing
        self.assertEqual(
            Borrowing._borrowed_out_documents(self.doc_internal | self.doc_text),
            self.doc_internal,
        )
        self.assertIn(
            self.doc_internal,
            self.env["bizreg.document"].search(Borrowing._search_borrowed_out_domain()),
        )
        # the register shows it: the field, its filter and its negation
        Document = self.env["bizreg.document"].with_user(self.colleague)
        self.assertTrue(self.doc_internal.with_user(self.colleague).is_borrowed_out)
        self.assertFalse(self.doc_text.is_borrowed_out)
        out = Document.search([("is_borrowed_out", "=", True)])
        self.assertIn(self.doc_internal, out)
        self.assertNotIn(
            self.doc_internal, Document.search([("is_borrowed_out", "=", False)])
        )
        # one paper copy out at a time
        second = self._borrow(self.stranger, self.doc_internal, "paper")
        with self.assertRaisesRegex(UserError, "borrowed out"):
            second.with_user(self.controller).action_hand_over()
        # the borrower neither records the return check nor returns a paper copy
        with self.assertRaises(AccessError):
            borrowing.with_user(self.colleague).write({"returned_condition": "good"})
        with self.assertRaises(UserError):
            borrowing.with_user(self.colleague).action_return()
        controller = borrowing.with_user(self.controller)
        with self.assertRaises(UserError):
            controller.action_return_check()
        controller.write({"returned_condition": "damaged"})
        with self.assertRaisesRegex(UserError, "Return Note"):
            controller.action_return_check()
        controller.write({"return_note": "Page 3 torn"})
        controller.action_return_check()
        self.assertEqual(borrowing.state, "returned")
        self.assertEqual(borrowing.returned_by, self.controller)
        self.assertTrue(borrowing.date_returned)
        self.assertFalse(Borrowing._borrowed_out_documents(self.doc_internal))
        second.with_user(self.controller).action_hand_over()
        self.assertEqual(second.state, "lent")
        # the slip renders with the hand-over and the return check
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "bizreg_document.action_report_bizreg_document_borrowing", borrowing.ids
            )[0]
            .decode()
        )
        self.assertIn(borrowing.bizreg_number, html)
        self.assertIn(self.controller.name, html)
        self.assertIn("Page 3 torn", html)
        self.assertIn("Test Procedure", html)

    def test_cancel_and_drafts_grant_nothing(self):
        borrowing = self._borrow(
            self.stranger, self.doc_confidential, "electronic", submit=False
        )
        version = self.doc_confidential.current_version_id
        with self.assertRaises(AccessError):
            self.Log.with_user(self.stranger)._serve(version.id, "preview")
        borrowing.action_submit()
        with self.assertRaises(AccessError):
            self.Log.with_user(self.stranger)._serve(version.id, "preview")
        borrowing.with_user(self.stranger).action_cancel()
        self.assertEqual(borrowing.state, "cancel")
        with self.assertRaises(UserError):
            borrowing.with_user(self.stranger).action_submit()

    def test_electronic_expires_by_cron(self):
        borrowing = self._borrow(self.stranger, self.doc_internal, "electronic")
        other = self._borrow(self.colleague, self.doc_internal, "electronic")
        self.assertEqual(borrowing.state, "lent")
        self._past_due(borrowing)
        self.Borrowing._cron_expire()
        self.assertEqual(borrowing.state, "expired")
        self.assertTrue(borrowing.date_expired)
        self.assertEqual(other.state, "lent")
        self.assertIn(
            "expired", borrowing.message_ids[:1].body.lower(), "a chatter note"
        )
        # the borrower ends a running grant himself
        other.with_user(self.colleague).action_return()
        self.assertEqual(other.state, "returned")

    def test_owning_manager_lends_a_confidential_document(self):
        """Someone outside the owning department cannot see a confidential
        document to ask for it: its department's manager names him as the
        borrower; he submits, the manager approves, he reads it until the
        return date."""
        doc = self.doc_confidential
        Document = self.env["bizreg.document"].with_user(self.stranger)
        self.assertFalse(Document.search([("id", "=", doc.id)]))
        borrowing = self.Borrowing.with_user(self.manager).create(
            {
                "document_id": doc.id,
                "user_id": self.stranger.id,
                "medium": "electronic",
                "purpose": "Joint review of the plan",
                "date_due": self._due(3),
            }
        )
        self.assertEqual(borrowing.user_id, self.stranger)
        borrowing.with_user(self.stranger).action_submit()
        self.assertEqual(borrowing.state, "review")
        # he lends it: he does not approve his own lending (four-eyes); the
        # manager above him does, here (no parent department) the Director
        self.assertNotEqual(borrowing.approver_user_id, self.manager)
        with self.assertRaises(UserError):
            borrowing.with_user(self.manager).validate_tier()
        self._approve(borrowing, self.director)
        self.assertEqual(borrowing.state, "lent")
        self.assertEqual(Document.search([("id", "=", doc.id)]), doc)

    def test_only_published_documents_are_borrowed(self):
        """A request naming a document under review is refused (its title
        would show on the request), whoever knows its id."""
        draft = (
            self.env["bizreg.document"]
            .with_user(self.author)
            .create({"name": "Secret draft", "category_id": self.cat_confidential.id})
        )
        draft.add_version(PDF_B64, "draft.pdf")
        # assertRaises: its savepoint rolls back as the request's transaction would
        with self.assertRaises(ValidationError) as refused:
            self._borrow(self.stranger, draft, "electronic", submit=False)
        self.assertIn("Document", str(refused.exception))
        self.assertNotIn("Secret draft", str(refused.exception))
        self.assertFalse(self.Borrowing.sudo().search([("document_id", "=", draft.id)]))

    def test_expired_grant_reads_nothing_before_the_cron(self):
        """The record rules read the return date when the records are read:
        past it, the borrower reads neither the document nor its versions,
        although the borrowing is still 'lent' until the cron runs."""
        borrowing = self._borrow(self.stranger, self.doc_confidential, "electronic")
        self._approve(borrowing, self.manager)
        Document = self.env["bizreg.document"].with_user(self.stranger)
        Version = self.env["bizreg.document.version"].with_user(self.stranger)
        doc = self.doc_confidential
        self.assertTrue(borrowing.grant_running)
        self.assertEqual(Document.search([("id", "=", doc.id)]), doc)
        self.assertTrue(Version.search([("document_id", "=", doc.id)]))
        self._past_due(borrowing, hours=0.01)
        self.env.invalidate_all()
        self.assertEqual(borrowing.state, "lent")
        self.assertFalse(borrowing.grant_running)
        self.assertFalse(Document.search([("id", "=", doc.id)]))
        self.assertFalse(Version.search([("document_id", "=", doc.id)]))
        with self.assertRaises(AccessError):
            doc.with_user(self.stranger).read(["name"])
        self.assertIn(borrowing, self.Borrowing.search([("grant_running", "=", False)]))

    def test_expired_at_point_of_use(self):
        """An electronic grant past its return date serves no byte, even
        before the cron ran: the route expires it."""
        borrowing = self._borrow(self.stranger, self.doc_confidential, "electronic")
        self._approve(borrowing, self.manager)
        self.assertEqual(borrowing.state, "lent")
        version = self.doc_confidential.current_version_id
        content, _name, mimetype = self.Log.with_user(self.stranger)._serve(
            version.id, "download"
        )
        self.assertEqual(mimetype, "application/pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        self._past_due(borrowing, hours=0.01)
        # no assertRaises: its savepoint would roll the expiry back (the
        # route answers 403 without raising, and the expiry is kept)
        refused = False
        try:
            self.Log.with_user(self.stranger)._serve(version.id, "download")
        except AccessError:
            refused = True
        self.assertTrue(refused, "an expired grant serves no byte")
        borrowing.invalidate_recordset()
        self.assertEqual(borrowing.state, "expired")
        self.assertTrue(borrowing.date_expired)

    def test_reminder_and_escalation_levels(self):
        # the demo's borrowings have fired already
        now = fields.Datetime.now()
        self.Borrowing.search([])._write(
            {
                "remind_date": now,
                "escalation_l1_date": now,
                "escalation_l2_date": now,
                "escalation_l3_date": now,
            }
        )
        borrowing = self._borrow(self.stranger, self.doc_internal, "paper")
        borrowing.with_user(self.controller).action_hand_over()
        due = borrowing.date_due
        self.assertEqual(borrowing.escalation_l1_deadline, due)
        self.assertGreater(borrowing.escalation_l2_deadline, due)
        self.assertGreater(
            borrowing.escalation_l3_deadline, borrowing.escalation_l2_deadline
        )
        self.assertEqual(borrowing.remind_deadline, due - timedelta(days=2))
        Activity = self.env["mail.activity"]

        def activities(user, activity_type):
            return Activity.search(
                [
                    ("res_model", "=", borrowing._name),
                    ("res_id", "=", borrowing.id),
                    ("user_id", "=", user.id),
                    ("activity_type_id", "=", self.env.ref(activity_type).id),
                ]
            )

        reminder = "bizreg_document.mail_activity_borrowing_return"
        followup = "bizreg_base.mail_activity_bizreg_followup"
        # nothing before the reminder date
        fired = self.Borrowing._bizreg_run_escalations(now=due - timedelta(days=3))
        self.assertFalse(any(fired.values()))
        fired = self.Borrowing._bizreg_run_escalations(now=due - timedelta(days=1))
        self.assertEqual(fired["remind"], 1)
        self.assertEqual(fired["level1"], 0)
        self.assertTrue(activities(self.stranger, reminder))
        self.assertTrue(borrowing.remind_date)
        # at due: the borrower; +1 working day: the controller; +3: the manager
        fired = self.Borrowing._bizreg_run_escalations(now=due + timedelta(minutes=1))
        self.assertEqual((fired["level1"], fired["level2"]), (1, 0))
        self.assertTrue(activities(self.stranger, followup))
        self.assertFalse(activities(self.controller, followup))
        fired = self.Borrowing._bizreg_run_escalations(
            now=borrowing.escalation_l2_deadline
        )
        self.assertEqual((fired["level2"], fired["level3"]), (1, 0))
        self.assertTrue(activities(self.controller, followup))
        self.assertFalse(activities(self.manager, followup))
        fired = self.Borrowing._bizreg_run_escalations(
            now=borrowing.escalation_l3_deadline
        )
        self.assertEqual(fired["level3"], 1)
        self.assertTrue(activities(self.manager, followup))
        # fired once only
        fired = self.Borrowing._bizreg_run_escalations(now=due + timedelta(days=30))
        self.assertFalse(any(fired.values()))
        # electronic grants get the reminder, no escalation
        electronic = self._borrow(self.colleague, self.doc_internal, "electronic")
        self.assertFalse(electronic.escalation_l1_deadline)
        self.assertTrue(electronic.remind_deadline)

    def test_engine_fields_guarded(self):
        borrowing = self._borrow(self.stranger, self.doc_internal, "paper")
        borrowing.with_user(self.controller).action_hand_over()
        tried = assert_engine_fields_guarded(self, borrowing, self.controller)
        for name in (
            "state",
            "date_lent",
            "lent_by",
            "approver_user_id",
            "escalation_l2_deadline",
            "escalation_l2_date",
            "confidentiality",
        ):
            self.assertIn(name, tried)
        with self.assertRaises(UserError):
            borrowing.with_user(self.stranger).write({"state": "returned"})
        self.assertEqual(borrowing.state, "lent")
        # and a default_<engine field> context key is ignored
        created = (
            self.Borrowing.with_user(self.stranger)
            .with_context(default_state="lent", default_date_lent=fields.Datetime.now())
            .create(
                {
                    "document_id": self.doc_internal.id,
                    "purpose": "Audit",
                    "date_due": self._due(),
                }
            )
        )
        self.assertEqual(created.state, "draft")
        self.assertFalse(created.date_lent)

    def test_borrow_action_from_document(self):
        action = self.doc_internal.with_user(self.colleague).action_borrow()
        self.assertEqual(action["res_model"], "bizreg.document.borrowing")
        self.assertEqual(
            action["context"], {"default_document_id": self.doc_internal.id}
        )
        # the document's Preview / Download go through the checked route
        version = self.doc_internal.current_version_id
        self.assertEqual(
            self.doc_internal.with_user(self.colleague).action_preview()["url"],
            f"/bizreg_document/version/{version.id}/preview",
        )
        draft = (
            self.env["bizreg.document"]
            .with_user(self.author)
            .create({"name": "No version yet", "category_id": self.cat_internal.id})
        )
        with self.assertRaisesRegex(UserError, "no published version"):
            draft.action_download()
        borrowing = (
            self.Borrowing.with_user(self.colleague)
            .with_context(default_document_id=self.doc_internal.id)
            .new({"purpose": "Read"})
        )
        self.assertEqual(borrowing.document_id, self.doc_internal)
        self.assertTrue(borrowing.date_due)
        lent = self._borrow(self.colleague, self.doc_internal, "electronic")
        url = lent.with_user(self.colleague).action_download()["url"]
        self.assertEqual(
            url,
            f"/bizreg_document/version/{self.doc_internal.current_version_id.id}/download",
        )

    def test_demo_flow(self):
        """The demo's borrowings (on documents named as the demo's)."""
        marketing = self.env.ref("bizreg_base.hr_department_marketing")
        category = self.env["bizreg.document.category"].create(
            {
                "name": "Test Marketing Strategy",
                "code": "TMS",
                "department_id": marketing.id,
                "confidentiality": "confidential",
            }
        )
        policy = self._published(self.cat_policy, "信息安全管理制度")
        plan = self._published(category, "2026年度新品上市推广方案")
        self.assertTrue(self.Borrowing._demo_borrowings())
        borrowings = self.Borrowing.search([("document_id", "in", (policy | plan).ids)])
        returned = borrowings.filtered(lambda b: b.document_id == policy)
        self.assertEqual(returned.state, "returned")
        self.assertEqual(returned.user_id, self.env.ref("bizreg_base.user_employee"))
        lent = borrowings.filtered(lambda b: b.document_id == plan)
        self.assertEqual(lent.state, "lent")
        self.assertTrue(lent.is_overdue)
        self.assertEqual(
            lent.lent_by, self.env.ref("bizreg_base.user_regulation_admin")
        )
        self.assertEqual(
            lent.review_ids.done_by, self.env.ref("bizreg_base.user_marketing_manager")
        )
        # run twice: nothing more
        self.assertFalse(self.Borrowing._demo_borrowings())
