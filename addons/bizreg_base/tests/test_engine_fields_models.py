# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The engine-owned field guard on bizreg_base's own models, each with a user
who may otherwise write the record: the delegating user on his delegation,
the Regulation Administrator on numbering and four-eyes configuration and on
the registers the engine keeps (voided numbers, pending changes), which he
may write but whose every field is the engine's."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import BizregBaseCommon, assert_engine_fields_guarded, bizreg_test_user


@tagged("post_install", "-at_install")
class TestBaseEngineFieldsModels(BizregBaseCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reg_admin = bizreg_test_user(
            cls.env, "t_regadmin", ["bizreg_base.group_bizreg_admin"]
        )
        cls.clerk = bizreg_test_user(
            cls.env, "t_clerk_fe", ["base.group_partner_manager"]
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "ACME Trading", "vat": "OLD-123"}
        )
        cls.four_eyes = cls.env["bizreg.four.eyes.rule"].create(
            {
                "name": "Partner identity",
                "model_id": cls.env["ir.model"]._get("res.partner").id,
                "field_ids": [
                    Command.set(
                        [cls.env["ir.model.fields"]._get("res.partner", "vat").id]
                    )
                ],
                "confirm_group_id": cls.env.ref("bizreg_base.group_bizreg_finance").id,
            }
        )

    def _stored_owned(self, record):
        return {
            name
            for name in record._bizreg_engine_owned_fields()
            if record._fields[name].store
        }

    def _guarded(self, record, user, user_vals=None, expected=()):
        """``user`` may write the record (``user_vals``, or the access check
        when no field is his), then every engine-owned field is refused to
        him; ``expected`` must be among the fields tried."""
        if user_vals:
            record.with_user(user).write(user_vals)
            record.invalidate_recordset()
            for name, value in user_vals.items():
                self.assertEqual(record[name], value, name)
        else:
            record.with_user(user).check_access("write")
        tried = assert_engine_fields_guarded(self, record, user)
        for name in expected:
            self.assertIn(name, tried, f"{record._name}.{name}")
        return tried

    def test_delegation_for_the_delegating_user(self):
        delegation = (
            self.env["bizreg.approval.delegation"]
            .with_user(self.legal1)
            .create(
                {
                    "user_id": self.legal1.id,
                    "substitute_id": self.legal2.id,
                    "date_to": fields.Datetime.now() + timedelta(days=5),
                }
            )
        )
        tried = self._guarded(delegation, self.legal1, {"reason": "Holiday"})
        # every stored field of a delegation is the user's (whose it is, is
        # checked by the delegation itself); a read-only one added later is
        # tried and must be refused
        self.assertEqual(tried, self._stored_owned(delegation))

    def test_numbering_rule_and_four_eyes_rule_for_the_administrator(self):
        self._guarded(self.numbering_rule, self.reg_admin, {"padding": 5}, ("model",))
        self._guarded(
            self.four_eyes, self.reg_admin, {"name": "Partner tax id"}, ("model",)
        )

    def test_voided_number_for_the_administrator(self):
        request = self._new_request()
        request.with_user(self.mk_user).action_cancel()
        void = self.env["bizreg.numbering.void"].search(
            [("name", "=", request.bizreg_number)]
        )
        self.assertEqual(len(void), 1)
        self._guarded(
            void,
            self.reg_admin,
            expected=("name", "res_model", "reason", "user_id", "void_date"),
        )

    def test_counter_written_by_nobody(self):
        self._new_request()
        counter = self.env["bizreg.numbering.counter"].search(
            [("rule_id", "=", self.numbering_rule.id)]
        )
        self.assertTrue(counter)
        self.assertEqual(
            self._stored_owned(counter), {"rule_id", "period_start", "next_serial"}
        )
        for user in (self.reg_admin, self.auditor, self.mk_user):
            with self.assertRaises(AccessError, msg=user.login):
                counter.with_user(user).write({"next_serial": 1})
        self.assertNotEqual(counter.next_serial, 1)

    def test_pending_change_for_the_administrator(self):
        self.partner.with_user(self.clerk).write({"vat": "NEW-456"})
        change = self.env["bizreg.pending.change"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.partner.id)]
        )
        self.assertEqual(change.state, "pending")
        self._guarded(
            change,
            self.reg_admin,
            expected=(
                "rule_id",
                "field_id",
                "old_value",
                "new_value",
                "new_value_json",
                "state",
                "requested_by",
                "request_date",
                "confirmed_by",
                "confirm_date",
                "refuse_reason",
            ),
        )
        self.assertEqual(self.partner.vat, "OLD-123")
