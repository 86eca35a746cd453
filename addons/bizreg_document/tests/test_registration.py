# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo_test_helper import FakeModelLoader

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import DocumentCommon


@tagged("post_install", "-at_install")
class TestRegistration(DocumentCommon, TransactionCase):
    """A numbered record of a registered model (bizreg_base's fake numbered
    request: no dependency on the other areas) gets its register entry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._document_setup()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from odoo.addons.bizreg_base.tests.models import BizregTestRequest

        cls.loader.update_registry((BizregTestRequest,))
        cls.Request = cls.env["bizreg.test.request"]
        cls.env["bizreg.numbering.rule"].create(
            {
                "name": "Test request",
                "code": "TRQ",
                "model_id": cls.env["ir.model"]._get("bizreg.test.request").id,
                "pattern": "{code}-{year}-{seq}",
                "padding": 4,
                "reset_period": "year",
            }
        )
        cls.cat_registered = cls.env["bizreg.document.category"].create(
            {
                "name": "Test Requests",
                "code": "TRC",
                "confidentiality": "confidential",
                "retention_years": 2,
                "res_model": "bizreg.test.request",
            }
        )

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def _entry(self, record):
        return (
            self.env["bizreg.document"]
            .sudo()
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        )

    def _request(self, name="Budget request"):
        return self.Request.sudo().create({"name": name, "user_id": self.author.id})

    def test_registered_when_numbered(self):
        request = self._request()
        self.assertTrue(request.bizreg_number)
        entry = self._entry(request)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.bizreg_number, request.bizreg_number)
        self.assertEqual(entry.name, request.display_name)
        self.assertEqual(entry.category_id, self.cat_registered)
        # numbered but not approved yet: filed as a draft
        self.assertEqual(entry.state, "draft")
        self.assertFalse(entry.date_published)
        self.assertEqual(entry.confidentiality, "confidential")
        self.assertEqual(entry.user_id, self.author)
        self.assertEqual(entry.department_id, self.dept)
        self.assertEqual(entry.company_id, request.company_id)
        # retention counts from the publication
        self.assertFalse(entry.retention_date)
        # numbering again registers nothing more
        request._bizreg_assign_number()
        self.assertEqual(len(self._entry(request)), 1)

    def test_batch_registration(self):
        requests = self.Request.sudo().create(
            [{"name": f"Request {i}", "user_id": self.author.id} for i in range(3)]
        )
        entries = (
            self.env["bizreg.document"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "bizreg.test.request"),
                    ("res_id", "in", requests.ids),
                ]
            )
        )
        self.assertEqual(len(entries), 3)
        self.assertEqual(
            set(entries.mapped("bizreg_number")), set(requests.mapped("bizreg_number"))
        )

    def test_no_category_no_registration(self):
        self.cat_registered.active = False
        request = self._request()
        self.assertTrue(request.bizreg_number)
        self.assertFalse(self._entry(request))

    def test_register_existing_on_install(self):
        self.cat_registered.active = False
        live = self._request("Before the register")
        cancelled = self._request("Cancelled before the register")
        cancelled.action_cancel()
        self.assertFalse(self._entry(live) | self._entry(cancelled))
        self.cat_registered.active = True
        Mixin = self.env["bizreg.numbering.mixin"]
        self.assertGreaterEqual(Mixin._bizreg_register_existing(), 2)
        self.assertEqual(self._entry(live).state, "draft")
        self.assertEqual(self._entry(cancelled).state, "archived")
        # run again: nothing more
        self.assertEqual(Mixin._bizreg_register_existing(), 0)
        self.assertEqual(len(self._entry(live)), 1)

    def _approve(self, request):
        """The request's approval chain: one step, the manager reviews."""
        model = self.env["ir.model"]._get("bizreg.test.request")
        if not self.env["ir.model.access"].search([("model_id", "=", model.id)]):
            self.env["ir.model.access"].create(
                {
                    "name": "test request: employees",
                    "model_id": model.id,
                    "group_id": self.env.ref("base.group_user").id,
                    "perm_read": True,
                    "perm_write": True,
                    "perm_create": True,
                }
            )
        self.env["tier.definition"].create(
            {
                "name": "Test request: manager",
                "model_id": self.env["ir.model"]._get("bizreg.test.request").id,
                "review_type": "individual",
                "reviewer_id": self.manager.id,
                "definition_domain": "[]",
            }
        )
        request.with_user(self.author).request_validation()
        request.with_user(self.manager).validate_tier()

    def test_published_on_approval(self):
        """The entry of an approved record is published by the last step of
        its approval, not by its numbering (minutes at their submission)."""
        request = self._request()
        entry = self._entry(request)
        self.assertEqual(entry.state, "draft")
        self._approve(request)
        self.assertEqual(request.validation_status, "validated")
        self.assertTrue(request.bizreg_approved_digest)
        self.assertEqual(entry.state, "published")
        self.assertTrue(entry.date_published)
        self.assertTrue(entry.retention_date)
        # terms changed before the guarded action: the approval is void and
        # the entry goes back to draft until the new round approves it
        self.env.cr.execute(
            "UPDATE bizreg_test_request SET amount = 99 WHERE id = %s", [request.id]
        )
        request.invalidate_recordset()
        request.with_user(self.author).action_bizreg_request_again()
        self.assertFalse(request.bizreg_approved_digest)
        self.assertEqual(entry.state, "draft")
        self.assertFalse(entry.date_published)
        # numbered records registered after their approval are published
        self.cat_registered.active = False
        approved = self._request("Approved before the register")
        self._approve(approved)
        self.cat_registered.active = True
        approved._bizreg_register_documents()
        self.assertEqual(self._entry(approved).state, "published")

    def test_register_documents_never_registered_twice(self):
        self.cat_internal.sudo().write({"res_model": "bizreg.document"})
        before = self.env["bizreg.document"].sudo().search_count([])
        self.env["bizreg.document"].sudo()._bizreg_register_documents()
        request = self._request()
        self.assertEqual(
            self.env["bizreg.document"].sudo().search_count([]), before + 1
        )
        self.assertTrue(self._entry(request))

    def test_void_archives_entry(self):
        request = self._request()
        entry = self._entry(request)
        self.assertEqual(entry.state, "draft")
        request.action_cancel()
        self.assertEqual(entry.state, "archived")
        self.assertIn(request.bizreg_number, entry.message_ids[:1].body)
        # still in the register, under its number
        self.assertEqual(entry.bizreg_number, request.bizreg_number)

    def test_entry_read_by_document_rules(self):
        request = self._request()
        entry = self._entry(request)
        # a draft entry (not approved yet) is not read by colleagues
        self.assertFalse(
            self.env["bizreg.document"]
            .with_user(self.colleague)
            .search([("id", "=", entry.id)])
        )
        self._approve(request)
        Document = self.env["bizreg.document"]
        # confidential, owned by the author's department
        self.assertEqual(
            Document.with_user(self.colleague).search([("id", "=", entry.id)]), entry
        )
        self.assertFalse(
            Document.with_user(self.stranger).search([("id", "=", entry.id)])
        )
        self.assertEqual(
            Document.with_user(self.auditor).search([("id", "=", entry.id)]), entry
        )

    def test_category_given_a_model_registers_its_numbered_records(self):
        """An administrator points a new category at a model: what that model
        numbered so far joins the register at once."""
        self.cat_registered.active = False
        request = self._request("Numbered before the category")
        self.assertFalse(self._entry(request))
        category = self.env["bizreg.document.category"].create(
            {"name": "Test Requests 2", "code": "TR2", "confidentiality": "internal"}
        )
        self.assertTrue(category.numbering_rule_id)
        category.res_model = "bizreg.test.request"
        entry = self._entry(request)
        self.assertEqual(entry.category_id, category)
        self.assertEqual(entry.bizreg_number, request.bizreg_number)

    def test_open_source_document(self):
        request = self._request()
        entry = self._entry(request)
        action = entry.action_open_source()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("bizreg.test.request", request.id)
        )
        # the author reads the entry of his department, but the source's own
        # access rules decide on the source (none for him on the test model)
        self.assertEqual(entry.with_user(self.author).name, entry.name)
        with self.assertRaises(AccessError):
            entry.with_user(self.author).action_open_source()
        # a controlled document has no source
        draft = (
            self.env["bizreg.document"]
            .with_user(self.author)
            .create({"name": "Written here", "category_id": self.cat_internal.id})
        )
        with self.assertRaisesRegex(UserError, "no source record"):
            draft.action_open_source()
