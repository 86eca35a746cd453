# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_area_roles

from .common import BizregSaleCommon

# What the Auditor reads in the Sales area, through this module's own access
# rows and "all" rules (not through a Sales group): read, never write.
AUDITOR_READS = (
    "sale.order",
    "sale.order.line",
    "sale.order.option",
    "sale.order.template",
    "crm.lead",
    "crm.tag",
    "bizreg.sale.score.criterion",
    "bizreg.sale.bottom.line",
    "bizreg.sale.handoff.rule",
    "bizreg.sale.lead.score",
    "bizreg.sale.negotiation",
    "bizreg.sale.order.issue",
)


@tagged("post_install", "-at_install")
class TestAreaGroups(BizregSaleCommon, TransactionCase):
    """The Sales area's groups belong to bizreg_sale: its manager is an Area
    Manager, the Director implies it, the Auditor reads the area on its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()

    def test_area_roles(self):
        assert_area_roles(
            self,
            "bizreg_base.bizreg_area_sale",
            "bizreg_sale.group_bizreg_sale_user",
            "bizreg_sale.group_bizreg_sale_manager",
            {
                "manager": self.manager,
                "user": self.salesman,
                "director": self.director,
                "auditor": self.auditor,
            },
            AUDITOR_READS,
        )
        self.assertFalse(self.env.ref("bizreg_base.group_bizreg_sale_user", False))

    def test_director_sees_sales(self):
        orders = self._quotation(self.salesman) | self._quotation(self.salesman_west)
        self.assertEqual(
            orders.with_user(self.director).search([("id", "in", orders.ids)]),
            orders,
        )

    def test_auditor_reads_sales_on_its_own(self):
        auditor = self.auditor
        # Every department's orders and leads.
        orders = self._quotation(self.salesman) | self._quotation(self.salesman_west)
        Lead = self.env["crm.lead"]
        leads = Lead.create(
            [
                {"name": "East", "user_id": self.salesman.id},
                {"name": "West", "user_id": self.salesman_west.id},
            ]
        )
        self.assertEqual(
            orders.with_user(auditor).search([("id", "in", orders.ids)]), orders
        )
        self.assertEqual(
            leads.with_user(auditor).search([("id", "in", leads.ids)]), leads
        )
