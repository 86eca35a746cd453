# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
from datetime import timedelta

from odoo import fields

from odoo.addons.bizreg_base.tools import trusted

from .common import PDF, DocumentCommon

# a text file: a confidential one is not lent electronically
TEXT = b"Plain text content of a controlled document.\n"


class BorrowingCommon(DocumentCommon):
    """``DocumentCommon`` with published documents to borrow:
    ``cls.doc_internal`` (internal PDF), ``cls.doc_confidential``
    (confidential PDF, owned by ``cls.dept``) and ``cls.doc_text``
    (confidential plain-text file)."""

    @classmethod
    def _borrowing_setup(cls):
        cls._document_setup()
        cls.Borrowing = cls.env["bizreg.document.borrowing"]
        cls.Log = cls.env["bizreg.document.access.log"]
        cls.doc_internal = cls._published(cls.cat_internal, "Test Procedure", PDF)
        cls.doc_confidential = cls._published(
            cls.cat_confidential, "Test Marketing Plan", PDF
        )
        cls.doc_text = cls._published(
            cls.cat_confidential, "Test Price List", TEXT, "prices.txt"
        )

    @classmethod
    def _published(cls, category, title, content=PDF, filename=None):
        """A published document with one published version holding
        ``content``, published directly (the review of versions is tested
        by the document's own tests)."""
        Document = cls.env["bizreg.document"].sudo()
        document = Document.create(
            {
                "name": title,
                "category_id": category.id,
                "confidentiality": category.confidentiality,
                "user_id": cls.author.id,
            }
        )
        version = document.add_version(
            base64.b64encode(content), filename or f"{title}.pdf"
        )
        # published as the review would (low-level: the review is not tested here)
        now = fields.Datetime.now()
        version._write({"state": "published", "date_published": now})
        document._write(
            {
                "state": "published",
                "current_version_id": version.id,
                "date_published": now,
            }
        )
        document.invalidate_recordset()
        version.invalidate_recordset()
        if not document.bizreg_number:
            document._bizreg_assign_number()
        return document

    @classmethod
    def _due(cls, days=7):
        return fields.Datetime.now() + timedelta(days=days)

    def _borrow(self, user, document, medium="electronic", days=7, submit=True):
        borrowing = self.Borrowing.with_user(user).create(
            {
                "document_id": document.id,
                "medium": medium,
                "purpose": "Prepare the quarterly review",
                "date_due": self._due(days),
            }
        )
        if submit:
            borrowing.action_submit()
        return borrowing

    def _approve(self, borrowing, approver):
        borrowing.with_user(approver).validate_tier()
        borrowing.invalidate_recordset()
        return borrowing

    def _past_due(self, borrowing, hours=1):
        """Move the return date into the past (as if time had passed)."""
        # as the engine: the approved terms are not under test here
        with trusted("review"):
            borrowing.sudo().write(
                {"date_due": fields.Datetime.now() - timedelta(hours=hours)}
            )
        return borrowing
