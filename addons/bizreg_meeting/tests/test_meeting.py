# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Department meetings: generation from a series, attendance, minutes
approved by the chair, approved-terms fingerprint, numbering, engine-owned
fields, record rules and bad input, as the meeting's people."""

from datetime import timedelta

from markupsafe import Markup
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .meeting_helpers import MeetingFlowCommon


@tagged("post_install", "-at_install")
class TestMeeting(MeetingFlowCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._meeting_flow_setup()

    def test_series_defaults_from_department(self):
        self.assertEqual(self.series.chair_id, self.head)
        self.assertEqual(self.series.member_ids, self.member | self.member2)

    def test_generation_creates_meetings_with_calendar_events(self):
        meetings = self.series.with_user(self.head)._generate_meetings()
        # today and a week later, both in the 14-day horizon
        self.assertEqual(len(meetings), 3)
        self.assertEqual(
            sorted(meetings.mapped("date")),
            [self.today + timedelta(days=d) for d in (0, 7, 14)],
        )
        first = meetings.sorted("start")[0]
        self.assertEqual(first.chair_id, self.head)
        self.assertEqual(first.user_id, self.member)
        self.assertEqual(first.department_id, self.dept)
        self.assertEqual(first.state, "planned")
        self.assertEqual(first.stop - first.start, timedelta(hours=1.5))
        event = first.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.start, first.start)
        self.assertEqual(
            event.partner_ids,
            (self.head | self.member | self.member2).partner_id,
        )
        self.assertEqual(
            first.attendance_ids.user_id, self.head | self.member | self.member2
        )
        self.assertEqual(
            first.agenda_line_ids.mapped("name"), ["Last week", "This week"]
        )
        # the meetings are the system's, not the head's who pressed the button
        self.assertNotEqual(first.create_uid, self.head)
        # nothing twice
        self.assertFalse(self.series._generate_meetings())
        # the member sees his meeting in his calendar
        self.assertIn(
            event, self.env["calendar.event"].with_user(self.member).search([])
        )

    def test_excused_needs_a_reason(self):
        meeting = self._meeting()
        line = meeting.attendance_ids.filtered(lambda a: a.user_id == self.member2)
        with self.assertRaises(ValidationError) as err:
            line.with_user(self.member).write({"status": "excused"})
        self.assertIn("Reason", str(err.exception))
        line.with_user(self.member).write(
            {"status": "excused", "reason": "Customer visit"}
        )
        self.assertEqual(line.status, "excused")
        meeting.with_user(self.member).action_hold()
        self.assertEqual(meeting.state, "held")
        self.assertAlmostEqual(meeting.attendance_rate, 200.0 / 3, places=2)

    def test_hold_needs_someone_present(self):
        meeting = self._meeting()
        meeting.attendance_ids.with_user(self.member).write({"status": "absent"})
        with self.assertRaises(UserError):
            meeting.with_user(self.member).action_hold()
        self.assertEqual(meeting.state, "planned")

    def test_minutes_approved_by_the_chair_only(self):
        meeting = self._held()
        self._minutes(meeting)
        self.assertFalse(meeting.bizreg_number)
        meeting.with_user(self.member).action_submit()
        self.assertEqual(meeting.state, "to_approve")
        self.assertRegex(meeting.bizreg_number, rf"^MT-TSO-{self.today.year}-\d{{4}}$")
        self.assertEqual(meeting.approver_id, self.head)
        self.assertEqual(meeting.review_ids.reviewer_ids, self.head)
        # the secretary (author) and a stranger cannot approve
        with self.assertRaises(UserError):
            meeting.with_user(self.member).validate_tier()
        with self.assertRaises(UserError):
            meeting.with_user(self.stranger).validate_tier()
        with self.assertRaises(UserError):
            meeting.with_user(self.member2).validate_tier()
        self.assertEqual(meeting.state, "to_approve")
        # under review, the minutes cannot change
        with self.assertRaises(UserError):
            meeting.with_user(self.member).write({"discussion": "<p>Other</p>"})
        meeting.with_user(self.head).validate_tier()
        self.assertEqual(meeting.state, "approved")
        self.assertTrue(meeting.date_published)
        self.assertTrue(meeting.bizreg_approved_digest)
        # published: the participants follow it and got the message
        self.assertTrue(
            (self.member2.partner_id | self.member.partner_id)
            <= meeting.message_partner_ids
        )
        message = meeting.message_ids.filtered(
            lambda m: self.member2.partner_id in m.partner_ids
        )
        self.assertTrue(message)
        # the action item's owner got an activity due on its date
        action = meeting.action_ids
        activity = action.activity_ids
        self.assertEqual(activity.user_id, self.member2)
        self.assertEqual(activity.date_deadline, action.date_due)

    def test_chair_writing_his_minutes_is_approved_above(self):
        parent = self.env["hr.department"].create({"name": "Test Division"})
        boss = self.other_head  # heads the other department and this division
        parent.manager_id = boss.employee_id
        meeting = self._meeting()
        meeting.with_user(self.head).write({"user_id": self.head.id})
        # no parent department: the Director
        self.assertFalse(meeting.approver_id)
        self.dept.parent_id = parent
        self.assertEqual(meeting.approver_id, boss)
        meeting.with_user(self.head).action_hold()
        self._minutes(meeting, author=self.head)
        meeting.with_user(self.head).action_submit()
        with self.assertRaises(UserError):
            meeting.with_user(self.head).validate_tier()
        meeting.with_user(boss).validate_tier()
        self.assertEqual(meeting.state, "approved")

    def test_director_approves_when_no_parent(self):
        meeting = self._meeting()
        meeting.with_user(self.head).write({"user_id": self.head.id})
        meeting.with_user(self.head).action_hold()
        self._minutes(meeting, author=self.head)
        meeting.with_user(self.head).action_submit()
        self.assertEqual(
            meeting.review_ids.definition_id,
            self.env.ref("bizreg_meeting.tier_definition_meeting_director"),
        )
        with self.assertRaises(UserError):
            meeting.with_user(self.head).validate_tier()
        meeting.with_user(self.director).validate_tier()
        self.assertEqual(meeting.state, "approved")

    def test_change_after_approval_goes_back_to_review(self):
        meeting, actions = self._approved()
        routes = {
            "decision": lambda m: m.decision_ids.with_user(self.member).write(
                {"name": "Ship on Monday"}
            ),
            "discussion": lambda m: m.with_user(self.member).write(
                {"discussion": Markup("<p>We discussed more.</p>")}
            ),
            "attendance": lambda m: (
                m.attendance_ids[:1].with_user(self.member).write({"status": "absent"})
            ),
            "action due": lambda m: m.action_ids.with_user(self.member).write(
                {"date_due": self.today + timedelta(days=9)}
            ),
            "new action": lambda m: (
                self.env["bizreg.meeting.action"]
                .with_user(self.member)
                .create(
                    {
                        "meeting_id": m.id,
                        "name": "Extra",
                        "user_id": self.member.id,
                        "date_due": self.today,
                    }
                )
            ),
        }
        for route, change in routes.items():
            with self.subTest(route=route):
                if meeting.state != "approved":
                    meeting.with_user(self.head).validate_tier()
                self.assertEqual(meeting.state, "approved")
                change(meeting)
                self.assertEqual(meeting.state, "to_approve", route)
                self.assertFalse(meeting.bizreg_approved_digest, route)
                self.assertEqual(meeting.validation_status, "pending", route)
        # closing an item is not a change of the minutes
        meeting.with_user(self.head).validate_tier()
        actions.with_user(self.member2).action_done()
        self.assertEqual(meeting.state, "approved")

    def test_engine_fields_guarded(self):
        meeting = self._held()
        meeting.with_user(self.member).write({"location": "Room 5"})
        tried = assert_engine_fields_guarded(self, meeting, self.member)
        for name in (
            "state",
            "bizreg_number",
            "chair_id",
            "approver_id",
            "department_id",
            "date_published",
            "calendar_event_id",
        ):
            self.assertIn(name, tried)

    def test_default_state_context_ignored(self):
        Meeting = self.env["bizreg.meeting"].with_user(self.member)
        meeting = Meeting.with_context(
            default_state="approved", default_chair_id=self.member.id
        ).create(
            {
                "series_id": self.series.id,
                "start": self.series._start_of(self.today),
            }
        )
        self.assertEqual(meeting.state, "planned")
        self.assertEqual(meeting.chair_id, self.head)
        with self.assertRaises(AccessError):
            Meeting.create(
                {
                    "series_id": self.series.id,
                    "start": self.series._start_of(self.today),
                    "state": "approved",
                }
            )

    def test_record_rules(self):
        meeting, actions = self._approved()
        # participants, the department's head, Director and Auditor read
        for user in (self.member2, self.head, self.director, self.auditor):
            self.assertEqual(
                self.env["bizreg.meeting"]
                .with_user(user)
                .search([("id", "=", meeting.id)]),
                meeting,
                user.login,
            )
        # another department's member and head do not
        for user in (self.stranger, self.other_head):
            Meeting = self.env["bizreg.meeting"].with_user(user)
            self.assertFalse(Meeting.search([("id", "=", meeting.id)]), user.login)
            with self.assertRaises(AccessError):
                meeting.with_user(user).read(["discussion"])
            with self.assertRaises(AccessError):
                actions.with_user(user).read(["name"])
        # a participant reads but does not write the minutes
        with self.assertRaises(AccessError):
            meeting.with_user(self.member2).write({"location": "Elsewhere"})
        with self.assertRaises(AccessError):
            meeting.with_user(self.auditor).write({"location": "Elsewhere"})

    def test_bad_input_stores_nothing(self):
        Series = self.env["bizreg.meeting.series"].with_user(self.head)
        for vals, field in (
            ({"recurrence": "monthly", "month_day": 31}, "Day of Month"),
            ({"time_start": 25.0}, "Time"),
            ({"duration": 0.0}, "Duration"),
            ({"date_end": self.today - timedelta(days=400)}, "Until"),
        ):
            with self.subTest(field=field), self.assertRaises(ValidationError) as err:
                Series.create(
                    {
                        "name": "Bad",
                        "department_id": self.dept.id,
                        "date_start": self.today,
                        **vals,
                    }
                )
            self.assertIn(field, str(err.exception))
        self.assertFalse(Series.search([("name", "=", "Bad")]))
        meeting = self._meeting()
        with self.assertRaises(ValidationError):
            meeting.with_user(self.member).write({"start": "not a date"})
        with self.assertRaises(UserError):
            # empty minutes are not submitted
            meeting.with_user(self.member).action_hold()
            meeting.with_user(self.member).action_submit()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["bizreg.meeting.attendance"].create(
                    {"meeting_id": meeting.id, "user_id": self.member.id}
                )

    def test_cancel_removes_the_event(self):
        meeting = self._meeting(days=7)
        event = meeting.calendar_event_id
        with self.assertRaises(UserError):
            meeting.with_user(self.member2).action_cancel()
        meeting.with_user(self.member).action_cancel()
        self.assertEqual(meeting.state, "cancel")
        self.assertFalse(event.active)

    def test_minutes_pdf(self):
        meeting, _actions = self._approved()
        report = self.env.ref("bizreg_meeting.action_report_bizreg_meeting_minutes")
        html, kind = report.with_user(self.member2)._render_qweb_pdf(
            report.report_name, meeting.ids
        )
        self.assertEqual(kind, "html")
        html = html.decode()
        self.assertIn(meeting.bizreg_number, html)
        self.assertIn("Ship on Friday", html)
        self.assertIn("Call the customer", html)
