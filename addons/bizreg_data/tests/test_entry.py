# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

MANAGER = "bizreg_data.group_bizreg_data_manager"
VALID_USCC = "91110108551385082Q"
INVALID_USCC = "91110108551385082X"


@tagged("post_install", "-at_install")
class TestEntry(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Rule = cls.env["bizreg.data.entry.rule"]
        cls.clerk = bizreg_test_user(
            cls.env, "entry_clerk", ["base.group_partner_manager"]
        )
        cls.data_admin = bizreg_test_user(cls.env, "entry_data_admin", [MANAGER])
        cls.china = cls.env.ref("base.cn")
        cls.uscc_rule = cls.env.ref("bizreg_data.bizreg_data_entry_rule_partner_uscc")
        cls.email_rule = cls.env.ref("bizreg_data.bizreg_data_entry_rule_partner_email")

    def _rule(self, field, kind, **vals):
        return self.Rule.with_user(self.data_admin).create(
            {
                "name": vals.pop("name", f"{field} {kind}"),
                "model_id": self.env.ref("base.model_res_partner").id,
                "field_id": self.env["ir.model.fields"]._get("res.partner", field).id,
                "kind": kind,
                **vals,
            }
        )

    def _partner(self, **vals):
        return (
            self.env["res.partner"]
            .with_user(self.clerk)
            .create({"name": "Entry Test Co", "is_company": True, **vals})
        )

    def test_shipped_rules_inactive(self):
        """The shipped rules are inactive: Odoo's own data is not refused."""
        self.assertFalse(self.uscc_rule.active)
        self.assertFalse(self.email_rule.active)
        partner = self._partner(
            email="not an email", vat="123", country_id=self.china.id
        )
        self.assertTrue(partner.exists())

    def test_required_rule_by_result(self):
        self._rule("phone", "required", domain="[('is_company', '=', True)]")
        count = self.env["res.partner"].search_count([])
        with self.assertRaises(ValidationError) as caught:
            self._partner()
        self.assertIn("Phone", str(caught.exception))
        self.assertIn("phone required", str(caught.exception))
        self.assertEqual(self.env["res.partner"].search_count([]), count)
        partner = self._partner(phone="+86 10 1234 5678")
        # a write of another field that leaves the required field empty fails
        with self.assertRaises(ValidationError):
            partner.write({"phone": False, "comment": "changed"})
        self.assertEqual(partner.phone, "+86 10 1234 5678")
        # the condition: a person is not concerned
        person = self._partner(name="Entry Person", is_company=False)
        self.assertFalse(person.phone)

    def test_required_rule_catches_other_field_write(self):
        """Data that broke a rule before the rule existed: any later user
        write must complete it."""
        partner = self._partner()
        self._rule("phone", "required", domain="[('is_company', '=', True)]")
        with self.assertRaises(ValidationError):
            partner.write({"comment": "only the notes"})

    def test_pattern_rule(self):
        self._rule("ref", "pattern", pattern=r"C-\d{4}", message="C-0000 expected")
        with self.assertRaises(ValidationError) as caught:
            self._partner(ref="X-12")
        self.assertIn("Reference", str(caught.exception))
        self.assertIn("C-0000 expected", str(caught.exception))
        self.assertTrue(self._partner(ref="C-1234"))
        # an empty value is for a required rule, not a format rule
        self.assertTrue(self._partner(name="Entry Empty Ref"))

    def test_pattern_rule_invalid_regex_refused(self):
        with self.assertRaises(ValidationError):
            self._rule("ref", "pattern", pattern="(")
        with self.assertRaises(ValidationError):
            self._rule("ref", "checksum")
        with self.assertRaises(ValidationError):
            self._rule("ref", "required", domain="[('no_such_field', '=', 1)]")

    def test_uscc_checksum(self):
        self.uscc_rule.with_user(self.data_admin).active = True
        with self.assertRaises(ValidationError) as caught:
            self._partner(vat=INVALID_USCC, country_id=self.china.id)
        self.assertIn("Tax ID", str(caught.exception))
        partner = self._partner(vat=VALID_USCC, country_id=self.china.id)
        self.assertEqual(partner.vat, VALID_USCC)
        # full-width characters and spaces are tolerated
        self.assertTrue(
            self._partner(
                name="Entry Wide",
                vat="９１３１ ００００ ＭＡ１Ｆ Ｌ００００ Ｎ",
                country_id=self.china.id,
            ).exists()
        )
        # another country: not checked
        self.assertTrue(
            self._partner(name="Entry Foreign", vat="BE0477472701").exists()
        )
        # changing the country of a partner with an invalid code is checked
        foreign = self._partner(name="Entry Foreign 2", vat=INVALID_USCC)
        with self.assertRaises(ValidationError):
            foreign.write({"country_id": self.china.id})

    def test_other_checksums(self):
        self.email_rule.with_user(self.data_admin).active = True
        with self.assertRaises(ValidationError) as caught:
            self._partner(email="someone@")
        self.assertIn("Email", str(caught.exception))
        self.assertTrue(self._partner(email="ceo@entry.example.com"))
        self._rule("phone", "checksum", checksum="phone")
        with self.assertRaises(ValidationError):
            self._partner(name="Entry Phone", phone="call me")
        self._rule("ref", "checksum", checksum="iban")
        with self.assertRaises(ValidationError):
            self._partner(name="Entry Iban", ref="DE00 0000")
        self.assertTrue(
            self._partner(name="Entry Iban ok", ref="DE89 3704 0044 0532 0130 00")
        )
        self._rule("function", "checksum", checksum="ric")
        with self.assertRaises(ValidationError):
            self._partner(name="Entry Ric", function="110101199003071234")

    def test_import_by_load(self):
        self.email_rule.with_user(self.data_admin).active = True
        result = (
            self.env["res.partner"]
            .with_user(self.clerk)
            .load(
                ["name", "email"],
                [
                    ["Entry Import Ok", "ok@entry.example.com"],
                    ["Entry Import Bad", "bad@"],
                ],
            )
        )
        self.assertTrue(result["messages"])
        self.assertIn("Email", result["messages"][0]["message"])
        self.assertFalse(
            self.env["res.partner"].search([("name", "like", "Entry Import")])
        )

    def test_inactive_rule_costs_nothing(self):
        partner = self._partner()
        self.assertEqual(self.Rule._bizreg_specs("res.partner"), ())
        with self.assertQueryCount(0):
            self.env["res.partner"].browse(partner.id)._validate_fields(["comment"])
        rule = self._rule("phone", "required")
        self.assertEqual(len(self.Rule._bizreg_specs("res.partner")), 1)
        rule.with_user(self.data_admin).active = False
        self.assertEqual(self.Rule._bizreg_specs("res.partner"), ())

    def test_company_scope(self):
        other = self.env["res.company"].create({"name": "Entry Other Co"})
        rule = self._rule("phone", "required")
        rule.company_id = other
        # a partner of the current company is not concerned
        self.assertTrue(self._partner(company_id=self.env.company.id).exists())

    def test_states(self):
        """A rule only in given states: on a model with a status field."""
        with self.assertRaises(ValidationError):
            self._rule("phone", "required", state_list="done")
        self.Rule.with_user(self.data_admin).create(
            {
                "name": "Failed mails have a recipient",
                "model_id": self.env.ref("mail.model_mail_mail").id,
                "field_id": self.env["ir.model.fields"]
                ._get("mail.mail", "email_to")
                .id,
                "kind": "required",
                "state_list": "exception, cancel",
            }
        )
        mail = self.env["mail.mail"].create({"body_html": "<p>x</p>"})
        with self.assertRaises(ValidationError) as caught:
            mail.write({"state": "exception"})
        self.assertIn("To", str(caught.exception))
        mail.write({"state": "exception", "email_to": "bounce@entry.example.com"})
        self.assertEqual(mail.state, "exception")

    def test_access(self):
        """A plain employee reads the rules but cannot change them."""
        with self.assertRaises(AccessError):
            self.Rule.with_user(self.clerk).create(
                {
                    "name": "clerk rule",
                    "model_id": self.env.ref("base.model_res_partner").id,
                    "field_id": self.env["ir.model.fields"]
                    ._get("res.partner", "phone")
                    .id,
                    "kind": "required",
                }
            )
        with self.assertRaises(AccessError):
            self.email_rule.with_user(self.clerk).write({"active": True})
        self.assertFalse(self.email_rule.active)
