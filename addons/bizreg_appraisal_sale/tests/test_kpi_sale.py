# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.bizreg_sale.tests.common import BizregSaleCommon


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
                groups="base.group_user,bizreg_sale.group_bizreg_sale_user",
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
        # six _read_group, and the company's time zone (company, partner)
        self.assertLessEqual(queries_many, 8)
        self.assertEqual(one[users[0].id]["new_customers"], 1)
        self.assertEqual(sum(v["new_customers"] for v in many.values()), 20)
        self.assertEqual(sum(v["contracts_signed"] for v in many.values()), 20)

    def test_month_boundary_in_company_time_zone(self):
        """Asia/Shanghai (UTC+8): an order confirmed at 00:30 local time on
        March 1st (16:30 UTC on February 28th) belongs to March."""
        self.definitions.active = False
        self.company.bizreg_sale_require_signing = False
        self.company.partner_id.tz = "Asia/Shanghai"
        with freeze_time("2026-02-28 16:30:00"):
            self._plain_confirmed(self.salesman, self.partner, 1000.0)
        with freeze_time("2026-02-28 15:30:00"):  # 23:30 local on Feb 28th
            self._plain_confirmed(self.salesman, self.partner, 10.0)
        Order = self.env["sale.order"]
        user = self.salesman.id
        march = Order._bizreg_kpi_sale(
            [user], date(2026, 3, 1), date(2026, 3, 31), self.company
        )[user]
        february = Order._bizreg_kpi_sale(
            [user], date(2026, 2, 1), date(2026, 2, 28), self.company
        )[user]
        self.assertEqual((march["contracts_signed"], march["revenue"]), (1, 1000.0))
        self.assertEqual((february["contracts_signed"], february["revenue"]), (1, 10.0))
        # The first order ever of the customer was in February (local time).
        self.assertEqual((february["new_customers"], march["new_customers"]), (1, 0))
        self.assertEqual(march["customers_at_start"], 1)
        # The same order in UTC is a February one: the time zone decides.
        self.company.partner_id.tz = "UTC"
        utc = Order._bizreg_kpi_sale(
            [user], date(2026, 3, 1), date(2026, 3, 31), self.company
        )[user]
        self.assertEqual(utc["contracts_signed"], 0)

    def test_amounts_converted_to_appraisal_company_currency(self):
        """Orders of two companies in two currencies: the amounts are in the
        appraisal's company currency, converted at each order's date with its
        rates, as ``res.currency._convert`` does."""
        self.definitions.active = False
        self.company.bizreg_sale_require_signing = False
        currency = self.company.currency_id
        foreign_currency = self.env.ref(
            "base.EUR" if currency != self.env.ref("base.EUR") else "base.USD"
        )
        foreign_currency.active = True
        other = self.env["res.company"].create(
            {"name": "T Other Co.", "currency_id": foreign_currency.id}
        )
        other.bizreg_sale_require_signing = False
        self.salesman.sudo().company_ids |= other
        Rate = self.env["res.currency.rate"]
        Rate.search([("currency_id", "in", (currency | foreign_currency).ids)]).unlink()
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "T Other Co. prices",
                "currency_id": foreign_currency.id,
                "company_id": other.id,
            }
        )
        for name, own, foreign in (
            ("2025-12-01", 1.0, 2.0),
            ("2026-01-20", 1.0, 4.0),
        ):
            Rate.create(
                [
                    {
                        "name": name,
                        "currency_id": cur.id,
                        "rate": rate,
                        "company_id": self.company.id,
                    }
                    for cur, rate in ((currency, own), (foreign_currency, foreign))
                ]
            )
        orders = self.env["sale.order"]
        for when, price in (
            ("2026-01-10 10:00:00", 1000.0),
            ("2026-01-25 10:00:00", 800.0),
        ):
            with freeze_time(when):
                order = (
                    self.env["sale.order"]
                    .with_company(other)
                    .create(
                        {
                            "company_id": other.id,
                            "pricelist_id": pricelist.id,
                            "partner_id": self.partner2.id,
                            "user_id": self.salesman.id,
                            "order_line": [
                                Command.create(
                                    {"product_id": self.product.id, "price_unit": price}
                                )
                            ],
                        }
                    )
                )
                order.action_confirm()
                orders |= order
        with freeze_time("2026-01-12 10:00:00"):
            own = self._plain_confirmed(self.salesman, self.partner, 300.0)
        self.assertEqual(orders.company_id, other)
        self.assertEqual(orders.currency_id, foreign_currency)
        expected = own.bizreg_amount_untaxed_company + sum(
            foreign_currency._convert(
                order.bizreg_amount_untaxed_company,
                currency,
                self.company,
                order.date_order.date(),
                round=False,
            )
            for order in orders
        )
        expected_margin = own.bizreg_margin_company + sum(
            foreign_currency._convert(
                order.bizreg_margin_company,
                currency,
                self.company,
                order.date_order.date(),
                round=False,
            )
            for order in orders
        )
        figures = self.env["sale.order"]._bizreg_kpi_sale(
            self.salesman.ids, date(2026, 1, 1), date(2026, 1, 31), self.company
        )[self.salesman.id]
        # Each order at its own date's rate: 1000 / 2 + 800 / 4, plus 300.
        self.assertAlmostEqual(expected, 300.0 + 500.0 + 200.0)
        self.assertAlmostEqual(figures["revenue"], expected)
        self.assertAlmostEqual(figures["margin"], expected_margin)
        self.assertEqual(figures["contracts_signed"], 3)
        # Seen from the other company, in its currency (rates of its own
        # root company: none, so the shared ones; the figure differs).
        theirs = self.env["sale.order"]._bizreg_kpi_sale(
            self.salesman.ids, date(2026, 1, 1), date(2026, 1, 31), other
        )[self.salesman.id]
        self.assertAlmostEqual(
            theirs["revenue"],
            sum(orders.mapped("bizreg_amount_untaxed_company"))
            + currency._convert(
                300.0, foreign_currency, other, own.date_order.date(), round=False
            ),
        )
        # The current companies of the caller play no part.
        again = (
            self.env["sale.order"]
            .with_company(other)
            .with_context(allowed_company_ids=other.ids)
            ._bizreg_kpi_sale(
                self.salesman.ids, date(2026, 1, 1), date(2026, 1, 31), self.company
            )[self.salesman.id]
        )
        self.assertEqual(again, figures)
