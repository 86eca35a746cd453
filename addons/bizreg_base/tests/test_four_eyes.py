# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFourEyes(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.clerk = new_test_user(
            cls.env,
            login="t_clerk",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.finance1 = new_test_user(
            cls.env,
            login="t_fin1",
            groups="base.group_user,base.group_partner_manager,bizreg_base.group_bizreg_finance",
        )
        cls.finance2 = new_test_user(
            cls.env,
            login="t_fin2",
            groups="base.group_user,bizreg_base.group_bizreg_finance",
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "ACME Trading", "vat": "OLD-123", "ref": "C001"}
        )
        cls.rule = cls.env["bizreg.four.eyes.rule"].create(
            {
                "name": "Partner identity",
                "model_id": cls.env["ir.model"]._get("res.partner").id,
                "field_ids": [
                    Command.set(
                        [
                            cls.env["ir.model.fields"]._get("res.partner", "vat").id,
                            cls.env["ir.model.fields"]._get("res.partner", "ref").id,
                        ]
                    )
                ],
                "confirm_group_id": cls.env.ref("bizreg_base.group_bizreg_finance").id,
            }
        )
        cls.Change = cls.env["bizreg.pending.change"]

    def _pending(self):
        return self.Change.search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.partner.id),
                ("state", "=", "pending"),
            ]
        )

    def test_change_pending_until_confirmed(self):
        self.partner.with_user(self.clerk).write({"vat": "NEW-456", "phone": "12345"})
        # The unguarded field is written, the guarded one waits.
        self.assertEqual(self.partner.phone, "12345")
        self.assertEqual(self.partner.vat, "OLD-123")
        change = self._pending()
        self.assertEqual(len(change), 1)
        self.assertEqual(change.old_value, "OLD-123")
        self.assertEqual(change.new_value, "NEW-456")
        self.assertEqual(change.requested_by, self.clerk)
        action = change.action_open_record()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.partner", self.partner.id)
        )
        change.with_user(self.finance2).action_confirm()
        self.assertEqual(self.partner.vat, "NEW-456")
        self.assertEqual(change.state, "applied")
        self.assertEqual(change.confirmed_by, self.finance2)
        self.assertTrue(change.confirm_date and change.request_date)

    def test_self_confirmation_refused(self):
        self.partner.with_user(self.finance1).write({"ref": "C002"})
        change = self._pending()
        with self.assertRaises(UserError):
            change.with_user(self.finance1).action_confirm()
        self.assertEqual(self.partner.ref, "C001")
        self.assertEqual(change.state, "pending")

    def test_unauthorised_confirmer_refused(self):
        self.partner.with_user(self.finance1).write({"ref": "C003"})
        change = self._pending()
        with self.assertRaises(AccessError):
            change.with_user(self.clerk).action_confirm()
        # A requester cannot touch the change record itself either.
        with self.assertRaises(AccessError):
            change.with_user(self.clerk).write({"state": "applied"})
        self.assertEqual(self.partner.ref, "C001")

    def test_refuse_and_supersede(self):
        self.partner.with_user(self.clerk).write({"vat": "A-1"})
        first = self._pending()
        self.partner.with_user(self.clerk).write({"vat": "A-2"})
        second = self._pending()
        self.assertEqual(first.state, "superseded")
        self.assertEqual(second.new_value, "A-2")
        second.with_user(self.finance1).action_refuse("Not documented")
        self.assertEqual(second.state, "refused")
        self.assertEqual(self.partner.vat, "OLD-123")

    def test_no_change_no_pending(self):
        self.partner.with_user(self.clerk).write({"vat": "OLD-123"})
        self.assertFalse(self._pending())

    def test_rule_on_unsupported_field_refused(self):
        with self.assertRaises(ValidationError):
            self.env["bizreg.four.eyes.rule"].create(
                {
                    "name": "bad",
                    "model_id": self.env["ir.model"]._get("res.partner").id,
                    "field_ids": [
                        Command.set(
                            [
                                self.env["ir.model.fields"]
                                ._get("res.partner", "category_id")
                                .id
                            ]
                        )
                    ],
                    "confirm_group_id": self.env.ref(
                        "bizreg_base.group_bizreg_finance"
                    ).id,
                }
            )

    def test_non_admin_confirmer_applies(self):
        self.partner.with_user(self.clerk).write({"vat": "NEW-789"})
        self._pending().with_user(self.finance2).action_confirm()
        self.assertEqual(self.partner.vat, "NEW-789")

    def test_sudo_route_of_a_user_is_held(self):
        # a portal-like route: the user's request run with superuser rights
        self.partner.with_user(self.clerk).sudo().write({"vat": "ROUTE-1"})
        self.assertEqual(self.partner.vat, "OLD-123")
        self.assertEqual(self._pending().new_value, "ROUTE-1")
        # the system itself (install, crons) is not held
        self.partner.sudo().write({"vat": "SYSTEM-1"})
        self.assertEqual(self.partner.vat, "SYSTEM-1")

    def test_rule_of_another_company_does_not_drop_the_change(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        # only this test's rule (the demo may guard partners too)
        self.env["bizreg.four.eyes.rule"].search(
            [("id", "!=", self.rule.id)]
        ).active = False
        self.rule.company_id = other
        mine = self.env["res.partner"].create(
            {"name": "Mine", "vat": "A", "company_id": self.env.company.id}
        )
        mine.with_user(self.clerk).write({"vat": "B"})
        # no rule of this company: written at once, not dropped
        self.assertEqual(mine.vat, "B")

    def test_change_through_a_compute_chain_is_held(self):
        parent = self.env["res.partner"].create(
            {"name": "Parent Co", "vat": "PARENT-1", "is_company": True}
        )
        child = self.env["res.partner"].create(
            {"name": "Contact", "parent_id": False, "vat": "OLD-CHILD"}
        )
        # vat follows the commercial partner when the parent changes
        child.with_user(self.clerk).write({"parent_id": parent.id})
        self.assertEqual(child.parent_id, parent)
        pending = self.Change.search(
            [("res_model", "=", "res.partner"), ("res_id", "=", child.id)]
        )
        self.assertEqual(child.vat, "OLD-CHILD")
        self.assertEqual(pending.new_value, "PARENT-1")
