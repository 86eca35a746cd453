# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

from .release_common import ReleaseCommon


@tagged("post_install", "-at_install")
class TestMaintenance(ReleaseCommon, TransactionCase):
    """After release: tickets about a release, "Report Defect", defects
    found after release, user satisfaction from the tickets' ratings, and
    feedback turned into a requirement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._release_setup()
        env = cls.env
        cls.dept_service = env["hr.department"].create(
            {
                "name": "Test Service",
                "bizreg_area_id": env.ref("bizreg_base.bizreg_area_service").id,
            }
        )
        cls.agent = bizreg_test_user(
            env,
            "t_rnd_agent",
            ["bizreg_helpdesk.group_bizreg_service_user"],
            cls.dept_service,
        )
        cls.team = env["helpdesk.ticket.team"].create(
            {
                "name": "Test Product Hotline",
                "bizreg_department_id": cls.dept_service.id,
                "user_ids": [Command.set(cls.agent.ids)],
            }
        )
        cls.customer = env["res.partner"].create(
            {"name": "Test Customer", "email": "customer@example.com"}
        )

    def _released(self):
        self._approved_release()
        self.release.with_user(self.manager).action_release()
        self.assertEqual(self.release.state, "released")
        return self.release

    def _ticket(self, release=None, **vals):
        return (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Export shows wrong totals",
                    "description": "<p>The totals differ from the screen.</p>",
                    "partner_id": self.customer.id,
                    "team_id": self.team.id,
                    "user_id": self.agent.id,
                    "bizreg_rnd_release_id": release and release.id,
                    **vals,
                }
            )
        )

    def _rate(self, ticket, value):
        """The customer rates the ticket (the rating link of the mail)."""
        token = ticket.sudo()._rating_get_access_token(partner=self.customer)
        ticket.sudo().rating_apply(value, token=token)
        self.assertEqual(ticket.bizreg_satisfaction_score, value)

    def test_ticket_links_released_release_only(self):
        # a plain ticket is untouched
        plain = self._ticket()
        self.assertFalse(plain.bizreg_rnd_release_id)
        with self.assertRaises(ValidationError):
            self._ticket(self.release)
        release = self._released()
        ticket = self._ticket(release, bizreg_rnd_ticket_kind="question")
        self.assertEqual(ticket.bizreg_rnd_release_id, release)
        # the service reads released versions only
        self.assertEqual(
            self.Release.with_user(self.agent).search([("id", "=", release.id)]),
            release,
        )
        other = self.Release.with_user(self.developer).create({"name": "Test 3.0"})
        self.assertFalse(
            self.Release.with_user(self.agent).search([("id", "=", other.id)])
        )
        with self.assertRaises(AccessError):
            release.with_user(self.agent).write({"name": "Renamed"})
        self.assertEqual(release.with_user(self.manager).ticket_count, 1)

    def test_report_defect(self):
        release = self._released()
        plain = self._ticket()
        with self.assertRaisesRegex(UserError, "Release"):
            plain.with_user(self.agent).action_bizreg_rnd_report_defect()
        ticket = self._ticket(release)
        ticket.with_user(self.agent).action_bizreg_rnd_report_defect()
        defect = self.Defect.search([("ticket_id", "=", ticket.id)])
        self.assertEqual(len(defect), 1)
        self.assertEqual(defect.found_in_release_id, release)
        self.assertEqual(defect.user_id, release.user_id)
        self.assertEqual(defect.state, "new")
        self.assertEqual(ticket.bizreg_rnd_ticket_kind, "defect")
        self.assertEqual(ticket.bizreg_rnd_defect_count, 1)
        # once per ticket
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_bizreg_rnd_report_defect()
        # found after release, on the release's figures
        release.invalidate_recordset()
        self.assertEqual(release.defect_after_release_count, 1)
        self.assertEqual(release.defect_count, 1)
        # a ticket the user cannot write is refused
        other_ticket = self._ticket(release)
        with self.assertRaises(AccessError):
            other_ticket.with_user(self.outsider).action_bizreg_rnd_report_defect()

    def test_satisfaction_average(self):
        release = self._released()
        tickets = [self._ticket(release) for _i in range(3)]
        self._rate(tickets[0], 5)
        self._rate(tickets[1], 3)
        # an unrated ticket does not count, nor a ticket of another release
        self._rate(self._ticket(), 1)
        release.invalidate_recordset()
        self.assertAlmostEqual(release.satisfaction_avg, 4.0)
        self.assertEqual(release.rated_ticket_count, 2)
        self.assertEqual(release.ticket_count, 3)
        action = release.action_view_tickets()
        self.assertEqual(
            self.env["helpdesk.ticket"].search(action["domain"]),
            self.env["helpdesk.ticket"].concat(*tickets),
        )

    def test_feedback_becomes_requirement(self):
        release = self._released()
        ticket = self._ticket(release, bizreg_rnd_ticket_kind="question")
        action = ticket.with_user(self.agent).bizreg_action_create_rnd_requirement()
        requirement = self.Requirement.browse(action["res_id"])
        self.assertEqual(requirement.source_ticket_id, ticket)
        self.assertEqual(requirement.state, "draft")
