# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

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

    def test_groups_declared_here(self):
        ref = self.env.ref
        user_group = ref("bizreg_sale.group_bizreg_sale_user")
        manager_group = ref("bizreg_sale.group_bizreg_sale_manager")
        self.assertFalse(ref("bizreg_base.group_bizreg_sale_user", False))
        self.assertFalse(ref("bizreg_base.group_bizreg_sale_manager", False))
        category = ref("bizreg_base.module_category_bizreg")
        self.assertEqual(user_group.category_id, category)
        self.assertEqual(manager_group.category_id, category)
        self.assertIn(user_group, manager_group.implied_ids)
        self.assertIn(
            ref("bizreg_base.group_bizreg_area_manager"), manager_group.implied_ids
        )
        area = ref("bizreg_base.bizreg_area_sale")
        self.assertEqual(area.user_group_id, user_group)
        self.assertEqual(area.manager_group_id, manager_group)

    def test_manager_is_area_manager(self):
        self.assertTrue(self.manager.has_group("bizreg_base.group_bizreg_area_manager"))
        self.assertTrue(self.manager.has_group("bizreg_sale.group_bizreg_sale_user"))
        self.assertFalse(
            self.salesman.has_group("bizreg_base.group_bizreg_area_manager")
        )

    def test_director_sees_sales(self):
        director_group = self.env.ref("bizreg_base.group_bizreg_director")
        self.assertIn(
            self.env.ref("bizreg_sale.group_bizreg_sale_manager"),
            director_group.implied_ids,
        )
        self.assertTrue(
            self.director.has_group("bizreg_sale.group_bizreg_sale_manager")
        )
        orders = self._quotation(self.salesman) | self._quotation(self.salesman_west)
        self.assertEqual(
            orders.with_user(self.director).search([("id", "in", orders.ids)]),
            orders,
        )

    def test_auditor_reads_sales_on_its_own(self):
        auditor = self.auditor
        # No Sales group: the Auditor reads through its own rows and rules.
        for xmlid in (
            "bizreg_sale.group_bizreg_sale_user",
            "bizreg_sale.group_bizreg_sale_manager",
            "bizreg_base.group_bizreg_area_manager",
        ):
            self.assertFalse(auditor.has_group(xmlid), xmlid)
        for model in AUDITOR_READS:
            Model = self.env[model].with_user(auditor)
            self.assertTrue(Model.has_access("read"), model)
            for operation in ("write", "create", "unlink"):
                self.assertFalse(Model.has_access(operation), f"{model} {operation}")
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
