# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contract change control: after confirmation the approved terms of a
contract change only through an amendment that Legal, Finance and Risk
review again; its history stays on the contract."""

import json

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import (
    assert_engine_fields_guarded,
    bizreg_test_user,
)

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestAmendment(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()
        cls.product2 = cls.env["product.product"].create(
            {"name": "Spare Part", "list_price": 50.0, "type": "consu"}
        )

    # helpers ------------------------------------------------------------
    def _amend(self, order, user=None):
        user = user or self.salesman
        action = order.with_user(user).action_bizreg_amend()
        self.assertEqual(action["res_model"], "bizreg.amendment")
        return self.env["bizreg.amendment"].with_user(user).browse(action["res_id"])

    def _change_terms(self, order, user=None, add_line=True):
        """Raise the price of the first line and add a line, as the user."""
        user = user or self.salesman
        order.order_line[:1].with_user(user).write({"price_unit": 1200.0})
        if add_line:
            self.env["sale.order.line"].with_user(user).create(
                {
                    "order_id": order.id,
                    "product_id": self.product2.id,
                    "price_unit": 50.0,
                }
            )
        order.invalidate_recordset()

    def _submitted_amendment(self, order, add_line=True):
        amendment = self._amend(order)
        self._change_terms(order, add_line=add_line)
        amendment.write({"reason": "The customer orders a spare part."})
        amendment.action_submit()
        amendment.invalidate_recordset()
        return amendment

    def _invoice(self, order, user=None):
        return order.with_user(user or self.salesman)._create_invoices()

    # tests --------------------------------------------------------------
    def test_change_without_amendment_is_refused(self):
        order = self._confirmed()
        with self.assertRaises(UserError):
            order.order_line.with_user(self.salesman).write({"price_unit": 1.0})
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"note": "Free shipping"})
        self.assertEqual(order.order_line.price_unit, 1000.0)
        self.assertFalse(order.bizreg_amendment_ids)

    def test_amendment_approved_replaces_digest_and_posts_history(self):
        order = self._confirmed()
        digest = order.bizreg_approved_digest
        amendment = self._amend(order)
        self.assertEqual(amendment.state, "draft")
        self.assertEqual(amendment.name, "A1")
        # pressing Amend again opens the same draft
        self.assertEqual(self._amend(order), amendment)
        self.assertEqual(
            json.loads(amendment.terms_before)["fields"]["amount_untaxed"], "1000.00"
        )
        self._change_terms(order)
        self.assertTrue(order.bizreg_terms_changed)
        self.assertEqual(order.bizreg_amendment_state, "draft")
        # the change is not approved yet: no invoice
        with self.assertRaises(UserError) as refusal:
            self._invoice(order)
        self.assertIn("A1", str(refusal.exception))
        self.assertIn("1200", amendment.diff_text)
        self.assertIn("Spare Part", amendment.diff_text)
        amendment.write({"reason": "The customer orders a spare part."})
        amendment.action_submit()
        self.assertEqual(amendment.state, "to_review")
        self.assertEqual(len(amendment.review_ids), 3)
        # under review, the submitted terms are frozen
        with self.assertRaises(UserError):
            order.order_line[:1].with_user(self.salesman).write({"price_unit": 1.0})
        with self.assertRaises(UserError):
            self._invoice(order)
        self._approve(amendment, self.legal)
        self._approve(amendment, self.finance)
        self.assertEqual(amendment.state, "to_review")
        self.assertEqual(order.bizreg_approved_digest, digest)
        self._approve(amendment, self.risk)
        amendment.invalidate_recordset()
        order.invalidate_recordset()
        self.assertEqual(amendment.state, "approved")
        self.assertNotEqual(order.bizreg_approved_digest, digest)
        self.assertEqual(order.bizreg_approved_digest, order._bizreg_terms_digest())
        self.assertFalse(order.bizreg_terms_changed)
        self.assertEqual(
            json.loads(amendment.terms_after)["fields"]["amount_untaxed"], "1250.00"
        )
        self.assertEqual(order.with_user(self.salesman).bizreg_amendment_count, 1)
        self.assertEqual(order.with_user(self.salesman).bizreg_amendment_ids, amendment)
        posted = order.message_ids.filtered(lambda m: "A1" in (m.body or ""))
        self.assertTrue(posted)
        self.assertIn("1200", posted[0].body)
        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_untaxed, 1250.0)
        # after the approval the new terms are fixed again
        with self.assertRaises(UserError):
            order.order_line[:1].with_user(self.salesman).write({"price_unit": 1.0})
        # a second amendment is A2
        self.assertEqual(self._amend(order).name, "A2")

    def test_rejection_keeps_old_digest_and_invoicing_refused(self):
        order = self._confirmed()
        digest = order.bizreg_approved_digest
        amendment = self._submitted_amendment(order, add_line=False)
        self._approve(amendment, self.legal)
        self._reject(amendment, self.finance, "The price is not agreed.")
        amendment.invalidate_recordset()
        self.assertEqual(amendment.state, "rejected")
        self.assertEqual(order.bizreg_approved_digest, digest)
        self.assertTrue(order.bizreg_terms_changed)
        self.assertFalse(order.bizreg_amendment_state)
        with self.assertRaises(UserError):
            self._invoice(order)
        # without an open amendment, further changes are refused too
        with self.assertRaises(UserError):
            order.order_line[:1].with_user(self.salesman).write({"price_unit": 900.0})
        # a new amendment puts the terms back; then invoicing works again
        amendment2 = self._amend(order)
        self.assertEqual(amendment2.name, "A2")
        self.assertEqual(
            json.loads(amendment2.terms_before)["fields"]["amount_untaxed"], "1000.00"
        )
        order.order_line[:1].with_user(self.salesman).write({"price_unit": 1000.0})
        order.invalidate_recordset()
        self.assertFalse(order.bizreg_terms_changed)
        with self.assertRaises(UserError):
            amendment2.action_submit()  # nothing to review
        amendment2.action_withdraw()
        self.assertEqual(amendment2.state, "withdrawn")
        self.assertEqual(order.bizreg_approved_digest, digest)
        self.assertEqual(self._invoice(order).amount_untaxed, 1000.0)

    def test_withdrawn_amendment_keeps_invoicing_refused(self):
        order = self._confirmed()
        amendment = self._submitted_amendment(order)
        amendment.action_withdraw()
        self.assertEqual(amendment.state, "withdrawn")
        self.assertFalse(amendment.review_ids.filtered(lambda r: r.status == "pending"))
        with self.assertRaises(UserError):
            self._invoice(order)

    def test_requester_cannot_approve_own_amendment(self):
        both = bizreg_test_user(
            self.env,
            "t_xs_legal",
            ["bizreg_sale.group_bizreg_sale_user", "bizreg_base.group_bizreg_legal"],
            self.dept,
        )
        order = self._confirmed()
        amendment = self._amend(order, self.manager)
        self._change_terms(order, self.manager)
        amendment.write({"reason": "Price update."})
        amendment.action_submit()
        # the salesperson of the contract is an owner: never a reviewer of it
        order.sudo().write({"user_id": both.id})
        with self.assertRaises(UserError):
            amendment.with_user(both).validate_tier()
        with self.assertRaises(UserError):
            amendment.with_user(self.manager).validate_tier()
        reviews = amendment.sudo().review_ids
        self.assertFalse(reviews.filtered(lambda r: r.status == "approved"))

    def test_amend_needs_write_access_and_a_confirmed_contract(self):
        quotation = self._quotation()
        with self.assertRaises(UserError):
            quotation.with_user(self.salesman).action_bizreg_amend()
        order = self._confirmed()
        # the Auditor reads the contract, cannot amend it
        with self.assertRaises(AccessError):
            order.with_user(self.auditor).action_bizreg_amend()
        # a reviewer cannot submit someone's amendment
        amendment = self._amend(order)
        self._change_terms(order)
        amendment.write({"reason": "Price update."})
        with self.assertRaises(AccessError):
            amendment.with_user(self.legal).action_submit()
        # a salesperson of another department neither reads nor opens it
        with self.assertRaises(AccessError):
            amendment.with_user(self.salesman_west).read(["reason"])
        self.assertFalse(
            self.env["bizreg.amendment"]
            .with_user(self.salesman_west)
            .search([("id", "=", amendment.id)])
        )
        self.assertEqual(
            self.env["bizreg.amendment"]
            .with_user(self.salesman)
            .search([("id", "=", amendment.id)]),
            amendment,
        )

    def test_no_direct_creation_and_engine_fields_guarded(self):
        order = self._confirmed()
        Amendment = self.env["bizreg.amendment"].with_user(self.salesman)
        with self.assertRaises(UserError):
            Amendment.create(
                {"res_model": "sale.order", "res_id": order.id, "reason": "x"}
            )
        # default_* keys of engine fields do not make a creation possible
        with self.assertRaises(UserError):
            Amendment.with_context(
                default_res_model="sale.order",
                default_res_id=order.id,
                default_state="approved",
            ).create({"reason": "x"})
        self.assertFalse(order.sudo().bizreg_amendment_ids)
        amendment = self._amend(order)
        # the state is refused first by the approval mixin (a UserError)
        with self.assertRaises(UserError):
            amendment.write({"state": "approved"})
        tried = assert_engine_fields_guarded(
            self, amendment, self.salesman, skip=("state",)
        )
        self.assertTrue(
            {"terms_before", "digest_before", "name", "bizreg_approved_digest"} <= tried
        )
        self.assertEqual(amendment.state, "draft")
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).write(
                {"bizreg_amendment_ids": [Command.clear()]}
            )
        with self.assertRaises(UserError):
            amendment.unlink()

    def test_bad_input(self):
        order = self._confirmed()
        amendment = self._amend(order)
        with self.assertRaises(ValidationError):
            amendment.write({"reason": 12})
        self._change_terms(order)
        with self.assertRaises(UserError):
            amendment.action_submit()
        self.assertEqual(amendment.state, "draft")
        amendment.write({"reason": "ok"})
        amendment.action_submit()
        with self.assertRaises(UserError):
            amendment.write({"reason": "changed after submission"})
        with self.assertRaises(UserError):
            amendment.action_submit()

    def test_director_reviews_amendment_over_one_million(self):
        order = self._confirmed()
        amendment = self._amend(order)
        order.order_line[:1].with_user(self.salesman).write({"price_unit": 1100000.0})
        amendment.write({"reason": "The customer orders the full line."})
        amendment.action_submit()
        amendment.invalidate_recordset()
        self.assertGreater(amendment.amount, 1000000)
        self.assertEqual(len(amendment.review_ids), 4)
        self.assertIn(self.director, amendment.review_ids.reviewer_ids)
        self._countersign(amendment)
        amendment.invalidate_recordset()
        self.assertEqual(amendment.state, "to_review")
        self._approve(amendment, self.director)
        amendment.invalidate_recordset()
        self.assertEqual(amendment.state, "approved")

    def test_completion_refused_while_amendment_open(self):
        order = self._confirmed()
        self._amend(order)
        self._change_terms(order, add_line=False)
        with self.assertRaises(UserError):
            order.with_user(self.salesman)._bizreg_complete(order.date_order.date(), 4)
        self.assertEqual(order.bizreg_execution_state, "open")
