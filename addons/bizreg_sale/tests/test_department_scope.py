# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestSaleDepartmentScope(BizregSaleCommon, TransactionCase):
    """bizreg_base's department scope on leads, orders, negotiation rounds
    and order issues: one source each, followed when the source changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()

    def test_scope_follows_the_salesperson_then_the_parent(self):
        order = self._quotation()
        self.assertEqual(order.bizreg_department_id, self.dept)
        rnd = (
            self.env["bizreg.sale.negotiation"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "proposed_price": 950})
        )
        issue = (
            self.env["bizreg.sale.order.issue"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "name": "Late components"})
        )
        self.assertEqual(rnd.bizreg_department_id, self.dept)
        self.assertEqual(issue.bizreg_department_id, self.dept)
        # the order changes hands: its rounds and issues move with it, so the
        # west department's manager rules see them together
        order.user_id = self.salesman_west
        self.assertEqual(order.bizreg_department_id, self.dept_other)
        self.assertEqual(rnd.bizreg_department_id, self.dept_other)
        self.assertEqual(issue.bizreg_department_id, self.dept_other)
        self.assertEqual(
            self.env["bizreg.sale.negotiation"]
            .with_user(self.salesman_west)
            .search([("id", "=", rnd.id)]),
            rnd,
        )

    def test_salesperson_without_employee_keeps_the_department(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create({"name": "Prospect", "type": "lead", "user_id": self.salesman.id})
        )
        self.assertEqual(lead.bizreg_department_id, self.dept)
        lead.user_id = bizreg_test_user(
            self.env, "t_xs_no_employee", ["bizreg_sale.group_bizreg_sale_user"]
        )
        self.assertEqual(lead.bizreg_department_id, self.dept)

    def test_every_scoped_model_uses_the_one_mechanism(self):
        registry = self.env.registry
        for model in (
            "crm.lead",
            "sale.order",
            "bizreg.sale.negotiation",
            "bizreg.sale.order.issue",
        ):
            compute = registry[model]._compute_bizreg_department
            self.assertTrue(
                compute.__qualname__.startswith("BizregDepartmentMixin."), model
            )
            Model = self.env[model]
            field = Model._fields[Model._bizreg_department_field]
            self.assertEqual(field.compute, "_compute_bizreg_department")
            self.assertTrue(field.store and field.index, model)
