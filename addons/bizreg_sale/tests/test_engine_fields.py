# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""bizreg_base's engine-owned field guard, proven on every regulated model of
the sales area: a realistic record, and a user who may otherwise write it,
tries every field the application sets; each write is refused and changes
nothing."""

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import (
    assert_user_writes_then_guarded,
    bizreg_test_user,
)

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestSaleEngineFields(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()
        cls.reg_admin = bizreg_test_user(
            cls.env, "t_xs_regadmin", ["bizreg_base.group_bizreg_admin"]
        )

    def _guarded(self, record, user, user_vals=None, expected=()):
        return assert_user_writes_then_guarded(self, record, user, user_vals, expected)

    def _lead(self):
        return (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create({"name": "Prospect", "type": "lead", "user_id": self.salesman.id})
        )

    def test_quotation_in_scope(self):
        order = self._quotation()
        self.assertEqual(order._bizreg_contract_scope(), order)
        self._guarded(
            order,
            self.salesman,
            {"note": "<p>Delivery to the east gate</p>"},
            (
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "validation_status",
                "bizreg_rejection_count",
                "bizreg_approved_digest",
                "bizreg_department_id",
                "bizreg_amount_total_company",
                "bizreg_bottom_line_level",
                "bizreg_below_bottom_line",
                "bizreg_signed",
                "bizreg_execution_state",
                "bizreg_actual_delivery_date",
                "bizreg_completed_date",
                "bizreg_satisfaction",
                "bizreg_last_tracking_date",
                "bizreg_submitted_date",
            ),
        )

    def test_lead(self):
        lead = self._lead()
        self._guarded(
            lead,
            self.salesman,
            {"bizreg_needs": "Two machines before spring"},
            (
                "bizreg_score",
                "bizreg_qualified",
                "bizreg_screening_override",
                "bizreg_override_reason",
                "bizreg_override_user_id",
                "bizreg_override_date",
                "bizreg_department_id",
            ),
        )

    def test_lead_score_line(self):
        line = self._lead().bizreg_score_ids[:1]
        self.assertTrue(line)
        self._guarded(
            line,
            self.salesman,
            {"note": "Budget confirmed"},
            ("sequence",),
        )

    def test_negotiation_rounds(self):
        Negotiation = self.env["bizreg.sale.negotiation"].with_user(self.salesman)
        on_lead = Negotiation.create(
            {"lead_id": self._lead().id, "proposed_price": 900}
        )
        on_order = Negotiation.create(
            {"order_id": self._quotation().id, "proposed_price": 950}
        )
        for rnd in on_lead | on_order:
            self._guarded(
                rnd,
                self.salesman,
                {"strategy": "Price against volume"},
                ("user_id", "bizreg_department_id"),
            )

    def test_order_issue(self):
        order = self._confirmed()
        issue = (
            self.env["bizreg.sale.order.issue"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "name": "Late components"})
        )
        self._guarded(
            issue,
            self.salesman,
            {"description": "The supplier is two weeks late"},
            # the state changes through Resolve / Reopen (a resolution and
            # its date go with it), never by hand
            ("state", "resolved_date", "user_id", "bizreg_department_id"),
        )
        issue.with_user(self.salesman).write({"resolution": "Expedited"})
        issue.with_user(self.salesman).action_resolve()
        self.assertEqual(issue.state, "resolved")
        self.assertTrue(issue.resolved_date)

    def test_configuration(self):
        """Configuration is the Regulation Administrator's: what it computes
        or relates is still not his to write."""
        records = (
            self.env["bizreg.sale.score.criterion"].create({"name": "T Budget"}),
            self.env["bizreg.sale.bottom.line"].create(
                {"name": "T Floor", "max_discount": 10, "director_discount": 20}
            ),
            self.env["bizreg.sale.handoff.rule"].create(
                {
                    "name": "T Hand-off",
                    "handoff_type": "delivery",
                    "department_id": self.dept.id,
                    "user_id": self.manager.id,
                }
            ),
        )
        for record in records:
            with self.subTest(model=record._name):
                self._guarded(record, self.reg_admin, {"sequence": 3})
