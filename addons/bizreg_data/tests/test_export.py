# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user


@tagged("post_install", "-at_install")
class TestExport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["bizreg.data.export.log"]
        cls.plain = bizreg_test_user(cls.env, "exp_plain", ["base.group_allow_export"])
        cls.exporter = bizreg_test_user(
            cls.env,
            "exp_exporter",
            ["base.group_allow_export", "bizreg_data.group_bizreg_data_export"],
        )
        cls.data_admin = bizreg_test_user(
            cls.env,
            "exp_data_admin",
            ["base.group_allow_export", "bizreg_data.group_bizreg_data_manager"],
        )
        cls.auditor = bizreg_test_user(
            cls.env, "exp_auditor", ["bizreg_base.group_bizreg_auditor"]
        )
        cls.partners = cls.env["res.partner"].create(
            [
                {"name": f"Export Test {i}", "email": f"export{i}@example.com"}
                for i in range(3)
            ]
        )

    def _logs(self, user):
        return self.Log.search([("user_id", "=", user.id)])

    def test_confidential_field_refused_for_plain_user(self):
        partners = self.partners.with_user(self.plain)
        try:
            partners.export_data(["name", "email"])
        except AccessError as error:
            message = str(error)
        else:
            self.fail("the export of a confidential field must be refused")
        self.assertIn("Email", message)
        self.assertIn("Data: Export confidential data", message)
        log = self._logs(self.plain)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.result, "refused")
        self.assertEqual(log.classification, "confidential")
        self.assertEqual(log.record_count, 3)
        # the same refusal in Chinese names the field in Chinese
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaises(AccessError):
            partners.with_context(lang="zh_CN").export_data(["name", "email"])

    def test_confidential_field_through_a_relation(self):
        users = self.env["res.users"].browse(self.exporter.id).with_user(self.plain)
        with self.assertRaises(AccessError):
            users.export_data(["name", "partner_id/email"])
        with self.assertRaises(AccessError):
            users.export_data(["login"])

    def test_derived_field_as_sensitive_as_its_source(self):
        """A field computed from, related to or inherited from a confidential
        field is confidential too: a user's e-mail is his partner's, a
        partner's formatted and normalised e-mail are his e-mail."""
        users = self.env["res.users"].browse(self.exporter.id).with_user(self.plain)
        partners = self.partners.with_user(self.plain)
        refused = 0
        # (not assertRaises: its savepoint would roll the refusal's log back)
        for records, path in (
            (users, "email"),
            (users, "phone"),
            (partners, "email_formatted"),
            (partners, "email_normalized"),
        ):
            try:
                records.export_data(["name", path])
            except AccessError:
                refused += 1
        self.assertEqual(refused, 4)
        logs = self._logs(self.plain)
        self.assertEqual(len(logs), 4)
        self.assertEqual(set(logs.mapped("result")), {"refused"})
        # the name stays internal
        self.assertTrue(partners.export_data(["name"])["datas"])

    def test_refusal_by_odoo_logged(self):
        """An export Odoo refuses (no export feature) is logged too."""
        user = bizreg_test_user(self.env, "exp_no_feature", [])
        error = None
        try:
            self.partners.with_user(user).export_data(["name"])
        except UserError as refusal:
            error = refusal
        self.assertTrue(error, "Odoo refuses the export to a user without its feature")
        log = self._logs(user)
        self.assertEqual(log.result, "refused")
        self.assertEqual(log.record_count, 3)

    def test_internal_export_allowed_and_logged(self):
        result = self.partners.with_user(self.plain).export_data(["name", "city"])
        self.assertEqual(len(result["datas"]), 3)
        log = self._logs(self.plain)
        self.assertEqual(log.result, "allowed")
        self.assertEqual(log.classification, "internal")
        self.assertEqual(log.model, "res.partner")
        self.assertEqual(log.model_id, self.env.ref("base.model_res_partner"))
        self.assertEqual(log.field_names, "name\ncity")
        self.assertFalse(log.mass_export)

    def test_authorised_user_exports_confidential(self):
        for user in (self.exporter, self.data_admin):
            result = self.partners.with_user(user).export_data(["name", "email"])
            self.assertEqual(result["datas"][0][1], "export0@example.com")
            log = self._logs(user)
            self.assertEqual(log.result, "allowed")
            self.assertEqual(log.classification, "confidential")
            self.assertIn("Email", log.sensitive_fields)

    def test_log_is_immutable(self):
        self.partners.with_user(self.exporter).export_data(["name"])
        log = self._logs(self.exporter)
        for user in (self.data_admin, self.auditor, self.exporter):
            with self.assertRaises(AccessError):
                log.with_user(user).write({"record_count": 0})
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
            # not even as superuser from a user's code
            with self.assertRaises(AccessError):
                log.with_user(user).sudo().write({"result": "refused"})
            with self.assertRaises(AccessError):
                log.with_user(user).sudo().unlink()
            with self.assertRaises(AccessError):
                self.Log.with_user(user).create(
                    {
                        "user_id": user.id,
                        "company_id": self.env.company.id,
                        "model": "res.partner",
                        "result": "allowed",
                    }
                )
        self.assertEqual(log.record_count, 3)
        self.assertEqual(log.result, "allowed")
        # the Auditor and the Data Administrator read it, a plain user does not
        self.assertTrue(log.with_user(self.auditor).read(["model"]))
        self.assertTrue(log.with_user(self.data_admin).read(["model"]))
        with self.assertRaises(AccessError):
            log.with_user(self.plain).read(["model"])

    def test_mass_export_flagged_to_auditor(self):
        self.env["ir.config_parameter"].set_param(
            "bizreg_data.export_mass_threshold", "2"
        )
        self.partners.with_user(self.exporter).export_data(["name"])
        log = self._logs(self.exporter)
        self.assertTrue(log.mass_export)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", log._name), ("res_id", "=", log.id)]
        )
        self.assertIn(self.auditor, activities.user_id)
        # under the threshold: not flagged
        self.partners[:2].with_user(self.plain).export_data(["name"])
        self.assertFalse(self._logs(self.plain).mass_export)

    def test_mass_read_flagged_to_auditor(self):
        """A read of more confidential records in one call than the threshold
        (search_read, web_search_read or read over RPC) is logged and told to
        the Auditor; it is not refused.  Internal data and the superuser are
        not logged."""
        self.env["ir.config_parameter"].set_param(
            "bizreg_data.read_mass_threshold", "2"
        )
        Partner = self.env["res.partner"].with_user(self.plain)
        domain = [("id", "in", self.partners.ids)]
        rows = Partner.search_read(domain, ["name", "email"])
        self.assertEqual(len(rows), 3)
        log = self._logs(self.plain)
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.operation, log.result, log.mass_export, log.record_count),
            ("read", "allowed", True, 3),
        )
        self.assertEqual(log.classification, "confidential")
        self.assertIn("Email", log.sensitive_fields)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", log._name), ("res_id", "=", log.id)]
        )
        self.assertIn(self.auditor, activities.user_id)
        # the web client's list read, and a plain read, are reads too
        Partner.web_search_read(domain, {"name": {}, "phone": {}})
        Partner.browse(self.partners.ids).read(["vat"])
        self.assertEqual(len(self._logs(self.plain)), 3)
        # not confidential (the name only), under the threshold, superuser:
        # no line
        Partner.search_read(domain, ["name"])
        Partner.browse(self.partners[:2].ids).read(["email"])
        self.partners.sudo().read(["email"])
        self.assertEqual(len(self._logs(self.plain)), 3)
        self.assertFalse(
            self.Log.search(
                [("user_id", "=", self.env.uid), ("operation", "=", "read")]
            )
        )
