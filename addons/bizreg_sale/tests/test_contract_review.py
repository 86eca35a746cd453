# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestContractReview(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()

    def _step_names(self, order):
        return order.review_ids.mapped("definition_id")

    def test_contract_number_at_submission(self):
        order = self._quotation()
        self.assertFalse(order.bizreg_number)
        self._submit(order)
        year = fields.Date.context_today(order).year
        self.assertRegex(order.bizreg_number, rf"^SC-TE-{year}-\d{{4}}$")
        second = self._submit(self._quotation(self.salesman2))
        self.assertNotEqual(second.bizreg_number, order.bizreg_number)
        self.assertEqual(
            int(second.bizreg_number[-4:]), int(order.bizreg_number[-4:]) + 1
        )
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"bizreg_number": "SC-FAKE"})
        self.assertNotEqual(order.bizreg_number, "SC-FAKE")

    def test_countersign_rejection_then_approval(self):
        order = self._submit(self._quotation())
        ref = self.env.ref
        self.assertEqual(
            self._step_names(order),
            ref("bizreg_sale.tier_definition_contract_legal")
            | ref("bizreg_sale.tier_definition_contract_finance")
            | ref("bizreg_sale.tier_definition_contract_risk"),
        )
        self.assertEqual(order.bizreg_contract_state, "review")
        # Each reviewer leaves a comment.
        action = order.with_user(self.legal).validate_tier()
        self.assertEqual(action["res_model"], "comment.wizard")
        with self.assertRaises(ValidationError):
            self.env["comment.wizard"].with_user(self.legal).with_context(
                **action["context"]
            ).create({"comment": " "}).add_comment()
        self._approve(order, self.legal, "Compliant with the contract law.")
        self.assertEqual(order.validation_status, "pending")
        self._reject(order, self.finance, "Advance payment must be 30%.")
        self.assertEqual(order.validation_status, "rejected")
        self.assertEqual(order.bizreg_rejection_count, 1)
        self.assertEqual(order.bizreg_contract_state, "returned")
        # Back with the salesperson: changes, then a new round.
        order.with_user(self.salesman).write({"note": "Advance payment 30%"})
        order.with_user(self.salesman).action_bizreg_resubmit()
        order.invalidate_recordset()
        self.assertEqual(order.validation_status, "pending")
        self._countersign(order)
        self.assertEqual(order.validation_status, "validated")
        self.assertEqual(order.bizreg_contract_state, "approved")
        comments = order.review_ids.mapped("comment")
        self.assertTrue(all(comments))
        self.assertEqual(order.bizreg_rejection_count, 1)
        self.assertTrue(order.bizreg_review_hours >= 0)

    def test_director_step_only_above_threshold(self):
        director_def = self.env.ref("bizreg_sale.tier_definition_contract_director")
        small = self._submit(self._quotation(price=10000))
        self.assertNotIn(director_def, small.review_ids.definition_id)
        big = self._submit(self._quotation(price=1500000))
        self.assertIn(director_def, big.review_ids.definition_id)
        # The Director signs after the countersign step.
        self.assertFalse(big.with_user(self.director).can_review)
        self._countersign(big)
        self.assertEqual(big.validation_status, "pending")
        self.assertTrue(big.with_user(self.director).can_review)
        self._approve(big, self.director, "Approved.")
        self.assertEqual(big.validation_status, "validated")

    def test_bottom_line_triggered(self):
        manager_def = self.env.ref("bizreg_sale.tier_definition_bottom_line_manager")
        director_def = self.env.ref("bizreg_sale.tier_definition_bottom_line_director")
        # 15% discount: above the 10% the Sales Manager allows.
        order = self._submit(self._quotation(discount=15))
        self.assertEqual(order.bizreg_bottom_line_level, "manager")
        self.assertIn(manager_def, order.review_ids.definition_id)
        self.assertNotIn(director_def, order.review_ids.definition_id)
        # Sold below cost: the Director approves too, after the manager.
        loss = self._submit(self._quotation(price=400))
        self.assertEqual(loss.bizreg_bottom_line_level, "director")
        self.assertIn(director_def, loss.review_ids.definition_id)
        self._approve(loss, self.manager)
        self._countersign(loss)
        self.assertEqual(loss.validation_status, "pending")
        self._approve(loss, self.director)
        self.assertEqual(loss.validation_status, "validated")

    def test_bottom_line_not_triggered_and_category_rule(self):
        order = self._submit(self._quotation(discount=5))
        self.assertEqual(order.bizreg_bottom_line_level, "none")
        self.assertEqual(len(order.review_ids), 3)
        # A stricter rule for the product's category applies over the company one.
        self.env["bizreg.sale.bottom.line"].create(
            {
                "name": "Machines",
                "categ_id": self.product.categ_id.id,
                "min_margin_percent": 60,
                "director_margin_percent": 0,
                "max_discount": 10,
                "director_discount": 20,
            }
        )
        strict = self._submit(self._quotation(discount=5))
        self.assertEqual(strict.bizreg_bottom_line_level, "manager")

    def test_confirm_refused_before_review(self):
        order = self._quotation()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_confirm()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"state": "sale"})
        self._submit(order)
        self._approve(order, self.legal)
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_confirm()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"state": "sale"})
        with self.assertRaises(UserError):
            order.with_user(self.salesman).with_context(
                skip_validation_check=True
            ).write({"state": "sale"})
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")

    def test_confirm_refused_before_signing(self):
        order = self._submit(self._quotation())
        self._countersign(order)
        self.assertEqual(order.validation_status, "validated")
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_confirm()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"state": "sale"})
        self.assertEqual(order.state, "draft")
        # An incomplete signing (no seal) is refused and stores nothing.
        with self.assertRaises(ValidationError):
            self.env["bizreg.sale.signing.wizard"].with_user(self.salesman).create(
                {
                    "order_id": order.id,
                    "customer_signatory": "Mr. Customer",
                    "seal_done": False,
                    "signed_copy": "UERG",
                }
            ).action_record()
        self.assertFalse(order.bizreg_signed_date)
        self._sign(order)
        self.assertTrue(order.bizreg_signed)
        self.assertEqual(order.bizreg_contract_state, "signed")
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.bizreg_execution_state, "open")

    def test_signing_optional_in_settings(self):
        self.company.bizreg_sale_require_signing = False
        order = self._submit(self._quotation())
        self._countersign(order)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_signing_refused_before_review(self):
        order = self._quotation()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"bizreg_seal_done": True})
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_bizreg_record_signing()
        self.assertFalse(order.bizreg_seal_done)

    def test_terms_frozen_under_review(self):
        order = self._submit(self._quotation())
        line = order.order_line
        with self.assertRaises(UserError):
            line.with_user(self.salesman).write({"price_unit": 1.0})
        with self.assertRaises(ValidationError):
            order.with_user(self.salesman).write(
                {"order_line": [Command.update(line.id, {"discount": 50})]}
            )
        with self.assertRaises(UserError):
            self.env["sale.order.line"].with_user(self.salesman).create(
                {"order_id": order.id, "product_id": self.product.id, "price_unit": 1.0}
            )
        self.assertEqual(line.price_unit, 1000.0)
        self.assertEqual(len(order.order_line), 1)

    def test_no_shortcut_to_confirmed_state(self):
        with self.assertRaises(UserError):
            self.env["sale.order"].with_user(self.salesman).create(
                {"partner_id": self.partner.id, "state": "sale"}
            )
        # A cancelled quotation cannot be forced to "sale" either.
        order = self._quotation()
        order.with_user(self.salesman).action_cancel()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"state": "sale"})
        self.assertEqual(order.state, "cancel")

    def test_reviewer_cannot_edit_and_requester_cannot_approve(self):
        order = self._submit(self._quotation())
        with self.assertRaises(AccessError):
            order.with_user(self.legal).check_access("write")
        with self.assertRaises(UserError):
            order.with_user(self.legal).write({"note": "changed"})
        with self.assertRaises(UserError):
            order.with_user(self.salesman).validate_tier()
        with self.assertRaises(UserError):
            order.review_ids[:1].with_user(self.salesman).write({"status": "approved"})
        self.assertEqual(order.validation_status, "pending")

    def test_review_record_report(self):
        order = self._submit(self._quotation())
        self._approve(order, self.legal, "Compliant.")
        self._reject(order, self.finance, "Payment terms too long.")
        report = self.env.ref("bizreg_sale.action_report_contract_review")
        html = report.with_user(self.salesman)._render_qweb_html(
            report.report_name, order.ids
        )[0]
        html = html.decode()
        self.assertIn(order.bizreg_number, html)
        self.assertIn("Compliant.", html)
        self.assertIn("Payment terms too long.", html)
