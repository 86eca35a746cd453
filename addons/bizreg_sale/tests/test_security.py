# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestSecurity(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()

    def setUp(self):
        super().setUp()
        self.mine = self._quotation(self.salesman)
        self.colleague = self._quotation(self.salesman2)
        self.west = self._quotation(self.salesman_west)
        self.ours = self.mine | self.colleague | self.west
        Lead = self.env["crm.lead"]
        self.lead_mine = Lead.with_user(self.salesman).create(
            {"name": "Mine", "user_id": self.salesman.id}
        )
        self.lead_colleague = Lead.with_user(self.salesman2).create(
            {"name": "Colleague", "user_id": self.salesman2.id}
        )
        self.lead_west = Lead.with_user(self.salesman_west).create(
            {"name": "West", "user_id": self.salesman_west.id}
        )
        self.leads = self.lead_mine | self.lead_colleague | self.lead_west

    def _visible(self, user, records):
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_salesperson_sees_own(self):
        self.assertEqual(self._visible(self.salesman, self.ours), self.mine)
        self.assertEqual(self._visible(self.salesman, self.leads), self.lead_mine)
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.salesman).read(["name"])
        self.assertTrue(self.salesman.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(
            self.salesman.has_group("sales_team.group_sale_salesman_all_leads")
        )

    def test_manager_sees_department(self):
        self.assertEqual(
            self._visible(self.manager, self.ours), self.mine | self.colleague
        )
        self.assertEqual(
            self._visible(self.manager, self.leads),
            self.lead_mine | self.lead_colleague,
        )
        with self.assertRaises(AccessError):
            self.west.with_user(self.manager).read(["name"])
        self.assertFalse(
            self.manager.has_group("sales_team.group_sale_salesman_all_leads")
        )

    def test_reviewer_sees_contracts_to_review_read_only(self):
        self.assertFalse(self._visible(self.legal, self.ours))
        self._submit(self.colleague)
        self.assertEqual(self._visible(self.legal, self.ours), self.colleague)
        self.assertEqual(self._visible(self.finance, self.ours), self.colleague)
        self.assertTrue(
            self.colleague.with_user(self.risk).read(["name", "amount_total"])
        )
        self.assertTrue(
            self.colleague.order_line.with_user(self.risk).read(["price_unit"])
        )
        with self.assertRaises(AccessError):
            self.colleague.with_user(self.legal).check_access("write")
        self.assertEqual(
            self.env["sale.order"]
            .with_user(self.legal)
            .search([("id", "in", self.ours.ids), ("can_review", "=", True)]),
            self.colleague,
        )
        # Reviewers do not browse the leads.
        with self.assertRaises(AccessError):
            self.lead_mine.with_user(self.legal).read(["name"])

    def test_auditor_reads_all_writes_nothing(self):
        self.assertEqual(self._visible(self.auditor, self.ours), self.ours)
        self.assertEqual(self._visible(self.auditor, self.leads), self.leads)
        with self.assertRaises(AccessError):
            self.mine.with_user(self.auditor).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.lead_mine.with_user(self.auditor).write({"name": "x"})

    def test_director_reads_all(self):
        self.assertEqual(self._visible(self.director, self.ours), self.ours)
