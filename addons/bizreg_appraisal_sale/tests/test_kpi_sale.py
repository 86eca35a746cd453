# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, new_test_user, tagged

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestKpi(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()

    def test_kpi_values(self):
        new_customer = self.env["res.partner"].create({"name": "New Co."})
        with freeze_time("2026-01-15 10:00:00"):
            # Reviewed contract returned once, then approved and signed.
            order = self._submit(self._quotation(self.salesman, price=2000.0))
            self._reject(order, self.legal, "Clause 7 missing")
            order.with_user(self.salesman).action_bizreg_resubmit()
            self._countersign(order)
            self._sign(order)
            order.with_user(self.salesman).action_confirm()
        self.definitions.active = False
        self.company.bizreg_sale_require_signing = False
        with freeze_time("2026-01-20 10:00:00"):
            second = self._plain_confirmed(self.salesman, new_customer, 3000.0)
            self._plain_confirmed(self.salesman2, self.partner2, 500.0)
        with freeze_time("2026-01-25 10:00:00"):
            second._bizreg_complete(date(2026, 1, 24), 4, "fine")
        with freeze_time("2026-02-10 10:00:00"):
            self._plain_confirmed(self.salesman, new_customer, 9999.0)  # out of period
        kpi = self.env["sale.order"]._bizreg_kpi_sale(
            (self.salesman | self.salesman2 | self.manager).ids,
            date(2026, 1, 1),
            date(2026, 1, 31),
        )
        mine = kpi[self.salesman.id]
        self.assertAlmostEqual(mine["revenue"], 5000.0)
        self.assertAlmostEqual(mine["margin"], 5000.0 - 2 * 500.0)
        self.assertEqual(mine["contracts_signed"], 2)
        self.assertEqual(mine["contracts_reviewed"], 1)
        self.assertEqual(mine["contracts_returned"], 1)
        self.assertEqual(mine["new_customers"], 2)
        self.assertEqual(mine["orders_done"], 1)
        self.assertEqual(mine["orders_on_time"], 1)
        self.assertEqual(mine["satisfaction"], 4.0)
        self.assertEqual(mine["satisfaction_count"], 1)
        self.assertEqual(kpi[self.salesman2.id]["new_customers"], 1)
        self.assertEqual(kpi[self.salesman2.id]["revenue"], 500.0)
        self.assertEqual(kpi[self.manager.id]["revenue"], 0.0)
        # February: the customer is no longer new.
        feb = self.env["sale.order"]._bizreg_kpi_sale(
            self.salesman.ids, date(2026, 2, 1), date(2026, 2, 28)
        )
        self.assertEqual(feb[self.salesman.id]["new_customers"], 0)
        self.assertAlmostEqual(feb[self.salesman.id]["revenue"], 9999.0)
        # January had no customer base to grow from; February has two
        # customers at its start and no new one.
        self.assertEqual(mine["customers_at_start"], 0)
        self.assertEqual(mine["customer_growth_rate"], 0.0)
        self.assertEqual(feb[self.salesman.id]["customers_at_start"], 2)
        self.assertEqual(feb[self.salesman.id]["customer_growth_rate"], 0.0)

    def test_kpi_customer_growth_rate(self):
        self.definitions.active = False
        self.company.bizreg_sale_require_signing = False
        a, b, c, d, e = self.env["res.partner"].create(
            [{"name": f"T Growth {letter}"} for letter in "ABCDE"]
        )
        contact = self.env["res.partner"].create(
            {"name": "T Growth A buyer", "parent_id": a.id}
        )
        with freeze_time("2026-03-05 10:00:00"):
            self._plain_confirmed(self.salesman, a)
            self._plain_confirmed(self.salesman, b)
            self._plain_confirmed(self.salesman, b)
            self._plain_confirmed(self.salesman2, c)
        with freeze_time("2026-04-08 10:00:00"):
            # A contact of A is still customer A: not new.
            self._plain_confirmed(self.salesman, contact)
            self._plain_confirmed(self.salesman, d)
            self._plain_confirmed(self.salesman, e)
            # C is new to the salesman but not a new customer of the company.
            self._plain_confirmed(self.salesman, c)
        kpi = self.env["sale.order"]._bizreg_kpi_sale(
            (self.salesman | self.salesman2).ids, date(2026, 4, 1), date(2026, 4, 30)
        )
        mine = kpi[self.salesman.id]
        self.assertEqual(mine["new_customers"], 2)
        self.assertEqual(mine["customers_at_start"], 2)
        self.assertEqual(mine["customer_growth_rate"], 100.0)
        theirs = kpi[self.salesman2.id]
        self.assertEqual(theirs["customers_at_start"], 1)
        self.assertEqual(theirs["new_customers"], 0)
        self.assertEqual(theirs["customer_growth_rate"], 0.0)

    def test_kpi_query_count_independent_of_users(self):
        self.definitions.active = False
        self.company.bizreg_sale_require_signing = False
        users = self.env["res.users"]
        for index in range(20):
            users |= new_test_user(
                self.env,
                login=f"t_kpi_{index}",
                groups="base.group_user,bizreg_base.group_bizreg_sale_user",
            )
        with freeze_time("2026-05-10 10:00:00"):
            for user in users:
                partner = self.env["res.partner"].create(
                    {"name": f"Customer {user.login}"}
                )
                self._plain_confirmed(user, partner)
        Order = self.env["sale.order"]
        Order._bizreg_kpi_sale(users[:1].ids, date(2026, 5, 1), date(2026, 5, 31))
        self.env.invalidate_all()
        count = self.env.cr.sql_log_count
        one = Order._bizreg_kpi_sale(users[:1].ids, date(2026, 5, 1), date(2026, 5, 31))
        queries_one = self.env.cr.sql_log_count - count
        self.env.invalidate_all()
        count = self.env.cr.sql_log_count
        many = Order._bizreg_kpi_sale(users.ids, date(2026, 5, 1), date(2026, 5, 31))
        queries_many = self.env.cr.sql_log_count - count
        self.assertEqual(queries_one, queries_many)
        self.assertLessEqual(queries_many, 6)
        self.assertEqual(one[users[0].id]["new_customers"], 1)
        self.assertEqual(sum(v["new_customers"] for v in many.values()), 20)
        self.assertEqual(sum(v["contracts_signed"] for v in many.values()), 20)
