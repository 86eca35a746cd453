# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestReturnVisit(BizregHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()
        Partner = cls.env["res.partner"]
        # Only our customers have a class in these tests.
        Partner.search(
            [("bizreg_customer_class", "!=", False)]
        ).bizreg_customer_class = False
        cls.cust_a = Partner.create(
            {
                "name": "A never visited",
                "bizreg_customer_class": "A",
                "bizreg_service_user_id": cls.agent.id,
            }
        )
        cls.cust_a2 = Partner.create(
            {
                "name": "A visited 2 weeks ago",
                "bizreg_customer_class": "A",
                "bizreg_service_user_id": cls.agent.id,
            }
        )
        cls.cust_b = Partner.create(
            {
                "name": "B visited 1 month ago",
                "bizreg_customer_class": "B",
                "bizreg_service_user_id": cls.agent2.id,
            }
        )
        cls.cust_c = Partner.create(
            {
                "name": "C visited 7 months ago",
                "bizreg_customer_class": "C",
                "bizreg_service_user_id": cls.agent2.id,
            }
        )
        cls.cust_none = Partner.create({"name": "No class"})
        Visit = cls.env["bizreg.return.visit"]
        for partner, done in (
            (cls.cust_a2, date(2026, 2, 20)),
            (cls.cust_b, date(2026, 2, 6)),
            (cls.cust_c, date(2025, 8, 1)),
        ):
            Visit.create(
                {
                    "partner_id": partner.id,
                    "user_id": partner.bizreg_service_user_id.id,
                    "date_planned": done,
                    "date_done": done,
                    "state": "done",
                    "feedback": "fine",
                    "satisfaction": "4",
                }
            )
        cls.plans = cls.env["bizreg.return.visit.plan"].search([])

    @freeze_time("2026-03-06 08:00:00")
    def test_plan_creates_exactly_the_due_visits(self):
        created = self.plans._bizreg_create_due_visits()
        self.assertEqual(created.partner_id, self.cust_a | self.cust_c)
        self.assertEqual(len(created), 2)
        visit_a = created.filtered(lambda v: v.partner_id == self.cust_a)
        self.assertEqual(visit_a.user_id, self.agent)
        self.assertEqual(visit_a.department_id, self.dept_service)
        self.assertEqual(visit_a.activity_ids.user_id, self.agent)
        # idempotent: the open visits are not created again
        self.assertFalse(self.plans._bizreg_create_due_visits())
        # a month after the last visit, the second key customer is due
        with freeze_time("2026-03-20 08:00:00"):
            again = self.env["bizreg.return.visit.plan"]._cron_return_visits()
            self.assertEqual(again.partner_id, self.cust_a2)

    @freeze_time("2026-03-06 08:00:00")
    def test_visit_outcome(self):
        visit = self.plans._bizreg_create_due_visits().filtered(
            lambda v: v.partner_id == self.cust_a
        )
        visit = visit.with_user(self.agent)
        with self.assertRaises(UserError), self.cr.savepoint():
            visit.action_done()
        self.assertEqual(visit.state, "planned")
        visit.write(
            {
                "feedback": "Wants a training",
                "satisfaction": "2",
                "needs": "On-site training",
                "churn_risk": True,
            }
        )
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.date_done, date(2026, 3, 6))
        self.assertFalse(visit.activity_ids)
        # the agent does not see the visits of another agent
        others = (
            self.env["bizreg.return.visit"]
            .with_user(self.agent)
            .search([("partner_id", "=", self.cust_b.id)])
        )
        self.assertFalse(others)
        # the manager of the department sees them
        self.assertTrue(
            self.env["bizreg.return.visit"]
            .with_user(self.manager)
            .search([("id", "=", visit.id)])
        )

    def test_customer_class_changed_by_managers_only(self):
        partner = self.cust_b
        with self.assertRaises(AccessError), self.cr.savepoint():
            partner.with_user(self.agent).write({"bizreg_customer_class": "A"})
        self.assertEqual(partner.bizreg_customer_class, "B")
        partner.with_user(self.manager).write({"bizreg_customer_class": "A"})
        self.assertEqual(partner.bizreg_customer_class, "A")
        self.env.cr.flush()  # runs the tracking of the change
        partner.invalidate_recordset(["message_ids"])
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id", "in", partner.message_ids.ids),
                ("field_id.name", "=", "bizreg_customer_class"),
            ]
        )
        self.assertTrue(tracking, "the change is kept in the chatter")

    def test_plan_bad_input(self):
        Plan = self.env["bizreg.return.visit.plan"]
        count = Plan.with_context(active_test=False).search_count([])
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Plan.create(
                {
                    "name": "bad",
                    "customer_class": "A",
                    "interval_number": -1,
                    "company_id": self.env["res.company"]
                    .create({"name": "Other Co"})
                    .id,
                }
            )
        self.assertEqual(Plan.with_context(active_test=False).search_count([]), count)
