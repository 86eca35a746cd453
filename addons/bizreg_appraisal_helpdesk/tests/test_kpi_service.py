# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.bizreg_helpdesk.tests.common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestKpi(BizregHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    def _close(self, ticket, satisfaction="5"):
        ticket.write(
            {
                "bizreg_solution": "<p>done</p>",
                "bizreg_satisfaction": satisfaction,
                "stage_id": self.stage_done.id,
            }
        )

    def test_kpi_values(self):
        with freeze_time("2026-03-02 09:00:00"):  # Monday
            fast = self._complaint()
            slow = self._complaint()
            consultation = self._ticket()
            other = self._ticket(user=self.agent2)
        with freeze_time("2026-03-02 10:00:00"):
            fast.with_user(self.agent).action_bizreg_mark_responded()
            consultation.with_user(self.agent).action_bizreg_mark_responded()
        with freeze_time("2026-03-02 12:00:00"):
            slow.with_user(self.agent).action_bizreg_mark_responded()
            self._close(fast, "5")
        with freeze_time("2026-03-05 09:00:00"):  # after the 1-day resolution deadline
            self._close(slow, "3")
        self.assertEqual(fast.bizreg_resolution, "on_time")
        self.assertEqual(slow.bizreg_resolution, "late")
        self.assertEqual(consultation.bizreg_resolution, "open")
        # Closed in a stage that does not count as resolved: not resolved.
        other.sudo().stage_id = self.stage_cancelled
        self.assertEqual(other.bizreg_resolution, "unresolved")
        self.assertFalse(other.bizreg_resolved)
        self.assertIn(
            slow,
            self.env["helpdesk.ticket"].search([("bizreg_resolution", "=", "late")]),
        )
        visit = self.env["bizreg.return.visit"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.agent.id,
                "feedback": "ok",
                "satisfaction": "3",
                "churn_risk": True,
            }
        )
        visit.write({"state": "done", "date_done": date(2026, 3, 10)})
        res = self.env["helpdesk.ticket"]._bizreg_kpi_service(
            [self.agent.id, self.agent2.id, self.manager.id],
            date(2026, 3, 1),
            date(2026, 3, 31),
        )
        agent = res[self.agent.id]
        self.assertEqual(agent["tickets"], 3)
        self.assertEqual(agent["resolved"], 2)
        self.assertAlmostEqual(agent["resolution_rate"], 66.67)
        self.assertAlmostEqual(agent["first_response_hours"], (1 + 3 + 1) / 3, places=2)
        self.assertEqual(agent["complaints"], 2)
        self.assertEqual(agent["complaints_on_time"], 1)
        self.assertEqual(agent["complaint_on_time_rate"], 50.0)
        self.assertEqual(agent["satisfaction"], 4.0)
        self.assertEqual(agent["satisfaction_count"], 2)
        self.assertEqual(agent["visits"], 1)
        self.assertEqual(agent["churn_risk"], 1)
        self.assertEqual(agent["churn_risk_rate"], 100.0)
        self.assertEqual(res[self.agent2.id]["tickets"], 1)
        self.assertEqual(res[self.agent2.id]["resolved"], 0)
        self.assertIn(
            other,
            self.env["helpdesk.ticket"].search([("user_id", "=", self.agent2.id)]),
        )
        self.assertEqual(res[self.manager.id]["tickets"], 0)
        self.assertEqual(res[self.manager.id]["resolution_rate"], 0.0)
        # outside the period
        res = self.env["helpdesk.ticket"]._bizreg_kpi_service(
            [self.agent.id], date(2026, 4, 1), date(2026, 4, 30)
        )
        self.assertEqual(res[self.agent.id]["tickets"], 0)

    def test_kpi_constant_query_count(self):
        users = [
            new_test_user(self.env, login=f"t_hd_kpi_{i}", groups="base.group_user")
            for i in range(20)
        ]
        for user in users[:5]:
            self._ticket(user=self.agent).sudo().write({"user_id": user.id})
        Ticket = self.env["helpdesk.ticket"]
        Ticket._bizreg_kpi_service([users[0].id], date(2026, 1, 1), date(2030, 1, 1))
        self.env.invalidate_all()
        counts = []
        for ids in ([users[0].id], [u.id for u in users]):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Ticket._bizreg_kpi_service(ids, date(2026, 1, 1), date(2030, 1, 1))
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], counts)
        self.assertLessEqual(counts[1], 8)

    def test_month_boundary_in_company_time_zone(self):
        """Asia/Shanghai (UTC+8): a ticket received at 00:30 local time on
        March 1st (16:30 UTC on February 28th) belongs to March."""
        company = self.env.company
        company.partner_id.tz = "Asia/Shanghai"
        with freeze_time("2026-02-28 16:30:00"):
            self._ticket()
        with freeze_time("2026-02-28 15:30:00"):  # 23:30 local on Feb 28th
            self._ticket()
            self._ticket()
        Ticket = self.env["helpdesk.ticket"]
        uid = self.agent.id

        def tickets(date_from, date_to):
            return Ticket._bizreg_kpi_service([uid], date_from, date_to, company)[uid][
                "tickets"
            ]

        self.assertEqual(tickets(date(2026, 3, 1), date(2026, 3, 31)), 1)
        self.assertEqual(tickets(date(2026, 2, 1), date(2026, 2, 28)), 2)
        # In UTC the first ticket is a February one: the time zone decides.
        company.partner_id.tz = "UTC"
        self.assertEqual(tickets(date(2026, 3, 1), date(2026, 3, 31)), 0)

    def test_current_companies_play_no_part(self):
        """The figures are the same whoever asks, whatever companies are
        active in their session (the rule of the sales KPIs too)."""
        with freeze_time("2026-03-02 09:00:00"):
            self._ticket()
            self._complaint()
        company = self.env.company
        other = self.env["res.company"].create({"name": "T Other Service Co."})
        uid = self.agent.id
        mine = self.env["helpdesk.ticket"]._bizreg_kpi_service(
            [uid], date(2026, 3, 1), date(2026, 3, 31), company
        )[uid]
        self.assertEqual((mine["tickets"], mine["complaints"]), (2, 1))
        theirs = (
            self.env["helpdesk.ticket"]
            .with_context(allowed_company_ids=other.ids)
            ._bizreg_kpi_service([uid], date(2026, 3, 1), date(2026, 3, 31), company)[
                uid
            ]
        )
        self.assertEqual(theirs, mine)
