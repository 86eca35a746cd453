# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The approved terms of a contract hold on every route: a change after the
review (by the order, by its lines, by moving lines between orders, through
packaging or the description) voids the approval and the signing; after the
confirmation the terms no longer change."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestApprovedTerms(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()

    def _approved(self, **kwargs):
        order = self._submit(self._quotation(**kwargs))
        self._countersign(order)
        self.assertEqual(order.validation_status, "validated")
        self.assertTrue(order.bizreg_approved_digest)
        return order

    def assertBackToReview(self, order):
        order.invalidate_recordset()
        self.assertNotEqual(order.validation_status, "validated")
        self.assertFalse(order.bizreg_approved_digest)
        self.assertFalse(order.bizreg_signed)
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_line_price_after_approval_goes_back_to_review(self):
        order = self._approved()
        self._sign(order)
        self.assertTrue(order.bizreg_signed)
        order.order_line.with_user(self.salesman).write({"price_unit": 1.0})
        self.assertBackToReview(order)

    def test_description_and_lead_time_are_terms(self):
        for vals in ({"name": "Other goods"}, {"customer_lead": 90.0}):
            order = self._approved()
            order.order_line.with_user(self.salesman).write(vals)
            self.assertBackToReview(order)

    def test_line_moved_from_another_order(self):
        order = self._approved()
        other = self._quotation(price=5.0)
        other.order_line.with_user(self.salesman).write({"order_id": order.id})
        self.assertBackToReview(order)

    def test_approved_order_itself_is_frozen(self):
        order = self._approved()
        term = self.env.ref("account.account_payment_term_30days")
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"payment_term_id": term.id})
        self.assertEqual(order.validation_status, "validated")

    def test_route_that_skips_the_order_voids_at_confirmation(self):
        order = self._approved()
        self._sign(order)
        # a change no override sees (SQL, an unknown module)
        self.env.cr.execute(
            "UPDATE sale_order_line SET price_unit = 1 WHERE order_id = %s",
            [order.id],
        )
        order.order_line.invalidate_recordset()
        order.invalidate_recordset()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_unchanged_contract_confirms_and_is_then_fixed(self):
        order = self._confirmed()
        self.assertEqual(order.state, "sale")
        with self.assertRaises(UserError):
            order.order_line.with_user(self.salesman).write({"price_unit": 1.0})
        with self.assertRaises(UserError):
            self.env["sale.order.line"].with_user(self.salesman).create(
                {"order_id": order.id, "product_id": self.product.id}
            )
        self.assertEqual(order.order_line.price_unit, 1000.0)

    def test_amounts_and_digest_are_not_written_by_hand(self):
        order = self._quotation()
        for vals in (
            {"amount_total": 1.0},
            {"bizreg_approved_digest": "forged"},
            {"validation_status": "validated"},
        ):
            with self.assertRaises(AccessError, msg=vals):
                order.with_user(self.manager).write(vals)
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.salesman).create(
                {
                    "partner_id": self.partner.id,
                    "amount_total": 1.0,
                    "order_line": [Command.create({"product_id": self.product.id})],
                }
            )
