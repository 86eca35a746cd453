# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The periodic-visit mechanism (bizreg.visit.plan.mixin, bizreg.visit.mixin)
on a fake plan and visit: generation by cadence, once per due partner and in
batches; the "done as planned" flag; overdue reminders and escalation; the
visitor's locked fields and the engine's."""

import re
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time
from odoo_test_helper import FakeModelLoader

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import assert_engine_fields_guarded, bizreg_test_user


@tagged("post_install", "-at_install")
class TestVisitMixin(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .models_visit import BizregTestVisit, BizregTestVisitPlan

        cls.loader.update_registry((BizregTestVisitPlan, BizregTestVisit))
        cls.Plan = cls.env["bizreg.test.visit.plan"]
        cls.Visit = cls.env["bizreg.test.visit"]
        cls.env["ir.model.access"].create(
            {
                "name": "test visit employees",
                "model_id": cls.env["ir.model"]._get_id("bizreg.test.visit"),
                "group_id": cls.env.ref("base.group_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
            }
        )
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.dept = cls.env["hr.department"].create({"name": "Test Visit Dept"})
        cls.head = bizreg_test_user(
            cls.env,
            "t_visit_head",
            ["bizreg_base.group_bizreg_area_manager"],
            cls.dept,
        )
        cls.dept.manager_id = cls.head.employee_id
        cls.visitor = bizreg_test_user(cls.env, "t_visit_user", [], cls.dept)
        cls.category = cls.env["res.partner.category"].create({"name": "Visited"})
        Partner = cls.env["res.partner"]

        def partner(name, visited=None, category=cls.category):
            rec = Partner.create({"name": name, "category_id": [(6, 0, category.ids)]})
            if visited:
                cls._visit(rec, visited, done=visited)
            return rec

        cls.plan = cls.Plan.create(
            {
                "name": "Monthly",
                "category_id": cls.category.id,
                "interval_number": 1,
                "interval_type": "months",
                "user_id": cls.visitor.id,
            }
        )
        cls.p_new = partner("Never visited")
        cls.p_recent = partner("Visited 2026-02-20", date(2026, 2, 20))
        cls.p_old = partner("Visited 2025-12-01", date(2025, 12, 1))
        cls.p_open = partner("Has a planned visit")
        cls._visit(cls.p_open, date(2026, 4, 1))
        cls.p_other = partner("Other class", category=cls.env["res.partner.category"])

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    @classmethod
    def _visit(cls, partner, planned, done=None, user=None):
        vals = {
            "partner_id": partner.id,
            "date_planned": planned,
            "user_id": (user or cls.visitor).id,
        }
        if done:
            vals.update(state="done", date_done=done)
        return cls.Visit.create(vals)

    @freeze_time("2026-03-06 08:00:00")
    def test_generation_once_per_due_partner_by_cadence(self):
        created = self.plan._bizreg_create_due_visits()
        self.assertEqual(created.partner_id, self.p_new | self.p_old)
        self.assertEqual(set(created.mapped("date_planned")), {date(2026, 3, 6)})
        self.assertEqual(created.user_id, self.visitor)
        self.assertEqual(created.department_id, self.dept)
        self.assertEqual(created.plan_id, self.plan)
        for visit in created:
            self.assertEqual(visit.activity_ids.user_id, self.visitor)
            self.assertEqual(visit.activity_ids.date_deadline, date(2026, 3, 6))
        # idempotent: nothing twice
        self.assertFalse(self.plan._bizreg_create_due_visits())
        # one month after its last visit the third partner is due, not before
        self.assertFalse(self.plan._bizreg_create_due_visits(today=date(2026, 3, 19)))
        again = self.plan._bizreg_create_due_visits(today=date(2026, 3, 20))
        self.assertEqual(again.partner_id, self.p_recent)
        # weeks and days cadences
        self.plan.write({"interval_number": 2, "interval_type": "weeks"})
        self.assertEqual(
            self.plan._bizreg_visit_next_date(date(2026, 2, 20), date(2026, 3, 6)),
            date(2026, 3, 6),
        )
        self.plan.write({"interval_number": 10, "interval_type": "days"})
        self.assertEqual(
            self.plan._bizreg_visit_next_date(date(2026, 2, 20), date(2026, 3, 6)),
            date(2026, 3, 2),
        )

    @freeze_time("2026-03-13 08:00:00")
    def test_lead_days_plan_ahead_on_the_due_day(self):
        self.plan.lead_days = 7
        created = self.plan._bizreg_create_due_visits()
        by_partner = {visit.partner_id: visit.date_planned for visit in created}
        self.assertEqual(
            by_partner,
            {
                self.p_new: date(2026, 3, 20),  # never visited: lead days ahead
                self.p_recent: date(2026, 3, 20),  # due on 03-20: planned then
                self.p_old: date(2026, 3, 13),  # late already: today
            },
        )

    @freeze_time("2026-03-06 08:00:00")
    def test_batches_and_cron_limit(self):
        more = self.env["res.partner"].create(
            [
                {"name": f"Batch {i}", "category_id": [(6, 0, self.category.ids)]}
                for i in range(5)
            ]
        )
        due = more | self.p_new | self.p_old
        with patch.object(type(self.Plan), "_bizreg_visit_batch", 3):
            first = self.Plan._bizreg_cron_visits()
            self.assertEqual(len(first), 3)
            second = self.plan._bizreg_create_due_visits(limit=3)
            self.assertEqual(len(second), 3)
            rest = self.plan._bizreg_create_due_visits()
        self.assertEqual((first | second | rest).partner_id, due)
        self.assertEqual(len(first | second | rest), len(due))

    def test_done_as_planned_flag(self):
        with freeze_time("2026-03-06 08:00:00"):
            on_time = self._visit(self.p_new, date(2026, 3, 6))
            on_time.with_user(self.visitor).action_done()
        with freeze_time("2026-03-09 08:00:00"):
            late = self._visit(self.p_old, date(2026, 3, 6))
            late.with_user(self.visitor).action_done()
        self.assertEqual(on_time.date_done, date(2026, 3, 6))
        self.assertTrue(on_time.done_on_time)
        self.assertEqual(late.state, "done")
        self.assertFalse(late.done_on_time)
        with self.assertRaises(UserError):
            late.action_done()
        cancelled = self._visit(self.p_recent, date(2026, 3, 6))
        cancelled.with_user(self.visitor).action_cancel()
        self.assertEqual(cancelled.state, "cancelled")
        self.assertFalse(cancelled.done_on_time)

    def test_overdue_reminder_then_escalation(self):
        visit = self._visit(self.p_new, date(2026, 3, 6))
        done = self._visit(self.p_old, date(2026, 3, 6), done=date(2026, 3, 6))
        Activity = self.env["mail.activity"]

        def activities(record):
            return Activity.search(
                [("res_model", "=", record._name), ("res_id", "=", record.id)]
            )

        # the planned day ends at 16:00 UTC (Asia/Shanghai)
        with freeze_time("2026-03-06 15:00:00"):
            self.Visit._bizreg_run_escalations()
        self.assertFalse(activities(visit))
        with freeze_time("2026-03-06 16:30:00"):
            fired = self.Visit._bizreg_run_escalations()
            self.assertEqual(fired["visit_overdue"], 1)
            self.assertFalse(self.Visit._bizreg_run_escalations()["visit_overdue"])
        self.assertEqual(activities(visit).user_id, self.visitor)
        self.assertTrue(visit.overdue_reminded_date)
        self.assertFalse(visit.escalated_date)
        self.assertFalse(activities(done))
        with freeze_time("2026-03-09 16:30:00"):
            fired = self.Visit._bizreg_run_escalations()
        self.assertEqual(fired["visit_escalation"], 1)
        self.assertEqual(activities(visit).user_id, self.visitor | self.head)
        self.assertTrue(visit.escalated_date)
        # planned again (by the head of department): due again
        visit.with_user(self.head).write({"date_planned": date(2026, 3, 20)})
        self.assertFalse(visit.overdue_reminded_date)
        self.assertFalse(visit.escalated_date)

    def test_visitor_keeps_his_day_and_the_engine_fields(self):
        visit = self._visit(self.p_new, date(2026, 3, 6))
        mine = visit.with_user(self.visitor)
        mine.write({"feedback": "Fine"})
        for vals in (
            {"date_planned": date(2026, 4, 1)},
            {"user_id": self.head.id},
        ):
            with self.assertRaises(AccessError), self.cr.savepoint():
                mine.write(vals)
        self.assertEqual(visit.date_planned, date(2026, 3, 6))
        # the same value is no change
        mine.write({"date_planned": date(2026, 3, 6), "user_id": self.visitor.id})
        visit.with_user(self.head).write({"date_planned": date(2026, 3, 9)})
        self.assertEqual(visit.date_planned, date(2026, 3, 9))
        tried = assert_engine_fields_guarded(self, visit, self.visitor)
        for name in (
            "state",
            "date_done",
            "done_on_time",
            "overdue_date",
            "escalation_date",
            "overdue_reminded_date",
            "escalated_date",
            "department_id",
        ):
            self.assertIn(name, tried)

    def test_plan_bad_input(self):
        for vals in (
            {"interval_number": 0},
            {"interval_number": -1},
            {"lead_days": -2},
        ):
            (name,) = vals
            label = re.escape(self.plan._fields[name].string)
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, f"“{label}” must be at least"),
                self.cr.savepoint(),
            ):
                self.plan.write(vals)
        self.assertEqual(self.plan.interval_number, 1)
        self.assertEqual(self.plan.lead_days, 0)
