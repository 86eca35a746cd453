# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user


@tagged("post_install", "-at_install")
class TestClassification(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data_admin = bizreg_test_user(
            cls.env, "cls_data_admin", ["bizreg_data.group_bizreg_data_manager"]
        )
        cls.plain = bizreg_test_user(cls.env, "cls_plain", [])
        cls.reg_admin = bizreg_test_user(
            cls.env, "cls_reg_admin", ["bizreg_base.group_bizreg_admin"]
        )
        # Odoo's Settings administrator may write Odoo's metadata, not the
        # classification
        cls.sys_admin = bizreg_test_user(
            cls.env, "cls_sys_admin", ["base.group_system"]
        )
        cls.model_partner = cls.env.ref("base.model_res_partner")
        cls.field_website = cls.env.ref("base.field_res_partner__website")

    def test_shipped_classification(self):
        self.assertEqual(
            self.env.ref("base.field_res_partner__email").bizreg_classification,
            "confidential",
        )
        self.assertEqual(
            self.env.ref("hr.model_hr_employee").bizreg_classification,
            "confidential",
        )
        self.assertEqual(self.model_partner.bizreg_classification, "internal")

    def test_data_admin_classifies_models_and_fields(self):
        self.model_partner.with_user(self.data_admin).write(
            {"bizreg_classification": "confidential"}
        )
        self.field_website.with_user(self.data_admin).write(
            {"bizreg_classification": "secret"}
        )
        self.assertEqual(self.model_partner.bizreg_classification, "confidential")
        self.assertEqual(self.field_website.bizreg_classification, "secret")
        # the export check reads the new values at once
        self.assertEqual(
            self.env["ir.model"]._bizreg_classification_map()["res.partner"],
            "confidential",
        )
        self.assertEqual(
            self.env["ir.model.fields"]._bizreg_classification_map()["res.partner"][
                "website"
            ],
            "secret",
        )

    def test_others_cannot_classify(self):
        for user in (self.plain, self.reg_admin, self.sys_admin):
            with self.assertRaises(AccessError):
                self.model_partner.with_user(user).write(
                    {"bizreg_classification": "public"}
                )
            with self.assertRaises(AccessError):
                self.field_website.with_user(user).write(
                    {"bizreg_classification": "public"}
                )
        # the Data Administrator changes nothing else of the metadata
        with self.assertRaises(AccessError):
            self.field_website.with_user(self.data_admin).write(
                {"bizreg_classification": "public", "field_description": "Forged"}
            )
        self.assertEqual(self.model_partner.bizreg_classification, "internal")
        self.assertEqual(self.field_website.bizreg_classification, "internal")
        self.assertEqual(self.field_website.field_description, "Website Link")

    def test_classification_not_set_on_creation_by_others(self):
        """A field created with a classification (in its values or by a
        ``default_`` context key) by someone else than the Data
        Administrator is refused."""
        vals = {
            "name": "x_bizreg_probe",
            "field_description": "Probe",
            "model_id": self.model_partner.id,
            "ttype": "char",
        }
        Fields = self.env["ir.model.fields"].with_user(self.sys_admin)
        with self.assertRaises(AccessError):
            Fields.create(dict(vals, bizreg_classification="public"))
        with self.assertRaises(AccessError):
            Fields.with_context(default_bizreg_classification="secret").create(vals)
        self.assertFalse(
            self.env["ir.model.fields"].search([("name", "=", "x_bizreg_probe")])
        )
