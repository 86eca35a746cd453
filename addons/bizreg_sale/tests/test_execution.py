# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestExecution(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()
        cls.company.bizreg_sale_tracking_days = 7
        cls.update_type = cls.env.ref("bizreg_sale.mail_activity_bizreg_sale_update")
        cls.logistics = cls.env["res.users"].browse(cls.director.id)

    def _updates(self, order):
        return order.activity_ids.filtered(
            lambda a: a.activity_type_id == self.update_type
        )

    def test_handoff_activities_on_confirmation(self):
        self.env["bizreg.sale.handoff.rule"].search([]).active = False
        other = self.env["product.category"].create({"name": "Other goods"})
        self.env["bizreg.sale.handoff.rule"].create(
            [
                {
                    "name": "Machines to logistics",
                    "handoff_type": "delivery",
                    "categ_ids": [(6, 0, self.product.categ_id.ids)],
                    "user_id": self.logistics.id,
                },
                {
                    "name": "Other goods to purchasing",
                    "handoff_type": "purchase",
                    "categ_ids": [(6, 0, other.ids)],
                    "user_id": self.manager.id,
                },
            ]
        )
        order = self._confirmed()
        followup = self.env.ref("bizreg_base.mail_activity_bizreg_followup")
        # scheduled by the hand-off cron, not while the salesperson waits
        self.assertFalse(
            order.activity_ids.filtered(lambda a: a.activity_type_id == followup)
        )
        self.assertTrue(order.bizreg_handoff_due)
        self.env["sale.order"]._cron_bizreg_sale_handoffs()
        self.assertTrue(order.bizreg_handoff_date)
        # once: the next run has nothing to do
        self.assertEqual(
            self.env["sale.order"]._cron_bizreg_sale_handoffs(), {"handoff": 0}
        )
        handoffs = order.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("bizreg_base.mail_activity_bizreg_followup")
            )
        )
        self.assertEqual(handoffs.user_id, self.logistics)
        self.assertEqual(len(handoffs), 1)
        self.assertIn(order.bizreg_number, handoffs.summary)

    def test_handoffs_of_one_call_tell_each_recipient_once(self):
        self.env["bizreg.sale.handoff.rule"].search([]).active = False
        self.env["bizreg.sale.handoff.rule"].create(
            {
                "name": "Machines to logistics",
                "handoff_type": "delivery",
                "categ_ids": [(6, 0, self.product.categ_id.ids)],
                "user_id": self.logistics.id,
            }
        )
        orders = self.env["sale.order"]
        for _i in range(3):
            order = self._submit(self._quotation())
            self._countersign(order)
            self._sign(order)
            orders |= order
        Message = self.env["mail.message"]
        seen = Message.search([]).ids
        orders.with_user(self.salesman).action_confirm()
        # a cancelled contract gets no hand-off
        cancelled = self._submit(self._quotation())
        self._countersign(cancelled)
        self._sign(cancelled)
        cancelled.with_user(self.salesman).action_confirm()
        cancelled.with_user(self.salesman)._action_cancel()
        self.env["sale.order"]._cron_bizreg_sale_handoffs()
        self.assertFalse(cancelled.activity_ids.filtered("automated"))
        handoffs = orders.activity_ids.filtered(
            lambda a: a.user_id == self.logistics and a.automated
        )
        self.assertEqual(len(handoffs), 3)
        notices = Message.search(
            [
                ("id", "not in", seen),
                ("partner_ids", "in", self.logistics.partner_id.ids),
            ]
        )
        # one notice listing the three hand-offs, not three "assigned to you"
        self.assertEqual(len(notices), 1)
        for order in orders:
            self.assertIn(order.bizreg_number, notices.body)

    def test_tracking_cron_one_activity_per_due_order(self):
        start = datetime(2026, 3, 2, 9, 0)
        with freeze_time(start):
            due1 = self._confirmed()
            due2 = self._confirmed(self.salesman2)
        with freeze_time(start + timedelta(days=5)):
            fresh = self._confirmed()
        Order = self.env["sale.order"]
        with freeze_time(start + timedelta(days=8)):
            self.assertEqual(Order._cron_bizreg_sale_tracking().get("tracking"), 2)
            # Idempotent: a second run creates nothing.
            self.assertEqual(Order._cron_bizreg_sale_tracking().get("tracking"), 0)
        self.assertEqual(len(self._updates(due1)), 1)
        self.assertEqual(len(self._updates(due2)), 1)
        self.assertEqual(self._updates(due1).user_id, self.salesman)
        self.assertFalse(self._updates(fresh))
        # The salesperson updates the customer: the cadence restarts from then.
        with freeze_time(start + timedelta(days=9)):
            self._updates(due1).with_user(self.salesman).action_feedback(
                "Customer informed"
            )
        self.assertFalse(due1.bizreg_tracking_activity_date)
        self.assertEqual(due1.bizreg_tracking_deadline, start + timedelta(days=16))
        with freeze_time(start + timedelta(days=13)):
            self.assertEqual(Order._cron_bizreg_sale_tracking().get("tracking"), 1)
        self.assertEqual(len(self._updates(fresh)), 1)
        self.assertFalse(self._updates(due1))
        # A completed order is no longer tracked.
        with freeze_time(start + timedelta(days=14)):
            self.env["bizreg.sale.complete.wizard"].with_user(self.salesman).create(
                {"order_id": due1.id, "satisfaction": "4"}
            ).action_complete()
        with freeze_time(start + timedelta(days=30)):
            Order._cron_bizreg_sale_tracking()
        self.assertFalse(self._updates(due1))

    def test_on_time_delivery_and_satisfaction(self):
        with freeze_time("2026-04-01 10:00:00"):
            on_time = self._confirmed()
            late = self._confirmed()
            on_time.with_user(self.salesman).bizreg_planned_delivery_date = date(
                2026, 4, 10
            )
            late.with_user(self.salesman).bizreg_planned_delivery_date = date(
                2026, 4, 5
            )
        with freeze_time("2026-04-09 10:00:00"):
            for order, score in ((on_time, "5"), (late, "3")):
                self.env["bizreg.sale.complete.wizard"].with_user(self.salesman).create(
                    {"order_id": order.id, "satisfaction": score, "comment": "ok"}
                ).action_complete()
        self.assertTrue(on_time.bizreg_on_time)
        self.assertEqual(on_time.bizreg_delay_days, 0)
        self.assertFalse(late.bizreg_on_time)
        self.assertEqual(late.bizreg_delay_days, 4)
        self.assertEqual(on_time.bizreg_satisfaction, 5)
        self.assertEqual(late.bizreg_contract_state, "done")
        with self.assertRaises(UserError):
            on_time.with_user(self.salesman)._bizreg_complete(date(2026, 4, 9), 4)

    def test_bad_satisfaction_refused(self):
        order = self._confirmed()
        with self.assertRaises(ValidationError):
            order.with_user(self.salesman)._bizreg_complete(date.today(), 7, "great")
        order.invalidate_recordset()
        self.assertEqual(order.bizreg_satisfaction, 0)
        self.assertEqual(order.bizreg_execution_state, "open")
        # the score is the engine's: written only by the completion
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).write({"bizreg_satisfaction": 7})
        self.assertEqual(order.bizreg_satisfaction, 0)

    def test_bad_bottom_line_refused(self):
        BottomLine = self.env["bizreg.sale.bottom.line"]
        bad_values = [
            {"min_price": -5},
            {"min_margin_percent": 5, "director_margin_percent": 10},
            {"max_discount": 30, "director_discount": 20},
            {"max_discount": 150, "director_discount": 160},
        ]
        for values in bad_values:
            with self.subTest(values=values), self.assertRaises(ValidationError):
                BottomLine.create(dict({"name": "Bad rule"}, **values))
        self.assertFalse(BottomLine.search([("name", "=", "Bad rule")]))

    def test_issue_log(self):
        order = self._confirmed()
        issue = (
            self.env["bizreg.sale.order.issue"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "name": "Late components"})
        )
        with self.assertRaises(ValidationError):
            issue.action_resolve()
        issue.resolution = "Supplier expedited the shipment"
        issue.action_resolve()
        self.assertEqual(issue.state, "resolved")
        self.assertEqual(order.bizreg_open_issue_count, 0)
