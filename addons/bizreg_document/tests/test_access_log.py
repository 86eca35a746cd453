# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import HttpCase, TransactionCase
from odoo.tools import pdf

from .borrowing_common import BorrowingCommon


@tagged("post_install", "-at_install")
class TestAccessLog(BorrowingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._borrowing_setup()

    def _logs(self, document):
        return self.Log.sudo().search([("document_id", "=", document.id)])

    def test_confidential_access_logged_and_watermarked(self):
        borrowing = self._borrow(self.stranger, self.doc_confidential, "electronic")
        self._approve(borrowing, self.manager)
        version = self.doc_confidential.current_version_id
        self.assertFalse(self._logs(self.doc_confidential))
        content, _name, _mimetype = self.Log.with_user(self.stranger)._serve(
            version.id, "download"
        )
        reader = pdf.PdfFileReader(io.BytesIO(content), strict=False)
        self.assertEqual(len(reader.pages), 1)
        text = reader.pages[0].extract_text()
        self.assertIn(self.stranger.name, text)
        self.Log.with_user(self.stranger)._serve(version.id, "preview")
        logs = self._logs(self.doc_confidential)
        self.assertEqual(
            sorted(logs.mapped("action")), ["download", "view"], "one row per access"
        )
        self.assertEqual(logs.user_id, self.stranger)
        self.assertEqual(logs.version_id, version)
        # an internal document is served without log or watermark
        internal = self.doc_internal.current_version_id
        content, _name, _mimetype = self.Log.with_user(self.colleague)._serve(
            internal.id, "download"
        )
        self.assertNotIn(
            self.colleague.name,
            pdf.PdfFileReader(io.BytesIO(content), strict=False)
            .pages[0]
            .extract_text(),
        )
        self.assertFalse(self._logs(self.doc_internal))

    def test_log_readers(self):
        version = self.doc_confidential.current_version_id
        self.Log.with_user(self.colleague)._serve(version.id, "preview")
        row = self._logs(self.doc_confidential)
        self.assertEqual(len(row), 1)
        for user in (self.colleague, self.manager, self.controller, self.auditor):
            self.assertEqual(
                self.Log.with_user(user).search([("id", "=", row.id)]), row, user.login
            )
        for user in (self.stranger, self.author, self.other_manager):
            self.assertFalse(
                self.Log.with_user(user).search([("id", "=", row.id)]), user.login
            )

    def test_log_immutable(self):
        version = self.doc_confidential.current_version_id
        self.Log.with_user(self.manager)._serve(version.id, "download")
        row = self._logs(self.doc_confidential)
        self.assertEqual(row.user_id, self.manager)
        admin = self.env.ref("base.user_admin")
        for user in (self.manager, self.controller, self.auditor, admin):
            with self.assertRaises(AccessError, msg=user.login):
                row.with_user(user).write({"action": "view"})
            with self.assertRaises(AccessError, msg=user.login):
                row.with_user(user).unlink()
        # not even as superuser, nor through create/copy from the outside
        with self.assertRaises(AccessError):
            row.sudo().write({"user_id": self.stranger.id})
        with self.assertRaises(AccessError):
            row.sudo().unlink()
        vals = {
            "document_id": self.doc_confidential.id,
            "user_id": self.stranger.id,
            "action": "view",
        }
        for user in (self.manager, self.controller, admin):
            with self.assertRaises(AccessError, msg=user.login):
                self.Log.with_user(user).create(vals)
        # a JSON-RPC caller controls the context: no key opens the scope
        with self.assertRaises(AccessError):
            self.Log.with_user(admin).with_context(
                access_log=True, bizreg_trusted="access_log"
            ).create(vals)
        with self.assertRaises(AccessError):
            row.with_user(admin).copy()
        self.assertEqual(self._logs(self.doc_confidential), row)
        self.assertEqual(row.action, "download")

    def test_non_pdf_confidential_refused_to_borrowers(self):
        version = self.doc_text.current_version_id
        # not lent electronically at all
        borrowing = self._borrow(
            self.stranger, self.doc_text, "electronic", submit=False
        )
        with self.assertRaisesRegex(UserError, "PDF"):
            borrowing.action_submit()
        # a reader outside the owning department with a running grant (as if
        # granted before a text version replaced the PDF) gets no copy
        borrowing.sudo()._write({"state": "lent"})
        borrowing.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "PDF"):
            self.Log.with_user(self.stranger)._serve(version.id, "download")
        # the owner side still downloads it (logged)
        content, _name, mimetype = self.Log.with_user(self.colleague)._serve(
            version.id, "download"
        )
        self.assertIn(b"Plain text", content)
        self.assertEqual(len(self._logs(self.doc_text)), 1)

    def test_unpublished_version_refused(self):
        document = self.doc_internal.sudo()
        draft = document.add_version(
            self.doc_internal.current_version_id.dms_file_id.content, "v2.pdf"
        )
        with self.assertRaises(AccessError):
            self.Log.with_user(self.colleague)._serve(draft.id, "download")
        with self.assertRaises(AccessError):
            self.Log.with_user(self.stranger)._serve(draft.id, "preview")
        # the controller and the owning department's manager may open it
        for user in (self.controller, self.manager):
            content, _name, _mimetype = self.Log.with_user(user)._serve(
                draft.id, "preview"
            )
            self.assertTrue(content.startswith(b"%PDF"))
        with self.assertRaises(UserError):
            self.Log.with_user(self.controller)._serve(draft.id, "print")


@tagged("post_install", "-at_install")
class TestDocumentRoute(BorrowingCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._borrowing_setup()

    def test_route(self):
        """The route serves a lent electronic copy watermarked, answers 403
        otherwise, and a lapsed grant is expired by the request itself."""
        version = self.doc_confidential.current_version_id
        url = f"/bizreg_document/version/{version.id}/download"
        self.authenticate(self.stranger.login, self.stranger.login)
        self.assertEqual(self.url_open(url).status_code, 403)
        borrowing = self._borrow(self.stranger, self.doc_confidential, "electronic")
        self._approve(borrowing, self.manager)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        reader = pdf.PdfFileReader(io.BytesIO(response.content), strict=False)
        self.assertIn(self.stranger.name, reader.pages[0].extract_text())
        preview = self.url_open(url.replace("download", "preview"))
        self.assertIn("inline", preview.headers["Content-Disposition"])
        self.assertEqual(
            self.url_open(url.replace("download", "print")).status_code, 404
        )
        self._past_due(borrowing, hours=0.01)
        self.env.flush_all()
        self.assertEqual(self.url_open(url).status_code, 403)
        borrowing.invalidate_recordset()
        self.assertEqual(borrowing.state, "expired")
