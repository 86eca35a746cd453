# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.bizreg_base.tests.common import bizreg_test_user
from odoo.addons.bizreg_data.models.res_partner import normalize_name

MANAGER = "bizreg_data.group_bizreg_data_manager"
USCC = "91110108551385082Q"


@tagged("post_install", "-at_install")
class TestDuplicate(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.clerk = bizreg_test_user(
            cls.env, "dup_clerk", ["base.group_partner_manager"]
        )
        cls.data_admin = bizreg_test_user(
            cls.env, "dup_data_admin", [MANAGER, "base.group_partner_manager"]
        )
        # the demo's four-eyes rule on the VAT would hold the changes
        cls.env["bizreg.four.eyes.rule"].search([("model", "=", "res.partner")]).write(
            {"active": False}
        )
        cls.existing = cls.env["res.partner"].create(
            {
                "name": "北京星河科技有限公司",
                "is_company": True,
                "vat": USCC,
                "email": "info@xinghe.example.com",
                "phone": "+86 10 6000 1234",
            }
        )

    def test_normalize_name(self):
        self.assertEqual(
            normalize_name("北京星河科技有限公司"), normalize_name("北京星河科技 公司")
        )
        self.assertEqual(
            normalize_name("ＡＢＣ Trading Co., Ltd."), normalize_name("abc trading")
        )
        self.assertNotEqual(
            normalize_name("ABC Trading"), normalize_name("ABD Trading")
        )

    def test_hard_duplicate_refused_over_rpc(self):
        Partner = self.env["res.partner"].with_user(self.clerk)
        count = Partner.search_count([])
        for vat in (
            USCC,
            " 9111 0108 5513 8508 2q ",
            "９１１１０１０８５５１３８５０８２Ｑ",
        ):
            with self.assertRaises(ValidationError) as caught:
                Partner.create({"name": "Other Name", "is_company": True, "vat": vat})
            self.assertIn("VAT", str(caught.exception))
        self.assertEqual(Partner.search_count([]), count)
        # nor by changing the VAT of another company
        other = Partner.create({"name": "Other Co", "is_company": True})
        with self.assertRaises(ValidationError):
            other.write({"vat": USCC})
        self.assertFalse(other.vat)

    def test_refusal_names_no_partner_the_user_may_not_read(self):
        """The refusal says a partner with the VAT exists, but names only
        partners the user may read: a private one of another company's
        restricted list stays unnamed; another company's own partner is no
        duplicate of this company's."""
        company_b = self.env["res.company"].create({"name": "Dup Company B"})
        hidden = self.env["res.partner"].create(
            {
                "name": "Hidden Twin Ltd",
                "is_company": True,
                "vat": "91310000MA1FL1234X",
                "company_id": company_b.id,
            }
        )
        Partner = self.env["res.partner"].with_user(self.clerk)
        # the clerk's company: a partner of company B does not collide
        mine = Partner.create(
            {
                "name": "Mine Ltd",
                "is_company": True,
                "vat": hidden.vat,
                "company_id": self.env.company.id,
            }
        )
        self.assertEqual(mine.vat, hidden.vat)
        # a shared partner (no company) collides with both, and the message
        # names the clerk's partner but not company B's
        with self.assertRaises(ValidationError) as caught:
            Partner.create(
                {"name": "Shared Ltd", "is_company": True, "vat": hidden.vat}
            )
        message = str(caught.exception)
        self.assertIn("Mine Ltd", message)
        self.assertNotIn("Hidden Twin", message)
        self.assertIn("a partner you may not read", message)

    def test_no_context_bypass(self):
        """No context key opens the way, not even for a Data Administrator."""
        Partner = self.env["res.partner"].with_user(self.data_admin)
        for context in (
            {"bizreg_data_duplicate": True},
            {"bizreg_skip_duplicate": True},
            {"install_mode": True},
            {"import_file": True},
        ):
            with self.assertRaises(ValidationError):
                Partner.with_context(**context).create(
                    {"name": "Ctx Co", "is_company": True, "vat": USCC}
                )

    def test_contacts_of_the_company_are_no_duplicates(self):
        """The company's own contacts share its VAT: no duplicates."""
        contact = (
            self.env["res.partner"]
            .with_user(self.clerk)
            .create({"name": "Zhang Wei", "parent_id": self.existing.id, "vat": USCC})
        )
        self.assertEqual(contact.commercial_partner_id, self.existing)
        self.existing.with_user(self.clerk).write({"phone": "+86 10 6000 9999"})
        # a branch company under the company shares its VAT too
        branch = (
            self.env["res.partner"]
            .with_user(self.clerk)
            .create(
                {
                    "name": "星河科技 上海分公司",
                    "is_company": True,
                    "parent_id": self.existing.id,
                    "vat": USCC,
                }
            )
        )
        self.assertEqual(branch.vat, USCC)
        self.assertFalse(self.existing.bizreg_duplicate_ids)

    def test_hard_duplicate_after_second_review(self):
        """A VAT change held for a second review is checked when applied."""
        self.env["bizreg.four.eyes.rule"].create(
            {
                "name": "Partner VAT",
                "model_id": self.env.ref("base.model_res_partner").id,
                "field_ids": [(6, 0, [self.env.ref("base.field_res_partner__vat").id])],
            }
        )
        other = self.env["res.partner"].create({"name": "Held Co", "is_company": True})
        other.with_user(self.clerk).write({"vat": USCC})
        self.assertFalse(other.vat)
        pending = self.env["bizreg.pending.change"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", other.id)]
        )
        self.assertEqual(len(pending), 1)
        with self.assertRaises(ValidationError):
            pending.action_confirm()
        self.assertFalse(other.vat)

    def test_wizard_data_administrator_only(self):
        vals = {"name": "星河科技 上海分公司", "vat": USCC, "reason": "Branch"}
        with self.assertRaises(AccessError):
            self.env["bizreg.data.duplicate.wizard"].with_user(self.clerk).create(vals)
        wizard = (
            self.env["bizreg.data.duplicate.wizard"]
            .with_user(self.data_admin)
            .create(vals)
        )
        self.assertIn(self.existing, wizard.duplicate_ids)
        action = wizard.action_confirm()
        branch = self.env["res.partner"].browse(action["res_id"])
        self.assertEqual(branch.vat, USCC)
        self.assertIn("Branch", branch.message_ids[:1].body)
        # the wizard checks the group itself, whatever created it
        wizard = self.env["bizreg.data.duplicate.wizard"].create(vals)
        with self.assertRaises(AccessError):
            wizard.with_user(self.clerk).action_confirm()

    @mute_logger("odoo.tests.form.onchange")
    def test_soft_duplicate_warning(self):
        form = Form(self.env["res.partner"].with_user(self.clerk))
        form.company_type = "company"
        form.name = "北京星河科技 公司"
        self.assertIn(self.existing, form.bizreg_duplicate_ids)
        form.name = "Unrelated Name Ltd"
        form.email = "INFO@xinghe.example.com"
        self.assertIn(self.existing, form.bizreg_duplicate_ids)
        form.email = False
        form.phone = "+86 (10) 6000-1234"
        self.assertIn(self.existing, form.bizreg_duplicate_ids)
        partner = form.save()  # soft duplicates are only a warning
        self.assertTrue(partner.exists())
        probe = (
            self.env["res.partner"]
            .with_user(self.clerk)
            .new({"name": "北京星河科技有限公司", "is_company": True})
        )
        warning = probe._onchange_bizreg_duplicates()
        self.assertIn(self.existing.display_name, warning["warning"]["message"])
        probe = (
            self.env["res.partner"]
            .with_user(self.clerk)
            .new({"name": "Nothing Alike", "is_company": True})
        )
        self.assertFalse(probe._onchange_bizreg_duplicates())
