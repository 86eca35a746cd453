# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from .common import BizregHelpdeskCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestComplaintEscalation(BizregHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()
        cls.followup = cls.env.ref("bizreg_base.mail_activity_bizreg_followup")

    def _followups(self, tickets, user):
        return tickets.activity_ids.filtered(
            lambda a: a.user_id == user and a.activity_type_id == self.followup
        )

    def test_message_in_the_recipient_time_zone(self):
        self.agent.write({"tz": "Asia/Shanghai", "lang": "en_US"})
        with freeze_time("2026-03-06 15:00:00"):
            ticket = self._complaint()
        # the first response is due at 17:00 UTC: 01:00 the next day in Shanghai
        self.assertEqual(ticket.bizreg_breach_date, datetime(2026, 3, 6, 17, 0))
        with freeze_time("2026-03-06 17:01:00"):
            fired = self.Ticket._cron_bizreg_ticket_deadlines()
        self.assertEqual(fired["level1"], 1)
        activity = self._followups(ticket, self.agent)
        self.assertEqual(len(activity), 1)
        self.assertNotIn("UTC", activity.note)
        self.assertIn("Mar 7, 2026, 1:00:00", activity.note)
        self.assertIn("level 1", activity.note)
        notes = ticket.message_ids.filtered(
            lambda m: "Escalation level 1" in (m.body or "")
        )
        self.assertTrue(notes)
        self.assertNotIn("UTC", " ".join(notes.mapped("body")))

    def test_level3_names_the_director_group(self):
        with freeze_time("2026-03-06 15:00:00"):
            ticket = self._complaint()
        director_group = self.env.ref("bizreg_base.group_bizreg_director")
        for moment in ("2026-03-06 17:01:00", "2026-03-09 11:01:00"):
            with freeze_time(moment):
                self.Ticket._cron_bizreg_ticket_deadlines()
        director_group.with_context(lang=self.director.lang).name = "Board of Directors"
        with freeze_time("2026-03-09 13:01:00"):
            self.assertEqual(self.Ticket._cron_bizreg_ticket_deadlines()["level3"], 1)
        activity = self._followups(ticket, self.director)
        self.assertEqual(len(activity), 1)
        self.assertIn("Board of Directors", activity.summary)
        # level 2 names the manager who got it
        self.assertIn(self.manager.name, self._followups(ticket, self.manager).summary)

    def test_cron_queries_per_due_ticket(self):
        """Escalating N due complaints costs a constant plus little per
        complaint: the notes, the activities and the stamps of a batch are
        written together, and the agent gets one notice for the batch
        (measured: the same 34 queries for 3 and for 23 complaints; a
        per-record message_post and activity_schedule cost about 20 per
        complaint).  Nothing due costs the same whatever the number of
        complaints."""
        Ticket = self.Ticket
        batches = {}
        # three groups of complaints, due 20 minutes apart (level 1)
        for minute, count in (("00", 2), ("20", 3), ("40", 23)):
            with freeze_time(f"2026-03-06 09:{minute}:00"):
                batches[minute] = Ticket.with_user(self.agent).create(
                    [
                        {
                            "name": f"Complaint {minute}-{index}",
                            "description": "<p>It does not start.</p>",
                            "partner_id": self.customer.id,
                            "team_id": self.team.id,
                            "user_id": self.agent.id,
                            "type_id": self.type_complaint.id,
                            "bizreg_severity": "high",
                        }
                        for index in range(count)
                    ]
                )

        def cost(moment):
            self.env.flush_all()
            self.env.invalidate_all()
            with freeze_time(moment):
                before = self.env.cr.sql_log_count
                # e-mails queued as in a cron (sent after commit), not sent
                # on the test cursor
                fired = Ticket.with_context(
                    mail_notify_force_send=False
                )._cron_bizreg_ticket_deadlines()
                self.env.flush_all()
                return self.env.cr.sql_log_count - before, fired["level1"]

        cost("2026-03-06 09:59:00")  # warm-up
        nothing, fired = cost("2026-03-06 10:00:00")
        self.assertEqual(fired, 0)
        self.assertEqual(cost("2026-03-06 11:01:00")[1], 2)  # warm-up
        small, fired = cost("2026-03-06 11:21:00")
        self.assertEqual(fired, 3)
        large, fired = cost("2026-03-06 11:41:00")
        self.assertEqual(fired, 23)
        per_ticket = (large - small) / 20
        _logger.info(
            "Complaint escalation: nothing due %s, 3 due %s, 23 due %s queries "
            "(%.1f per ticket)",
            nothing,
            small,
            large,
            per_ticket,
        )
        self.assertLessEqual(
            per_ticket, 5, f"3 due: {small} queries, 23 due: {large} queries"
        )
        self.assertEqual(cost("2026-03-06 11:42:00"), (nothing, 0))
        for tickets in batches.values():
            self.assertEqual(len(self._followups(tickets, self.agent)), len(tickets))
