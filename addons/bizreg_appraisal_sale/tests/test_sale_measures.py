# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_appraisal.tests.common import demo_month_cycle
from odoo.addons.bizreg_sale.tests.common import BizregSaleCommon

CODES = [
    "sale_revenue",
    "sale_margin",
    "sale_new_customers",
    "sale_customer_growth",
    "sale_contracts_signed",
    "sale_contract_review",
    "sale_satisfaction",
    "sale_on_time",
]


@tagged("post_install", "-at_install")
class TestSaleMeasures(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()
        cls.definitions.active = False
        cls.company.bizreg_sale_require_signing = False
        cls.Measure = cls.env["bizreg.appraisal.measure"]
        cls.emp1 = cls.salesman.employee_id
        cls.emp2 = cls.salesman2.employee_id

    def _fixture(self):
        first, second = self.env["res.partner"].create(
            [{"name": "T New A"}, {"name": "T New B"}]
        )
        with freeze_time("2026-01-10 10:00:00"):
            self._plain_confirmed(self.salesman, first, 2000.0)
            self._plain_confirmed(self.salesman, second, 3000.0)
            self._plain_confirmed(self.salesman2, first, 500.0)
        with freeze_time("2026-02-10 10:00:00"):
            self._plain_confirmed(self.salesman, first, 7000.0)  # another period
            third = self.env["res.partner"].create({"name": "T New C"})
            self._plain_confirmed(self.salesman, third, 100.0)

    def test_sale_measures_hand_computed(self):
        self._fixture()
        results = self.Measure._bizreg_compute_measures(
            CODES, self.emp1 | self.emp2, date(2026, 1, 1), date(2026, 1, 31)
        )
        mine = {code: results[code][self.emp1.id] for code in CODES}
        self.assertEqual(mine["sale_revenue"][0], 5000.0)
        self.assertEqual(mine["sale_revenue"][1]["contracts_signed"], 2)
        # Product cost 500: margin = 5000 - 2 x 500.
        self.assertEqual(mine["sale_margin"][0], 4000.0)
        self.assertEqual(mine["sale_new_customers"][0], 2)
        self.assertEqual(mine["sale_contracts_signed"][0], 2)
        # No contract went through review, no satisfaction: no data, not 0%.
        self.assertIsNone(mine["sale_contract_review"][0])
        self.assertEqual(mine["sale_contract_review"][1]["contracts_reviewed"], 0)
        self.assertIsNone(mine["sale_satisfaction"][0])
        theirs = results["sale_revenue"][self.emp2.id]
        self.assertEqual(theirs[0], 500.0)
        # The customer bought from the first salesperson before: not new for the second.
        self.assertEqual(results["sale_new_customers"][self.emp2.id][0], 0)
        # January: no customer base at its start, so no growth rate (not 0%).
        self.assertIsNone(mine["sale_customer_growth"][0])
        self.assertEqual(mine["sale_customer_growth"][1]["customers_at_start"], 0)

    def test_sale_customer_growth_hand_computed(self):
        self._fixture()
        results = self.Measure._bizreg_compute_measures(
            ["sale_customer_growth", "sale_new_customers"],
            self.emp1 | self.emp2,
            date(2026, 2, 1),
            date(2026, 2, 28),
        )
        # February: two customers at its start (A, B), one new (C): 50%.
        value, figures = results["sale_customer_growth"][self.emp1.id]
        self.assertEqual(value, 50.0)
        self.assertEqual(
            figures,
            {"new_customers": 1, "customers_at_start": 2, "customer_growth_rate": 50.0},
        )
        # The second salesperson: one customer at the start, none new: 0%.
        self.assertEqual(results["sale_customer_growth"][self.emp2.id][0], 0.0)
        self.assertEqual(results["sale_new_customers"][self.emp1.id][0], 1)

    def test_sale_measures_constant_queries(self):
        self._fixture()
        Employee = self.env["hr.employee"]
        many = (
            Employee.create(
                [
                    {"name": f"T Seller {i}", "department_id": self.dept.id}
                    for i in range(30)
                ]
            )
            | self.emp1
            | self.emp2
        )
        counts = []
        self.Measure._bizreg_compute_measures(
            CODES, many, date(2026, 1, 1), date(2026, 1, 31)
        )
        for employees in (self.emp1 | self.emp2, many):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Measure._bizreg_compute_measures(
                CODES, employees, date(2026, 1, 1), date(2026, 1, 31)
            )
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], counts)
        # Seven measures share one call of the sales KPI API.
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.Measure._bizreg_compute_measures(
            CODES[:1], many, date(2026, 1, 1), date(2026, 1, 31)
        )
        self.assertEqual(self.env.cr.sql_log_count - before, counts[1])

    def test_monthly_cycle_uses_sale_measures(self):
        self._fixture()
        kpi = self.env.ref("bizreg_appraisal.kpi_sale_revenue")
        self.assertEqual(kpi.source, "measure")
        self.env["bizreg.appraisal.template"].create(
            {
                "name": "T measured sales",
                "sequence": 1,
                "department_ids": [Command.set(self.dept.ids)],
                "line_ids": [
                    Command.create({"kpi_id": kpi.id, "weight": 100, "target": 4000})
                ],
            }
        )
        cycle = self.env["bizreg.appraisal.cycle"].create(
            {
                "cycle_type": "monthly",
                "year": 2026,
                "period": 1,
                "with_evaluations": False,
            }
        )
        cycle._bizreg_add_employees(self.emp1 | self.emp2)
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        line = cycle.appraisal_ids.filtered(
            lambda a: a.employee_id == self.emp1
        ).line_ids
        self.assertEqual(line.actual_value, 5000.0)
        self.assertEqual(line.explanation, {"revenue": 5000.0, "contracts_signed": 2})
        # 125% of target: (1.25 - 0.5) / 0.5 x 100 = 150, capped at 120.
        self.assertEqual(line.score, 120.0)

    def test_demo_month_is_measured(self):
        """The demo's current month is computed from the demo orders."""
        if not self.env.ref("bizreg_sale.demo_order_huaxin", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        cycle = demo_month_cycle(self.env)
        self.assertEqual(len(cycle), 1)
        self.assertEqual(cycle.state, "calibration")
        seller = self.env.ref("bizreg_base.employee_sale_user")
        figures = self.env["sale.order"]._bizreg_kpi_sale(
            seller.user_id.ids, cycle.date_from, cycle.date_to
        )[seller.user_id.id]
        self.assertGreater(figures["revenue"], 0.0)
        line = cycle.appraisal_ids.line_ids.filtered(
            lambda line: (
                line.employee_id == seller
                and line.kpi_id == self.env.ref("bizreg_appraisal.kpi_sale_revenue")
            )
        )
        self.assertEqual(line.actual_value, round(figures["revenue"], 2))
        self.assertEqual(line.explanation["revenue"], figures["revenue"])
        self.assertFalse(line.no_data)
