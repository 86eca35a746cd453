# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cross-department project groups (activation, channel, shared project,
team activities) and the collaboration issue log (departments, deadline in
working days, escalation, resolution, record rules), as their people."""

from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.bizreg_base.tests.common import (
    assert_engine_fields_guarded,
    bizreg_test_user,
)

from .common import USER, MeetingCommon


@tagged("post_install", "-at_install")
class TestCollab(MeetingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._meeting_setup()
        cls.third_dept = cls.env["hr.department"].create({"name": "Test R&D Office"})
        cls.engineer = bizreg_test_user(
            cls.env, "t_mt_engineer", [USER], cls.third_dept
        )
        cls.outsider_dept = cls.env["hr.department"].create({"name": "Test HR Office"})
        cls.outsider = bizreg_test_user(
            cls.env, "t_mt_outsider", [USER], cls.outsider_dept
        )
        cls.company.bizreg_collab_issue_days = 3

    def _group(self, users=None, lead=None):
        lead = lead or self.member
        users = users if users is not None else (self.member2, self.stranger)
        return (
            self.env["bizreg.collab.group"]
            .with_user(lead)
            .create(
                {
                    "name": "Key Account Team",
                    "goal": "Answer key accounts within two days",
                    "member_ids": [
                        Command.create({"user_id": u.id, "responsibilities": "x"})
                        for u in users
                    ],
                }
            )
        )

    def _issue(self, user=None, **vals):
        user = user or self.member
        return (
            self.env["bizreg.collab.issue"]
            .with_user(user)
            .create(
                {
                    "name": "Test bench not delivered",
                    "blocking_department_id": self.other_dept.id,
                    "blocked_department_id": self.dept.id,
                    "description": "<p>We wait for the bench.</p>",
                    **vals,
                }
            )
        )

    # ------------------------------------------------------------------
    # Groups
    # ------------------------------------------------------------------
    def test_activation_needs_two_departments(self):
        group = self._group(users=(self.member2,))
        self.assertEqual(group.department_ids, self.dept)
        with self.assertRaises(UserError):
            group.with_user(self.member).action_activate()
        self.assertEqual(group.state, "draft")
        self.assertFalse(group.channel_id)
        self.assertFalse(group.project_id)
        # the state cannot be forced either
        with self.assertRaises(AccessError):
            group.with_user(self.member).write({"state": "active"})
        group.with_user(self.member).write(
            {"member_ids": [Command.create({"user_id": self.stranger.id})]}
        )
        self.assertEqual(group.department_ids, self.dept | self.other_dept)
        group.with_user(self.member).action_activate()
        self.assertEqual(group.state, "active")

    def test_activation_creates_channel_and_project(self):
        group = self._group()
        group.with_user(self.member).action_activate()
        partners = (self.member | self.member2 | self.stranger).partner_id
        channel = group.channel_id.sudo()
        self.assertEqual(channel.channel_type, "channel")
        self.assertLessEqual(partners, channel.channel_member_ids.partner_id)
        project = group.project_id.sudo()
        self.assertEqual(project.privacy_visibility, "followers")
        self.assertLessEqual(partners, project.message_partner_ids)
        self.assertFalse(self.outsider.partner_id in project.message_partner_ids)
        # a member with the Project user right sees the shared project (he
        # follows it) and creates a shared task in it
        self.stranger.groups_id |= self.env.ref("project.group_project_user")
        self.outsider.groups_id |= self.env.ref("project.group_project_user")
        task = (
            self.env["project.task"]
            .with_user(self.stranger)
            .create({"name": "Joint answer", "project_id": project.id})
        )
        group.invalidate_recordset(["task_count"])
        self.assertEqual(group.with_user(self.member2).task_count, 1)
        self.assertEqual(task.project_id, project)
        with self.assertRaises(AccessError):
            project.with_user(self.outsider).check_access("read")
        # a member added later joins the channel and the project
        group.with_user(self.member).write(
            {"member_ids": [Command.create({"user_id": self.engineer.id})]}
        )
        self.assertIn(self.engineer.partner_id, channel.channel_member_ids.partner_id)
        self.assertIn(self.engineer.partner_id, project.message_partner_ids)
        action = group.with_user(self.member2).action_open_channel()
        self.assertEqual(action["tag"], "mail.action_discuss")
        self.assertEqual(action["params"]["active_id"], f"discuss.channel_{channel.id}")
        # closed: nothing changes any more
        group.with_user(self.member).action_close()
        with self.assertRaises(UserError):
            group.with_user(self.member).write({"goal": "Other"})
        with self.assertRaises(UserError):
            group.member_ids[0].with_user(self.member).unlink()

    def test_group_record_rules(self):
        group = self._group()
        # members, their departments, the Director and the Auditor read it
        for user in (self.member2, self.stranger, self.head, self.other_head):
            group.with_user(user).check_access("read")
        for user in (self.director, self.auditor):
            group.with_user(user).check_access("read")
        # a member is not the lead: he reads, he does not change the charter
        with self.assertRaises(AccessError):
            group.with_user(self.stranger).write({"goal": "Mine"})
        with self.assertRaises(AccessError):
            group.with_user(self.outsider).check_access("read")
        self.assertFalse(
            self.env["bizreg.collab.group"]
            .with_user(self.outsider)
            .search([("id", "=", group.id)])
        )
        with self.assertRaises(AccessError):
            group.with_user(self.auditor).write({"goal": "Audited"})

    def test_team_activity_recorded(self):
        group = self._group()
        group.with_user(self.member).action_activate()
        event = (
            self.env["bizreg.collab.event"]
            .with_user(self.stranger)
            .create(
                {
                    "group_id": group.id,
                    "name": "Requirement workshop",
                    "kind": "workshop",
                    "participant_ids": [Command.set((self.member | self.stranger).ids)],
                }
            )
        )
        self.assertEqual(group.with_user(self.member).event_count, 1)
        event.with_user(self.stranger).action_add_to_calendars()
        calendar_event = event.calendar_event_id.sudo()
        self.assertEqual(
            calendar_event.partner_ids, (self.member | self.stranger).partner_id
        )
        with self.assertRaises(AccessError):
            event.with_user(self.outsider).check_access("read")
        with self.assertRaises(AccessError):
            event.with_user(self.member).write({"calendar_event_id": False})

    # ------------------------------------------------------------------
    # Issues
    # ------------------------------------------------------------------
    def test_issue_departments_distinct(self):
        with self.assertRaises(ValidationError) as caught:
            self._issue(blocking_department_id=self.dept.id)
        self.assertIn("Blocking Department", str(caught.exception))
        issue = self._issue()
        with self.assertRaises(ValidationError):
            issue.with_user(self.member).write(
                {"blocked_department_id": self.other_dept.id}
            )
        self.assertEqual(issue.blocked_department_id, self.dept)
        # both departments are required
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._issue(blocking_department_id=False)

    def test_issue_deadline_in_working_days(self):
        # Tuesday 2026-03-10, 10:00 in Shanghai: due three working days later
        with freeze_time(datetime(2026, 3, 10, 2, 0)):
            issue = self._issue()
        self.assertEqual(issue.date_raised, datetime(2026, 3, 10, 2, 0))
        calendar = self.company.resource_calendar_id
        self.assertEqual(
            issue.date_due,
            calendar._bizreg_add_working_days(issue.date_raised, 3),
        )
        self.assertGreater(issue.date_due, datetime(2026, 3, 12))
        self.assertGreater(issue.date_escalation, issue.date_due)
        # a longer resolution time in Settings applies to new issues
        settings = self.env["res.config.settings"].create(
            {"bizreg_collab_issue_days": 5}
        )
        settings.execute()
        self.assertEqual(self.company.bizreg_collab_issue_days, 5)
        with freeze_time(datetime(2026, 3, 10, 2, 0)):
            later = self._issue()
        self.assertGreater(later.date_due, issue.date_due)

    def test_escalation_managers_then_director(self):
        with freeze_time(datetime(2026, 3, 10, 2, 0)):
            issue = self._issue()
        Issue = self.env["bizreg.collab.issue"]
        followup = self.env.ref("bizreg_base.mail_activity_bizreg_followup")

        def activities():
            return issue.activity_ids.filtered(lambda a: a.activity_type_id == followup)

        with freeze_time(issue.date_due - timedelta(minutes=5)):
            Issue._cron_deadlines()
        self.assertFalse(activities())
        with freeze_time(issue.date_due + timedelta(minutes=5)):
            self.assertTrue(issue.is_overdue)
            Issue._cron_deadlines()
            # twice does nothing more
            Issue._cron_deadlines()
        self.assertEqual(activities().user_id, self.head | self.other_head)
        self.assertTrue(issue.managers_notified_date)
        self.assertFalse(issue.director_notified_date)
        with freeze_time(issue.date_escalation + timedelta(minutes=5)):
            Issue._cron_deadlines()
        self.assertIn(self.director, activities().user_id)
        self.assertTrue(issue.director_notified_date)
        # a resolved issue escalates no more and its reminders are done
        issue.with_user(self.stranger).write({"resolution": "Bench delivered"})
        issue.with_user(self.stranger).action_resolve()
        self.assertFalse(activities())

    def test_resolution_required(self):
        issue = self._issue()
        with self.assertRaises(UserError) as caught:
            issue.with_user(self.member).action_resolve()
        self.assertIn("Resolution", str(caught.exception))
        self.assertEqual(issue.state, "open")
        # resolving by writing the state or the stamp is refused
        with self.assertRaises(AccessError):
            issue.with_user(self.member).write({"state": "resolved"})
        with self.assertRaises(AccessError):
            issue.with_user(self.member).write({"date_resolved": fields.Datetime.now()})
        issue.with_user(self.member).write({"resolution": "Bench lent by R&D"})
        issue.with_user(self.stranger).action_resolve()
        self.assertEqual(issue.state, "resolved")
        self.assertTrue(issue.date_resolved)
        # a resolved issue is kept as it is
        with self.assertRaises(UserError):
            issue.with_user(self.member).write({"resolution": "Other"})
        with self.assertRaises(UserError):
            issue.with_user(self.member).unlink()

    def test_issue_record_rules(self):
        issue = self._issue(user=self.member2)
        # the raiser, both departments, the Director and the Auditor read it
        for user in (self.member2, self.member, self.head, self.stranger):
            issue.with_user(user).check_access("read")
        for user in (self.director, self.auditor):
            issue.with_user(user).check_access("read")
        # a stranger to both departments does not
        with self.assertRaises(AccessError):
            issue.with_user(self.outsider).check_access("read")
        self.assertFalse(
            self.env["bizreg.collab.issue"]
            .with_user(self.outsider)
            .search([("id", "=", issue.id)])
        )
        with self.assertRaises(AccessError):
            issue.with_user(self.outsider).action_resolve()
        with self.assertRaises(AccessError):
            issue.with_user(self.auditor).write({"resolution": "Audited"})

    def test_issue_engine_fields_guarded(self):
        issue = self._issue()
        tried = assert_engine_fields_guarded(self, issue, self.member)
        self.assertTrue(
            {
                "state",
                "date_due",
                "date_escalation",
                "date_resolved",
                "date_raised",
                "managers_notified_date",
                "director_notified_date",
                "department_id",
            }
            <= tried,
            tried,
        )
        group = self._group()
        tried = assert_engine_fields_guarded(self, group, self.member)
        self.assertTrue(
            {"state", "channel_id", "project_id", "department_ids"} <= tried, tried
        )

    def test_default_state_ignored(self):
        past = fields.Datetime.now() - timedelta(days=30)
        issue = (
            self.env["bizreg.collab.issue"]
            .with_user(self.member)
            .with_context(
                default_state="resolved",
                default_date_resolved=past,
                default_date_raised=past,
            )
            .create(
                {
                    "name": "Forged",
                    "blocking_department_id": self.other_dept.id,
                    "blocked_department_id": self.dept.id,
                    "description": "<p>x</p>",
                }
            )
        )
        self.assertEqual(issue.state, "open")
        self.assertFalse(issue.date_resolved)
        self.assertGreater(issue.date_raised, past)
        group = (
            self.env["bizreg.collab.group"]
            .with_user(self.member)
            .with_context(default_state="active")
            .create({"name": "Forged", "goal": "x"})
        )
        self.assertEqual(group.state, "draft")
