# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The main sales flow clicked in the web client, in Chinese, by the demo
user of each role (static/tests/tours/bizreg_sale_flow.js)."""

import time

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestTourSaleFlow(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.env.company.bizreg_sale_require_signing = True
        cls.salesperson = ref("bizreg_base.user_sale_user")
        cls.manager = ref("bizreg_base.user_sale_manager")
        cls.legal = ref("bizreg_base.user_legal")
        cls.finance = ref("bizreg_base.user_finance")
        cls.risk = ref("bizreg_base.user_risk")
        for user in (cls.salesperson, cls.manager, cls.legal, cls.finance, cls.risk):
            user.lang = "zh_CN"
        cls.customer = cls.env["res.partner"].create(
            {"name": "华东精工机械有限公司", "is_company": True}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "巡检机器人 T1",
                "list_price": 1000.0,
                "standard_price": 500.0,
                "type": "consu",
            }
        )
        # The prospect the salesperson met at the first contact (typed in by
        # hand before: not the point of this flow).
        cls.lead = (
            cls.env["crm.lead"]
            .with_user(cls.salesperson)
            .create(
                {
                    "name": "巡检机器人采购意向",
                    "type": "lead",
                    "partner_id": cls.customer.id,
                    "user_id": cls.salesperson.id,
                    "bizreg_needs": "两台巡检机器人",
                }
            )
        )

    def _tour(self, url, name, user):
        started = time.monotonic()
        self.start_tour(url, name, login=user.login, timeout=120)
        self._timings.append((name, time.monotonic() - started))

    def test_sales_flow_clicked_by_each_role(self):
        self._timings = []
        self.assertFalse(self.lead.bizreg_qualified, "an unrated lead does not qualify")
        self._tour(
            f"/odoo/crm.lead/{self.lead.id}",
            "bizreg_sale_flow_salesperson",
            self.salesperson,
        )
        self.assertEqual(self.lead.type, "opportunity")
        self.assertTrue(self.lead.bizreg_qualified)
        order = self.env["sale.order"].search([("opportunity_id", "=", self.lead.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.user_id, self.salesperson)
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.order_line.product_id, self.product)
        self.assertEqual(order.order_line.price_unit, 520.0)
        self.assertEqual(order.bizreg_bottom_line_level, "manager")
        self.assertEqual(order.bizreg_negotiation_ids.outcome, "agreed")
        self.assertEqual(order.bizreg_negotiation_ids.proposed_price, 520.0)
        self.assertEqual(order.validation_status, "pending")
        self.assertTrue(order.bizreg_number)
        url = f"/odoo/sale.order/{order.id}"

        self._tour(url, "bizreg_sale_flow_bottom_line", self.manager)
        self._tour("/odoo", "bizreg_sale_flow_legal", self.legal)
        self.assertEqual(
            order.validation_status, "pending", "Finance and Risk still to sign"
        )
        self._tour(url, "bizreg_sale_flow_finance", self.finance)
        self._tour(url, "bizreg_sale_flow_risk", self.risk)
        order.invalidate_recordset()
        self.assertEqual(order.validation_status, "validated")
        reviews = order.review_ids
        self.assertEqual(set(reviews.mapped("status")), {"approved"})
        self.assertEqual(
            set(reviews.mapped("done_by")),
            {self.manager, self.legal, self.finance, self.risk},
        )
        self.assertTrue(
            all(
                r.comment
                for r in reviews
                if r.done_by in (self.legal, self.finance, self.risk)
            )
        )
        self.assertEqual(order.state, "draft", "approved is not signed")

        self._tour(url, "bizreg_sale_flow_signing", self.salesperson)
        order.invalidate_recordset()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.bizreg_signed)
        self.assertTrue(order.bizreg_seal_done)
        self.assertEqual(order.bizreg_customer_signatory, "王经理")
        self.assertEqual(order.bizreg_company_signatory_id, self.salesperson)
        self.assertTrue(order.bizreg_signed_attachment_ids)
        self.assertTrue(order.bizreg_number)
        for name, seconds in self._timings:
            self._logger.info("tour %s: %.1fs", name, seconds)
