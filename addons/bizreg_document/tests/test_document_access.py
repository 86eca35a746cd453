# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Record rules of documents and versions by department, role and
confidentiality, each as the right and the wrong user."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.bizreg_base.tools import trusted

from .common import PDF_B64, DocumentCommon


@tagged("post_install", "-at_install")
class TestDocumentAccess(DocumentCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._document_setup()
        cls.published = cls._new_published(cls.cat_internal, "Public handbook")
        cls.secret = cls._new_published(cls.cat_confidential, "Pricing strategy")
        Document = cls.env["bizreg.document"]
        cls.draft = Document.with_user(cls.author).create(
            {"name": "Draft rules", "category_id": cls.cat_internal.id}
        )
        cls.draft_version = cls.draft.with_user(cls.author).add_version(
            PDF_B64, "d.pdf"
        )
        cls.draft_version.with_user(cls.author).action_submit()

    def _reads(self, user, record):
        return bool(record.with_user(user).search([("id", "=", record.id)]))

    def _assert_readers(self, record, allowed, denied):
        for user in allowed:
            self.assertTrue(self._reads(user, record), f"{user.login} {record}")
        for user in denied:
            self.assertFalse(self._reads(user, record), f"{user.login} {record}")
            with self.assertRaises(AccessError):
                record.with_user(user).read(["name" if "name" in record else "id"])

    def test_draft_under_review(self):
        # the author, the owner department's manager (also the pending
        # reviewer), controller, Director, Auditor; not a colleague, another
        # department or an outsider
        allowed = (
            self.author,
            self.manager,
            self.controller,
            self.director,
            self.auditor,
        )
        denied = (self.colleague, self.stranger, self.other_manager, self.outsider)
        self._assert_readers(self.draft, allowed, denied)
        self._assert_readers(self.draft_version, allowed, denied)

    def test_pending_reviewer_reads_draft(self):
        # a document owned by another department: the author's manager
        # reads it only as its pending reviewer
        category = self.env["bizreg.document.category"].create(
            {
                "name": "Other's records",
                "code": "TOR",
                "department_id": self.other_dept.id,
                "confidentiality": "confidential",
            }
        )
        doc = (
            self.env["bizreg.document"]
            .with_user(self.author)
            .create({"name": "Cross-department", "category_id": category.id})
        )
        version = doc.with_user(self.author).add_version(PDF_B64, "p.pdf")
        self.assertFalse(self._reads(self.manager, version))
        self.assertFalse(self._reads(self.manager, doc))
        version.with_user(self.author).action_submit()
        self.assertTrue(self._reads(self.manager, version))
        self.assertTrue(self._reads(self.manager, doc))
        self.assertFalse(self._reads(self.colleague, doc))
        self.assertFalse(self._reads(self.stranger, doc))
        # the owner department's manager reads its drafts
        self.assertTrue(self._reads(self.other_manager, doc))

    def test_published_internal_every_employee(self):
        everyone = (
            self.author,
            self.colleague,
            self.stranger,
            self.other_manager,
            self.outsider,
            self.auditor,
        )
        self._assert_readers(self.published, everyone, ())
        self._assert_readers(self.published.current_version_id, everyone, ())

    def test_published_confidential(self):
        allowed = (
            self.author,
            self.colleague,
            self.manager,
            self.controller,
            self.director,
            self.auditor,
        )
        denied = (self.stranger, self.other_manager, self.outsider)
        self._assert_readers(self.secret, allowed, denied)
        self._assert_readers(self.secret.current_version_id, allowed, denied)

    def test_confidential_electronic_borrower(self):
        Borrowing = self.env["bizreg.document.borrowing"].sudo()
        borrowing = Borrowing.create(
            {
                "document_id": self.secret.id,
                "user_id": self.stranger.id,
                "medium": "electronic",
                "purpose": "Price review",
                "date_due": fields.Datetime.now() + timedelta(days=10),
            }
        )
        self.assertFalse(self._reads(self.stranger, self.secret))
        # the borrowing flow is tested with borrowings: set its states here
        self._set_borrowing(borrowing, state="lent")
        self.assertTrue(self._reads(self.stranger, self.secret))
        self.assertTrue(self._reads(self.stranger, self.secret.current_version_id))
        # a paper borrowing, or a returned one, opens nothing
        self._set_borrowing(borrowing, medium="paper")
        self.assertFalse(self._reads(self.stranger, self.secret))
        self._set_borrowing(borrowing, medium="electronic", state="returned")
        self.assertFalse(self._reads(self.stranger, self.secret))
        self.assertFalse(self._reads(self.stranger, self.secret.current_version_id))

    def _set_borrowing(self, borrowing, **vals):
        for name, value in vals.items():
            self.env.cr.execute(
                SQL(
                    "UPDATE bizreg_document_borrowing SET %s = %s WHERE id = %s",
                    SQL.identifier(name),
                    value,
                    borrowing.id,
                )
            )
        self.env.invalidate_all()

    def test_destroyed_only_controller(self):
        with trusted("state"):
            self.published.sudo()._bizreg_engine_write({"state": "destroyed"})
        self._assert_readers(
            self.published,
            (self.controller, self.director, self.auditor),
            (self.author, self.colleague, self.manager, self.stranger),
        )

    def test_write_rules(self):
        # the author writes his draft, not another's; a colleague nothing
        self.draft.with_user(self.author).write({"name": "Draft rules v2"})
        with self.assertRaises(AccessError):
            self.draft.with_user(self.stranger).write({"name": "Mine now"})
        with self.assertRaises(AccessError):
            self.published.with_user(self.colleague).write({"name": "Edited"})
        with self.assertRaises(AccessError):
            self.env["bizreg.document"].with_user(self.colleague).create(
                {"name": "No", "category_id": self.cat_internal.id}
            )
        # the controller keeps the register
        self.published.with_user(self.controller).write({"name": "Handbook"})
        # the Auditor reads, never writes
        with self.assertRaises(AccessError):
            self.published.with_user(self.auditor).write({"name": "Audited"})
        # nobody deletes a register entry
        with self.assertRaises(AccessError):
            self.draft.with_user(self.author).unlink()
        # the category, owner and company of a published document are fixed
        with self.assertRaises(UserError):
            self.published.with_user(self.controller).write(
                {"category_id": self.cat_policy.id}
            )

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.director.write({"company_ids": [(4, other.id)]})
        with trusted("engine"):
            self.published.sudo().write({"company_id": other.id})
        # the Director sees it only with the other company allowed
        self.assertFalse(
            self.env["bizreg.document"]
            .with_user(self.director)
            .with_context(allowed_company_ids=[self.company.id])
            .search([("id", "=", self.published.id)])
        )
        self.assertTrue(
            self.env["bizreg.document"]
            .with_user(self.director)
            .with_context(allowed_company_ids=[self.company.id, other.id])
            .search([("id", "=", self.published.id)])
        )
