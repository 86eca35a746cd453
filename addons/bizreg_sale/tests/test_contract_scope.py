# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which orders are contracts is configurable (DEFAULTS: back-office
quotations of the Sales departments, any other order above 50,000): orders
out of scope confirm as in plain Odoo, orders in scope are held, and the
scope follows who made the order, not fields its author can edit."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestContractScope(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()
        # a salesperson of no contract-review department (no employee)
        cls.outsider = new_test_user(
            cls.env, login="t_xs_out", groups="sales_team.group_sale_salesman_all_leads"
        )

    def _order(self, user, price):
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.partner.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "price_unit": price}
                        )
                    ],
                }
            )
        )

    def test_out_of_scope_confirms_as_in_odoo(self):
        order = self._order(self.outsider, 1000.0)
        self.assertFalse(order._bizreg_contract_scope())
        self.assertFalse(order.need_validation)
        order.with_user(self.outsider).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_large_orders_of_any_origin_are_contracts(self):
        order = self._order(self.outsider, 60000.0)
        self.assertTrue(order._bizreg_contract_scope())
        with self.assertRaises(UserError):
            order.with_user(self.outsider).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_sales_department_quotations_are_contracts(self):
        order = self._quotation()
        self.assertTrue(order._bizreg_contract_scope())
        # the department is not the author's choice
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).write(
                {"bizreg_department_id": self.dept_other.id}
            )
        self.assertTrue(order._bizreg_contract_scope())
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_scope_is_configurable(self):
        self.company.bizreg_contract_department_ids = self.dept_other
        order = self._quotation()
        self.assertFalse(order._bizreg_contract_scope())
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.company.bizreg_contract_department_ids = self.dept
        self.assertTrue(self._quotation()._bizreg_contract_scope())

    def test_online_orders_are_out_of_scope(self):
        portal = new_test_user(
            self.env, login="t_portal_buyer", groups="base.group_portal"
        )
        order = (
            self.env["sale.order"]
            .with_user(portal)
            .sudo()
            .create(
                {
                    "partner_id": portal.partner_id.id,
                    "user_id": self.salesman.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "price_unit": 10.0}
                        )
                    ],
                }
            )
        )
        self.assertEqual(order.create_uid, portal)
        self.assertFalse(order._bizreg_contract_scope())
