# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from markupsafe import Markup

from odoo import Command

from odoo.addons.bizreg_base.tools import company_today

from .common import MeetingCommon


class MeetingFlowCommon(MeetingCommon):
    """:class:`MeetingCommon` with a weekly series of ``cls.dept`` (chair:
    its head; secretary: the member; members: member and member2) and
    helpers to hold, minute, submit and approve its meetings as those
    users."""

    @classmethod
    def _meeting_flow_setup(cls):
        cls._meeting_setup()
        cls.dept.bizreg_code = "TSO"
        cls.today = company_today(cls.company)
        cls.series = cls.env["bizreg.meeting.series"].create(
            {
                "name": "Test weekly meeting",
                "department_id": cls.dept.id,
                "secretary_id": cls.member.id,
                "recurrence": "weekly",
                "weekday": str(cls.today.weekday()),
                "time_start": 9.5,
                "duration": 1.5,
                "location": "Room 3",
                "date_start": cls.today - timedelta(days=60),
                "horizon_days": 14,
                "agenda_template_ids": [
                    Command.create({"name": "Last week", "sequence": 1}),
                    Command.create({"name": "This week", "sequence": 2}),
                ],
            }
        )

    def _meeting(self, days=0):
        """A meeting of the series ``days`` from today (created as the
        system, as the generation does)."""
        return (
            self.env["bizreg.meeting"]
            .sudo()
            .with_user(1)
            .create(
                {
                    "series_id": self.series.id,
                    "start": self.series._start_of(self.today + timedelta(days=days)),
                    "user_id": self.member.id,
                }
            )
            .with_user(self.env.user)
        )

    def _held(self, days=0):
        meeting = self._meeting(days)
        meeting.with_user(self.member).action_hold()
        return meeting

    def _minutes(self, meeting, items=(("Call the customer", 3),), author=None):
        """Discussion, a decision and action items (name, days to due,
        owner member2) written by ``author`` (default: the secretary)."""
        author = author or self.member
        meeting.with_user(author).write({"discussion": Markup("<p>We discussed.</p>")})
        self.env["bizreg.meeting.decision"].with_user(author).create(
            {"meeting_id": meeting.id, "name": "Ship on Friday"}
        )
        Action = self.env["bizreg.meeting.action"].with_user(author)
        return Action.browse(
            [
                Action.create(
                    {
                        "meeting_id": meeting.id,
                        "name": name,
                        "user_id": self.member2.id,
                        "date_due": self.today + timedelta(days=days),
                    }
                ).id
                for name, days in items
            ]
        )

    def _approved(self, days=0, items=(("Call the customer", 3),)):
        meeting = self._held(days)
        actions = self._minutes(meeting, items)
        meeting.with_user(self.member).action_submit()
        meeting.with_user(self.head).validate_tier()
        self.assertEqual(meeting.state, "approved")
        return meeting, actions
