# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partner communication plans and visits (bizreg_base's periodic-visit
mechanism): generation once per due partner, cadence, "done as planned",
overdue visits and follow-ups reminded and escalated, who sees and closes
what, the engine's fields, bad input and the KPI of the appraisal."""

from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .common import MeetingCommon


@tagged("post_install", "-at_install")
class TestPartnerVisit(MeetingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._meeting_setup()
        Partner = cls.env["res.partner"]
        # only our partners have a class, only our plan plans visits
        Partner.search([("bizreg_partner_class", "!=", False)]).write(
            {"bizreg_partner_class": False}
        )
        cls.Plan = cls.env["bizreg.partner.comm.plan"]
        cls.Visit = cls.env["bizreg.partner.visit"]
        cls.Followup = cls.env["bizreg.partner.visit.followup"]
        # class C: the demo's plan is for class A (one plan per class)
        cls.plan = cls.Plan.create(
            {
                "name": "Regular partners: monthly",
                "partner_class": "C",
                "interval_number": 1,
                "interval_type": "months",
                "department_id": cls.dept.id,
            }
        )
        cls.p_sales = Partner.create(
            {
                "name": "Regular with salesperson",
                "is_company": True,
                "bizreg_partner_class": "C",
                "user_id": cls.member.id,
            }
        )
        cls.p_plain = Partner.create(
            {"name": "Regular without salesperson", "bizreg_partner_class": "C"}
        )
        cls.p_key = Partner.create({"name": "Key partner", "bizreg_partner_class": "B"})
        cls.contact = Partner.create(
            {"name": "Their buyer", "parent_id": cls.p_sales.id}
        )

    def _visit(self, user=None, partner=None, planned=date(2026, 3, 6), **vals):
        return self.Visit.create(
            {
                "partner_id": (partner or self.p_sales).id,
                "user_id": (user or self.member).id,
                "date_planned": planned,
                "purpose": "Review",
                **vals,
            }
        )

    def _activities(self, record):
        return self.env["mail.activity"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    # ------------------------------------------------------------------
    def _contacts(self, partner):
        contact_type = self.env.ref("bizreg_meeting.mail_activity_type_partner_contact")
        return self._activities(partner).filtered(
            lambda a: a.activity_type_id == contact_type
        )

    def test_contacts_scheduled_at_the_plan_cadence(self):
        """Every two weeks without a contact, the partner's salesperson (the
        plan's responsible for a partner without one) gets a contact
        activity; a contact done or a visit done restarts the cadence; an
        open contact activity is never doubled."""
        self.plan.write(
            {"contact_interval_number": 2, "contact_interval_type": "weeks"}
        )
        with freeze_time("2026-03-02 02:00:00"):
            created = self.plan._bizreg_schedule_contacts()
            self.assertEqual(
                created.mapped("res_id"), [self.p_sales.id, self.p_plain.id]
            )
            contact = self._contacts(self.p_sales)
            self.assertEqual(contact.user_id, self.member)
            self.assertEqual(contact.date_deadline, date(2026, 3, 2))
            self.assertEqual(self._contacts(self.p_plain).user_id, self.head)
            self.assertFalse(self._contacts(self.p_key), "class B: not this plan")
            # open: not doubled
            self.assertFalse(self.plan._bizreg_schedule_contacts())
            contact.with_user(self.member).action_feedback(feedback="Called the buyer")
        # visited on 10 March
        visit = self._visit(partner=self.p_plain, planned=date(2026, 3, 10))
        with freeze_time("2026-03-10 02:00:00"):
            self._activities(self.p_plain).unlink()
            visit._bizreg_engine_write(
                {"state": "done", "date_done": date(2026, 3, 10)}
            )
        with freeze_time("2026-03-15 02:00:00"):
            self.assertFalse(self.plan._bizreg_schedule_contacts(), "contacted lately")
        with freeze_time("2026-03-16 02:00:00"):
            # two weeks after the call of 2 March, not yet after the visit
            self.assertEqual(
                self.plan._bizreg_schedule_contacts().res_id, self.p_sales.id
            )
        with freeze_time("2026-03-24 02:00:00"):
            self.assertEqual(
                self.plan._bizreg_schedule_contacts().res_id, self.p_plain.id
            )

    def test_contact_cron_constant_queries_in_partners(self):
        """The contacts of a plan are scheduled in the same number of queries
        for 2 and for 12 due partners (one batch)."""
        Partner = self.env["res.partner"]

        def run(extra):
            Partner.create(
                [{"name": f"P {i}", "bizreg_partner_class": "C"} for i in range(extra)]
            )
            self.env["mail.activity"].search(
                [("res_model", "=", "res.partner")]
            ).unlink()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            created = self.plan._bizreg_schedule_contacts()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before, len(created)

        with freeze_time("2026-03-02 02:00:00"):
            run(0)  # warm-up
            few, few_created = run(0)
            many, many_created = run(10)
        self.assertEqual((few_created, many_created), (2, 12))
        self.assertLessEqual(many, few + 2, (few, many))

    @freeze_time("2026-03-06 02:00:00")
    def test_generation_once_per_due_partner(self):
        created = self.plan._bizreg_create_due_visits()
        self.assertEqual(created.partner_id, self.p_sales | self.p_plain)
        by_partner = {visit.partner_id: visit for visit in created}
        # the salesperson visits his partner; else the department's head
        self.assertEqual(by_partner[self.p_sales].user_id, self.member)
        self.assertEqual(by_partner[self.p_plain].user_id, self.head)
        self.assertEqual(by_partner[self.p_sales].department_id, self.dept)
        self.assertEqual(created.plan_id, self.plan)
        self.assertEqual(set(created.mapped("date_planned")), {date(2026, 3, 6)})
        self.assertEqual(
            self._activities(by_partner[self.p_sales]).user_id, self.member
        )
        # idempotent, through the cron too
        self.assertFalse(self.plan._bizreg_create_due_visits())
        self.assertFalse(self.Plan._cron_partner_visits())
        self.assertEqual(self.Visit.search_count([("plan_id", "=", self.plan.id)]), 2)

    def test_next_visit_by_cadence(self):
        with freeze_time("2026-03-06 02:00:00"):
            visit = self.plan._bizreg_create_due_visits().filtered(
                lambda v: v.partner_id == self.p_sales
            )
            visit.with_user(self.member).write({"feedback": "Satisfied"})
            visit.with_user(self.member).action_done()
            self.assertTrue(visit.done_on_time)
        for day, expected in (
            (date(2026, 4, 5), self.env["res.partner"]),
            (date(2026, 4, 6), self.p_sales),
        ):
            created = self.plan._bizreg_create_due_visits(today=day)
            self.assertEqual(
                created.filtered(lambda v: v.partner_id == self.p_sales).partner_id,
                expected,
                day,
            )
        # a plan of visits every two weeks, planned 3 days ahead
        self.plan.write(
            {"interval_number": 2, "interval_type": "weeks", "lead_days": 3}
        )
        self.assertEqual(
            self.plan._bizreg_visit_next_date(date(2026, 3, 6), date(2026, 3, 10)),
            date(2026, 3, 20),
        )

    def test_done_as_planned_and_report_required(self):
        on_time = self._visit().with_user(self.member)
        late = self._visit(partner=self.p_plain).with_user(self.member)
        with freeze_time("2026-03-06 09:00:00"):
            with self.assertRaises(UserError), self.cr.savepoint():
                on_time.action_done()  # no feedback heard yet
            self.assertEqual(on_time.state, "planned")
            on_time.write({"feedback": "Wants shorter lead times"})
            on_time.action_done()
        with freeze_time("2026-03-10 09:00:00"):
            late.write({"feedback": "Fine"})
            late.action_done()
        self.assertEqual(on_time.date_done, date(2026, 3, 6))
        self.assertTrue(on_time.done_on_time)
        self.assertEqual(late.state, "done")
        self.assertFalse(late.done_on_time)
        # the report of a visit done is the record: it no longer changes
        with self.assertRaises(UserError), self.cr.savepoint():
            on_time.write({"feedback": "Rewritten"})
        self.assertEqual(on_time.feedback, "Wants shorter lead times")

    def test_overdue_visit_reminded_then_escalated(self):
        visit = self._visit()
        own_head = self._visit(user=self.head, partner=self.p_plain)
        # 2026-03-06 ends at 16:00 UTC in Asia/Shanghai
        with freeze_time("2026-03-06 15:00:00"):
            self.Plan._cron_partner_visits()
        self.assertFalse(self._activities(visit))
        with freeze_time("2026-03-06 16:30:00"):
            fired = self.Visit._bizreg_run_escalations()
        self.assertEqual(fired["visit_overdue"], 2)
        new = self._activities(visit)
        self.assertEqual(new.user_id, self.member)
        self.assertIn(self.p_sales.name, new.summary)
        with freeze_time("2026-03-09 16:30:00"):
            self.Plan._cron_partner_visits()
        self.assertTrue(visit.escalated_date)
        escalated = self._activities(visit) - new
        self.assertEqual(escalated.user_id, self.head)
        # the head's own overdue visit goes to the Director
        director_group = self.env.ref("bizreg_base.group_bizreg_director")
        self.assertTrue(
            self._activities(own_head).user_id & director_group.users,
        )
        # a visit done is not escalated
        done = self._visit(partner=self.p_key, feedback="ok")
        done.action_done()
        with freeze_time("2026-04-30 16:30:00"):
            self.Visit._bizreg_run_escalations()
        self.assertFalse(done.overdue_reminded_date)
        self.assertFalse(done.escalated_date)

    def test_followups_reminded_escalated_and_closed_by_their_people(self):
        visit = self._visit(participant_ids=[(6, 0, self.member2.ids)])
        followup = (
            self.Followup.with_user(self.member)
            .create(
                {
                    "visit_id": visit.id,
                    "name": "Send the spare-parts offer",
                    "user_id": self.member2.id,
                    "date_deadline": date(2026, 3, 20),
                }
            )
            .sudo()
        )
        self.assertEqual(followup.partner_id, self.p_sales)
        # reminded the day before (19th starts 18th 16:00 UTC), escalated
        # when the due day is over
        with freeze_time("2026-03-18 15:00:00"):
            self.Followup._cron_deadlines()
        self.assertFalse(self._activities(followup))
        with freeze_time("2026-03-18 16:30:00"):
            self.Followup._cron_deadlines()
        self.assertEqual(self._activities(followup).user_id, self.member2)
        with freeze_time("2026-03-20 16:30:00"):
            self.Followup._cron_deadlines()
        self.assertEqual(self._activities(followup).user_id, self.member2 | self.head)
        # a participant who does not own it, a stranger: cannot close it
        for user in (self.stranger,):
            with self.assertRaises(AccessError), self.cr.savepoint():
                followup.with_user(user).action_done()
        with self.assertRaises(AccessError), self.cr.savepoint():
            followup.with_user(self.member2).write({"date_deadline": date(2026, 4, 1)})
        self.assertEqual(followup.state, "open")
        # its owner does
        with freeze_time("2026-03-21 02:00:00"):
            followup.with_user(self.member2).write({"result": "Offer sent"})
            followup.with_user(self.member2).action_done()
        self.assertEqual(followup.state, "done")
        self.assertFalse(followup.done_on_time)
        with self.assertRaises(UserError), self.cr.savepoint():
            followup.with_user(self.member).write({"name": "Changed"})
        # a follow-up owned by the visitor's colleague: the visitor's
        # participant cannot close one he only reads
        other = self.Followup.with_user(self.member).create(
            {
                "visit_id": visit.id,
                "name": "Call back",
                "user_id": self.member.id,
                "date_deadline": date(2026, 3, 25),
            }
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            other.with_user(self.member2).action_done()
        self.assertEqual(other.state, "open")

    def test_record_rules(self):
        visit = self._visit(participant_ids=[(6, 0, self.member2.ids)])
        alone = self._visit(user=self.member2, partner=self.p_plain)
        for user, sees, writes in (
            (self.member, visit, visit),
            (self.member2, visit | alone, alone),
            (self.head, visit | alone, visit | alone),
            (self.other_head, self.Visit, self.Visit),
            (self.stranger, self.Visit, self.Visit),
            (self.director, visit | alone, visit | alone),
            (self.auditor, visit | alone, self.Visit),
        ):
            with self.subTest(user=user.login):
                Visit = self.Visit.with_user(user)
                self.assertEqual(
                    Visit.search([("id", "in", (visit | alone).ids)]),
                    sees.with_user(user),
                )
                for record in visit | alone:
                    if record in writes:
                        record.with_user(user).write({"purpose": f"By {user.login}"})
                    else:
                        with self.assertRaises(AccessError), self.cr.savepoint():
                            record.with_user(user).write({"purpose": "forged"})
        # a user plans his own visits, not his colleague's
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Visit.with_user(self.member).create(
                {"partner_id": self.p_key.id, "user_id": self.member2.id}
            )
        mine = self.Visit.with_user(self.member).create(
            {"partner_id": self.p_key.id, "user_id": self.member.id}
        )
        self.assertEqual(mine.department_id, self.dept)
        # plans: read by everyone, changed by the head of their department
        self.assertTrue(self.plan.with_user(self.stranger).name)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.plan.with_user(self.other_head).write({"lead_days": 3})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.plan.with_user(self.member).write({"lead_days": 3})
        self.plan.with_user(self.head).write({"lead_days": 3})
        self.assertEqual(self.plan.lead_days, 3)

    def test_visitor_keeps_his_day_and_the_engine_fields(self):
        visit = self._visit()
        for vals in (
            {"date_planned": date(2026, 4, 30)},
            {"user_id": self.member2.id},
        ):
            with self.assertRaises(AccessError), self.cr.savepoint():
                visit.with_user(self.member).write(vals)
        self.assertEqual(visit.date_planned, date(2026, 3, 6))
        visit.with_user(self.head).write({"date_planned": date(2026, 3, 9)})
        self.assertEqual(visit.date_planned, date(2026, 3, 9))
        tried = assert_engine_fields_guarded(self, visit, self.member)
        for name in (
            "state",
            "date_done",
            "done_on_time",
            "partner_class",
            "department_id",
            "overdue_date",
            "escalated_date",
        ):
            self.assertIn(name, tried)
        followup = self.Followup.with_user(self.member).create(
            {
                "visit_id": visit.id,
                "name": "Send the offer",
                "user_id": self.member.id,
                "date_deadline": date(2026, 3, 20),
            }
        )
        tried = assert_engine_fields_guarded(self, followup, self.member)
        for name in ("state", "date_done", "done_on_time", "reminded_date"):
            self.assertIn(name, tried)

    def test_bad_input(self):
        for vals in (
            {"interval_number": 0},
            {"interval_number": -3},
            {"contact_interval_number": 0},
            {"lead_days": -1},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                with self.cr.savepoint():
                    self.plan.write(vals)
        self.assertEqual(self.plan.interval_number, 1)
        with (
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
            mute_logger("odoo.sql_db"),
        ):
            self.Plan.create(
                {
                    "name": "Second plan of class C",
                    "partner_class": "C",
                    "department_id": self.dept.id,
                }
            )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._visit().with_user(self.member).write({"visit_type": "pigeon"})

    def test_partner_class_set_by_heads_only(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.p_key.with_user(self.member).write({"bizreg_partner_class": "A"})
        self.assertEqual(self.p_key.bizreg_partner_class, "B")
        self.p_key.with_user(self.head).write({"bizreg_partner_class": "A"})
        self.assertEqual(self.p_key.bizreg_partner_class, "A")
        self.assertEqual(self.p_key.bizreg_partner_visit_count, 0)

    def test_kpi_visits_done_as_planned(self):
        def visit(user, planned, done=None, partner=None, state=None):
            rec = self._visit(user=user, planned=planned, partner=partner)
            if done:
                with freeze_time(f"{done} 02:00:00"):
                    rec.write({"feedback": "ok"})
                    rec.action_done()
            if state == "cancelled":
                rec.action_cancel()
            return rec

        visit(self.member, date(2026, 3, 2), done="2026-03-02")
        visit(self.member, date(2026, 3, 3), done="2026-03-05")
        visit(self.member, date(2026, 3, 4))
        visit(self.member, date(2026, 3, 5), state="cancelled")
        visit(self.member, date(2026, 4, 2), done="2026-04-01")
        visit(self.member2, date(2026, 3, 10), done="2026-03-09")
        Visit = self.Visit.with_user(self.director)
        counts = []
        for users in (self.member, self.member | self.member2 | self.head):
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            figures = Visit._bizreg_kpi_visits(
                users, date(2026, 3, 1), date(2026, 3, 31), self.company
            )
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 2)
        self.assertEqual(
            figures,
            {
                self.member.id: {"planned": 3, "done_on_time": 1},
                self.member2.id: {"planned": 1, "done_on_time": 1},
                self.head.id: {"planned": 0, "done_on_time": 0},
            },
        )

    def test_demo_plan(self):
        plan = self.env.ref(
            "bizreg_meeting.demo_partner_comm_plan_strategic", raise_if_not_found=False
        )
        if not plan:
            self.skipTest("demo data not loaded")
        done = self.env.ref("bizreg_meeting.demo_partner_visit_done")
        overdue = self.env.ref("bizreg_meeting.demo_partner_visit_overdue")
        self.assertEqual(done.state, "done")
        self.assertTrue(done.done_on_time)
        self.assertEqual(overdue.state, "planned")
        self.assertLess(overdue.date_planned, date.today())
        self.assertEqual(plan.department_id.manager_id.user_id, plan.user_id)

    def test_state_labels_translated(self):
        """The visit states come from bizreg_base's visit mixin, installed
        before this module: the labels are still Chinese in zh_CN."""
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        labels = dict(
            env["bizreg.partner.visit"]._fields["state"]._description_selection(env)
        )
        self.assertEqual(labels["planned"], "已计划")
        self.assertNotEqual(labels["done"], "Done")
