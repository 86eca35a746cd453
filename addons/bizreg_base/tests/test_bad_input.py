# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import BizregBaseCommon


@tagged("post_install", "-at_install")
class TestBadInput(BizregBaseCommon, TransactionCase):
    def test_negative_or_inverted_delays(self):
        Definition = self.env["tier.definition"]
        count = Definition.search_count([])
        for vals in (
            {"notify_reminder_delay": -1},
            {"bizreg_escalation_days": -2},
            {"notify_reminder_delay": 3, "bizreg_escalation_days": 1},
            {"bizreg_approval_mode": "quorum", "bizreg_quorum": 0},
            {
                "bizreg_approval_mode": "all",
                "review_type": "individual",
                "reviewer_id": self.legal1.id,
            },
        ):
            with self.assertRaises(ValidationError, msg=vals), self.cr.savepoint():
                self._definition(**vals)
        self.assertEqual(Definition.search_count([]), count)

    def test_overlapping_delegations(self):
        Delegation = self.env["bizreg.approval.delegation"].with_user(self.legal1)
        now = fields.Datetime.now()
        Delegation.create(
            {
                "user_id": self.legal1.id,
                "substitute_id": self.legal2.id,
                "date_from": now,
                "date_to": now + timedelta(days=5),
            }
        )
        bad = [
            # overlapping
            {
                "substitute_id": self.legal3.id,
                "date_from": now + timedelta(days=2),
                "date_to": now + timedelta(days=9),
            },
            # ends before it starts
            {
                "substitute_id": self.legal3.id,
                "date_from": now + timedelta(days=20),
                "date_to": now + timedelta(days=10),
            },
            # to oneself
            {
                "substitute_id": self.legal1.id,
                "date_from": now + timedelta(days=30),
                "date_to": now + timedelta(days=31),
            },
            # on behalf of someone else
            {
                "user_id": self.legal2.id,
                "substitute_id": self.legal3.id,
                "date_from": now + timedelta(days=40),
                "date_to": now + timedelta(days=41),
            },
        ]
        for vals in bad:
            vals = dict({"user_id": self.legal1.id}, **vals)
            with self.assertRaises(ValidationError, msg=vals), self.cr.savepoint():
                Delegation.create(vals)
        self.assertEqual(Delegation.search_count([("user_id", "=", self.legal1.id)]), 1)

    def test_errors_are_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        Delegation = (
            self.env["bizreg.approval.delegation"]
            .with_user(self.legal1)
            .with_context(lang="zh_CN")
        )
        now = fields.Datetime.now()
        with self.assertRaises(ValidationError) as caught:
            Delegation.create(
                {
                    "user_id": self.legal1.id,
                    "substitute_id": self.legal2.id,
                    "date_from": now,
                    "date_to": now - timedelta(days=1),
                }
            )
        self.assertNotIn("cannot end before", str(caught.exception))
        self.assertTrue(any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.exception)))

    def test_area_code(self):
        with self.assertRaises(ValidationError):
            self.env["bizreg.area"].create({"name": "Bad", "code": "A B"})

    def test_write_of_no_values_left_to_odoo(self):
        """A write whose argument is not a dict of values (Odoo's own project
        test sends a list) gets Odoo's refusal, not a Python error from
        bizreg's checks."""
        area = self.env.ref("bizreg_base.bizreg_area_sale")
        with self.assertRaises(AccessError):
            area.with_user(self.outsider).write(["name"])
