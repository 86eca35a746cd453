# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Categories (numbering rule, directory, format requirements), documents
(confidentiality floor, owner department, number at the first submission)
and version uploads, as the department's people."""

import base64
import hashlib

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .common import PDF, PDF_B64, DocumentCommon


@tagged("post_install", "-at_install")
class TestDocument(DocumentCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._document_setup()
        cls.dept.bizreg_code = "TD"

    def _doc(self, category=None, user=None, **vals):
        user = user or self.author
        return (
            self.env["bizreg.document"]
            .with_user(user)
            .create(
                {
                    "name": "Expense procedure",
                    "category_id": (category or self.cat_internal).id,
                    **vals,
                }
            )
        )

    def test_category_rule_and_directory(self):
        cat = self.cat_internal
        self.assertTrue(cat.numbering_rule_id)
        self.assertEqual(cat.numbering_rule_id.category_key, f"category_{cat.id}")
        self.assertEqual(cat.numbering_rule_id.code, "TPR")
        self.assertEqual(cat.numbering_rule_id.pattern, "{code}-{dept}-{year}-{seq}")
        self.assertTrue(cat.directory_id)
        self.assertEqual(
            cat.directory_id.parent_id,
            self.env.ref("bizreg_document.dms_directory_controlled_documents"),
        )
        # the code follows into the rule
        cat.code = "TPX"
        self.assertEqual(cat.numbering_rule_id.code, "TPX")
        # registered categories keep the source's numbers: no own rule
        registered = self.env.ref("bizreg_document.category_sales_contract")
        self.assertFalse(registered.numbering_rule_id)
        self.assertEqual(registered.confidentiality, "confidential")
        with self.assertRaises(UserError):
            self._doc(category=registered)
        # no dms access group opens the storage: the author reads no file
        self.assertFalse(
            self.env["dms.directory"]
            .with_user(self.author)
            .search([("id", "=", cat.directory_id.id)])
        )

    def test_number_per_category_at_first_submit(self):
        doc = self._doc()
        version = doc.with_user(self.author).add_version(PDF_B64, "p.pdf", "v1")
        self.assertFalse(doc.bizreg_number)
        version.with_user(self.author).action_submit()
        year = fields.Date.today().year
        self.assertEqual(doc.bizreg_number, f"TPR-TD-{year}-0001")
        doc2 = self._doc(category=self.cat_confidential)
        doc2.with_user(self.author).add_version(PDF_B64, "c.pdf").with_user(
            self.author
        ).action_submit()
        self.assertEqual(doc2.bizreg_number, f"TCP-TD-{year}-0001")
        doc3 = self._doc()
        doc3.with_user(self.author).add_version(PDF_B64, "p.pdf").with_user(
            self.author
        ).action_submit()
        self.assertEqual(doc3.bizreg_number, f"TPR-TD-{year}-0002")
        # the number is the engine's
        with self.assertRaises(AccessError):
            doc3.with_user(self.author).write({"bizreg_number": "X-1"})

    def test_confidentiality_floor_and_department(self):
        doc = self._doc(category=self.cat_confidential)
        self.assertEqual(doc.confidentiality, "confidential")
        with self.assertRaises(ValidationError):
            doc.with_user(self.author).write({"confidentiality": "internal"})
        internal = self._doc()
        self.assertEqual(internal.confidentiality, "internal")
        internal.with_user(self.author).write({"confidentiality": "confidential"})
        self.assertEqual(internal.confidentiality, "confidential")
        with self.assertRaises(ValidationError):
            self._doc(confidentiality="public")
        # owner department: the category's, else the author's
        self.assertEqual(doc.department_id, self.dept)
        policy = self._doc(category=self.cat_policy, user=self.stranger)
        self.assertEqual(policy.department_id, self.other_dept)

    def test_confidentiality_lowered_only_by_the_controller(self):
        """A published document raised above its category is not opened to
        everyone by its author: lowering it again is the controller's."""
        doc = self._new_published(self.cat_internal, "Raised then published")
        doc.with_user(self.author).write({"confidentiality": "confidential"})
        with self.assertRaisesRegex(UserError, "Confidentiality"):
            doc.with_user(self.author).write({"confidentiality": "internal"})
        self.assertEqual(doc.confidentiality, "confidential")
        doc.with_user(self.controller).write({"confidentiality": "internal"})
        self.assertEqual(doc.confidentiality, "internal")

    def test_upload_new_versions(self):
        doc = self._doc()
        v1 = doc.with_user(self.author).add_version(PDF_B64, "a.pdf", "first")
        self.assertEqual(v1.version, 1)
        self.assertEqual(v1.checksum, hashlib.sha256(PDF).hexdigest())
        self.assertEqual(v1.file_size, len(PDF))
        self.assertEqual(v1.dms_file_id.directory_id, self.cat_internal.directory_id)
        self.assertEqual(v1.state, "draft")
        other = PDF + b"%changed\n"
        v2 = doc.with_user(self.author).add_version(
            base64.b64encode(other), "a.pdf", "second"
        )
        self.assertEqual(v2.version, 2)
        self.assertNotEqual(v2.checksum, v1.checksum)
        self.assertNotEqual(v2.dms_file_id, v1.dms_file_id)
        # the earlier draft stays listed, cancelled
        self.assertEqual(v1.state, "cancel")
        self.assertEqual(doc.version_ids, v1 | v2)
        # the wizard is a thin front
        wizard = (
            self.env["bizreg.document.upload"]
            .with_user(self.author)
            .create({"document_id": doc.id, "file": PDF_B64, "filename": "b.pdf"})
        )
        action = wizard.action_upload()
        v3 = self.env["bizreg.document.version"].browse(action["res_id"])
        self.assertEqual(v3.version, 3)
        # no version is created by hand, nor moved to another document
        with self.assertRaises(UserError):
            self.env["bizreg.document.version"].with_user(self.author).create(
                {"document_id": doc.id}
            )
        with self.assertRaises(UserError):
            v3.with_user(self.author).write({"document_id": self._doc().id})

    def test_upload_bad_input(self):
        doc = self._doc()
        self.cat_internal.allowed_extensions = "pdf, docx"
        with self.assertRaises(ValidationError) as err:
            doc.with_user(self.author).add_version(PDF_B64, "virus.exe")
        self.assertIn("File", str(err.exception))
        with self.assertRaises(ValidationError):
            doc.with_user(self.author).add_version(b"not base64 !!", "a.pdf")
        with self.assertRaises(ValidationError):
            doc.with_user(self.author).add_version(b"", "a.pdf")
        with self.assertRaises(ValidationError):
            doc.with_user(self.author).add_version(PDF_B64, "")
        with self.assertRaises(ValidationError):
            doc.with_user(self.author).add_version(12, "a.pdf")
        with self.assertRaises(ValidationError):
            self.cat_internal.allowed_extensions = "pdf;docx"
        with self.assertRaises(ValidationError):
            self.cat_internal.retention_years = -1
        self.assertFalse(doc.version_ids)
        # another author may not upload on my document
        with self.assertRaises(AccessError):
            doc.with_user(self.stranger).add_version(PDF_B64, "a.pdf")
        # nor a colleague without the author group
        with self.assertRaises(AccessError):
            doc.with_user(self.colleague).add_version(PDF_B64, "a.pdf")

    def test_engine_fields_guarded(self):
        doc = self._new_published(self.cat_internal, "Guarded")
        version = doc.current_version_id
        tried = assert_engine_fields_guarded(self, doc, self.controller)
        for name in ("state", "date_published", "bizreg_number"):
            self.assertIn(name, tried)
        tried = assert_engine_fields_guarded(self, version, self.controller)
        for name in ("version", "checksum", "dms_file_id", "state", "reviewer_user_id"):
            self.assertIn(name, tried)
        tried = assert_engine_fields_guarded(self, self.cat_internal, self.controller)
        self.assertIn("numbering_rule_id", tried)
        self.assertIn("directory_id", tried)
        # default_<field> keys of engine fields are ignored
        draft = (
            self.env["bizreg.document"]
            .with_user(self.author)
            .with_context(default_state="published")
            .create({"name": "Sneaky", "category_id": self.cat_internal.id})
        )
        self.assertEqual(draft.state, "draft")
