# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_appraisal.tests.common import query_counts
from odoo.addons.bizreg_sale.tests.common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestContractReviewPeers(BizregSaleCommon, TransactionCase):
    """Collaboration source "contract_reviews": the salesperson of a confirmed
    contract and the users who reviewed it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.dept_legal = Department.create({"name": "Test Legal"})
        cls.dept_risk = Department.create({"name": "Test Risk"})
        cls.dept_board = Department.create({"name": "Test Management"})
        # The finance reviewer works in the salesman's department.
        for user, department in (
            (cls.legal, cls.dept_legal),
            (cls.risk, cls.dept_risk),
            (cls.director, cls.dept_board),
            (cls.finance, cls.dept),
        ):
            Employee.create(
                {"name": user.name, "user_id": user.id, "department_id": department.id}
            )
        cls.emp = {
            user: user.employee_id
            for user in (
                cls.salesman,
                cls.salesman2,
                cls.legal,
                cls.finance,
                cls.risk,
                cls.director,
            )
        }
        cls.Collaboration = cls.env["bizreg.appraisal.collaboration"]

    def _fixture(self):
        with freeze_time("2026-01-10 10:00:00"):
            big = self._submit(self._quotation(price=1500000))
            self._countersign(big)
            self._approve(big, self.director, "Approved.")
            self._sign(big)
            big.with_user(self.salesman).action_confirm()
            self._confirmed(self.salesman)
            self._confirmed(self.salesman)
            self._confirmed(self.salesman2)
            # Reviewed but not confirmed: not a contract of the period.
            self._countersign(self._submit(self._quotation()))
        with freeze_time("2026-02-10 10:00:00"):
            self._confirmed(self.salesman)  # another period

    def test_contract_review_source_counts(self):
        self._fixture()
        emp = self.emp
        found = self.Collaboration._bizreg_collaboration_contract_reviews(
            emp[self.salesman] | emp[self.legal],
            date(2026, 1, 1),
            date(2026, 1, 31),
        )
        self.assertEqual(
            found[emp[self.salesman].id],
            {
                emp[self.legal].id: 3,
                emp[self.finance].id: 3,
                emp[self.risk].id: 3,
                emp[self.director].id: 1,
            },
        )
        self.assertEqual(
            found[emp[self.legal].id],
            {emp[self.salesman].id: 3, emp[self.salesman2].id: 1},
        )

    def test_contract_review_peers_ranked(self):
        self._fixture()
        emp = self.emp
        found = self.Collaboration._bizreg_collaborators(
            emp[self.salesman], date(2026, 1, 1), date(2026, 1, 31)
        )[emp[self.salesman].id]
        label = "Contract reviews"
        self.assertEqual(
            found,
            [
                # Other departments first, by number of contracts ...
                (emp[self.legal].id, 3, {label: 3}),
                (emp[self.risk].id, 3, {label: 3}),
                (emp[self.director].id, 1, {label: 1}),
                # ... then the finance reviewer of the same department.
                (emp[self.finance].id, 3, {label: 3}),
            ],
        )

    def test_contract_review_source_constant_queries(self):
        self._fixture()
        Employee = self.env["hr.employee"]
        many = Employee.browse([e.id for e in self.emp.values()]) | Employee.create(
            [
                {"name": f"T Seller {i}", "department_id": self.dept.id}
                for i in range(20)
            ]
        )
        self.Collaboration._bizreg_collaborators(
            many, date(2026, 1, 1), date(2026, 1, 31)
        )
        counts = query_counts(
            self.env,
            lambda employees: self.Collaboration._bizreg_collaboration_contract_reviews(
                employees, date(2026, 1, 1), date(2026, 1, 31)
            ),
            self.emp[self.salesman],
            many,
        )
        self.assertEqual(counts[0], counts[1], counts)
