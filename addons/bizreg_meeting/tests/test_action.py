# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Action items of meeting minutes: who closes them, on time or late,
reminders and escalations, carried over to the next agendas until closed,
engine-owned fields, record rules and bad input."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .meeting_helpers import MeetingFlowCommon


@tagged("post_install", "-at_install")
class TestAction(MeetingFlowCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._meeting_flow_setup()

    def test_closed_by_owner_on_time(self):
        _meeting, action = self._approved()
        # neither a stranger nor another participant (the secretary) closes it
        for user in (self.stranger, self.member, self.other_head):
            with self.assertRaises(AccessError, msg=user.login):
                action.with_user(user).action_done()
        self.assertEqual(action.state, "open")
        action.with_user(self.member2).action_done()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.date_done, self.today)
        self.assertTrue(action.is_on_time)
        self.assertEqual(action.on_time_rate, 100.0)
        # the owner's activity of the published minutes is done
        self.assertFalse(action.activity_ids)
        with self.assertRaises(UserError):
            action.with_user(self.member2).action_done()

    def test_closed_late_and_by_the_chair(self):
        _meeting, actions = self._approved(items=(("Late one", 2), ("Chair closes", 5)))
        late, other = actions
        with freeze_time(self.today + timedelta(days=4)):
            late.with_user(self.member2).action_done()
        self.assertEqual(late.date_done, self.today + timedelta(days=4))
        self.assertFalse(late.is_on_time)
        self.assertEqual(late.on_time_rate, 0.0)
        # the owner cannot cancel, the chair can; the chair reopens
        with self.assertRaises(AccessError):
            other.with_user(self.member2).action_cancel()
        other.with_user(self.head).action_cancel()
        self.assertEqual(other.state, "cancel")
        other.with_user(self.head).action_reopen()
        other.with_user(self.head).action_done()
        self.assertEqual(other.state, "done")
        # the Director, as a manager, may close too
        late.with_user(self.director).action_reopen()
        self.assertEqual(late.state, "open")
        self.assertFalse(late.date_done)

    def test_escalation_levels(self):
        _meeting, action = self._approved(items=(("Escalate me", 1),))
        Action = self.env["bizreg.meeting.action"]
        self.assertTrue(
            action.reminder_date < action.escalation_date < action.director_date
        )
        director_group = self.env.ref("bizreg_base.group_bizreg_director")
        levels = (
            (action.reminder_date, "reminded_date", self.member2),
            (action.escalation_date, "escalated_date", self.head),
            (action.director_date, "director_escalated_date", self.director),
        )
        for deadline, stamp, recipient in levels:
            with self.subTest(stamp=stamp):
                before = deadline - timedelta(minutes=1)
                with freeze_time(before):
                    Action._cron_deadlines()
                self.assertFalse(action[stamp], stamp)
                with freeze_time(deadline):
                    Action._cron_deadlines()
                self.assertEqual(action[stamp], deadline, stamp)
                activities = action.activity_ids.filtered(
                    lambda a, r=recipient: a.user_id == r and a.automated
                )
                self.assertTrue(activities, stamp)
        self.assertIn(self.director, director_group.users)
        # running again does nothing more
        count = len(action.activity_ids)
        with freeze_time(action.director_date + timedelta(days=3)):
            Action._cron_deadlines()
        self.assertEqual(len(action.activity_ids), count)
        # an item closed in time is never escalated
        _m2, done = self._approved(days=1, items=(("Done in time", 1),))
        done.with_user(self.member2).action_done()
        with freeze_time(done.director_date + timedelta(days=1)):
            Action._cron_deadlines()
        self.assertFalse(done.reminded_date or done.escalated_date)

    def test_open_items_carried_to_next_agenda_until_closed(self):
        _meeting, actions = self._approved(
            days=-7, items=(("First item", 1), ("Second item", 2))
        )
        first, second = actions
        upcoming = self._meeting(days=7)
        carried = upcoming.agenda_line_ids.filtered("action_id")
        self.assertEqual(carried.action_id, first | second)
        self.assertIn("First item", " ".join(carried.mapped("name")))
        first.with_user(self.member2).action_done()
        self.assertEqual(
            upcoming.agenda_line_ids.filtered("action_id").action_id, second
        )
        # a meeting generated afterwards carries the item still open only
        later = self._meeting(days=14)
        self.assertEqual(later.agenda_line_ids.filtered("action_id").action_id, second)
        # an item reopened comes back on the agenda
        first.with_user(self.head).action_reopen()
        self.assertEqual(
            upcoming.agenda_line_ids.filtered("action_id").action_id, first | second
        )
        # the standing agenda is still there
        self.assertIn("Last week", upcoming.agenda_line_ids.mapped("name"))

    def test_engine_fields_guarded(self):
        _meeting, action = self._approved()
        action.with_user(self.member2).write({"note": "Working on it"})
        tried = assert_engine_fields_guarded(self, action, self.member2)
        for name in (
            "state",
            "date_done",
            "is_on_time",
            "reminder_date",
            "reminded_date",
            "escalated_date",
            "department_id",
        ):
            self.assertIn(name, tried)

    def test_default_state_context_ignored(self):
        meeting = self._held()
        action = (
            self.env["bizreg.meeting.action"]
            .with_user(self.member)
            .with_context(default_state="done", default_date_done=str(self.today))
            .create(
                {
                    "meeting_id": meeting.id,
                    "name": "Sneaky",
                    "user_id": self.member2.id,
                    "date_due": self.today,
                }
            )
        )
        self.assertEqual(action.state, "open")
        self.assertFalse(action.date_done)
        with self.assertRaises(AccessError):
            self.env["bizreg.meeting.action"].with_user(self.member).create(
                {
                    "meeting_id": meeting.id,
                    "name": "Sneaky 2",
                    "user_id": self.member2.id,
                    "date_due": self.today,
                    "state": "done",
                }
            )

    def test_record_rules_and_owner_limits(self):
        _meeting, action = self._approved()
        Action = self.env["bizreg.meeting.action"]
        self.assertEqual(
            Action.with_user(self.member2).search([("id", "=", action.id)]), action
        )
        self.assertFalse(
            Action.with_user(self.stranger).search([("id", "=", action.id)])
        )
        # the owner does not move his own due date (a term of the minutes)
        with self.assertRaises(AccessError):
            action.with_user(self.member2).write(
                {"date_due": self.today + timedelta(days=30)}
            )
        self.assertEqual(action.date_due, self.today + timedelta(days=3))

    def test_bad_input(self):
        meeting = self._held()
        Action = self.env["bizreg.meeting.action"].with_user(self.member)
        with self.assertRaises(ValidationError):
            Action.create(
                {"meeting_id": meeting.id, "name": "No date", "user_id": self.member.id}
            )
        with self.assertRaises(ValidationError):
            Action.create(
                {
                    "meeting_id": meeting.id,
                    "name": "Bad date",
                    "user_id": self.member.id,
                    "date_due": "tomorrow",
                }
            )
        self.assertFalse(Action.search([("meeting_id", "=", meeting.id)]))
