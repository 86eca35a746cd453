# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The main complaint flow clicked in the web client, in Chinese, by the demo
user of each role (static/tests/tours/bizreg_helpdesk_flow.js)."""

import time

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestTourHelpdeskFlow(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.agent = ref("bizreg_base.user_service_user")
        cls.rnd_manager = ref("bizreg_base.user_rnd_manager")
        for user in (cls.agent, cls.rnd_manager):
            user.lang = "zh_CN"
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "华东精工机械有限公司",
                "is_company": True,
                "email": "service@huadong-jinggong.example.com",
                "lang": "zh_CN",
            }
        )

    def _tour(self, url, name, user=None):
        started = time.monotonic()
        self.start_tour(url, name, login=user and user.login, timeout=120)
        self._timings.append((name, time.monotonic() - started))

    def test_complaint_flow_clicked_by_each_role(self):
        self._timings = []
        Ticket = self.env["helpdesk.ticket"]
        self._tour("/odoo", "bizreg_helpdesk_flow_complaint", self.agent)
        ticket = Ticket.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.bizreg_kind, "complaint")
        self.assertEqual(ticket.bizreg_severity, "high")
        self.assertEqual(ticket.user_id, self.agent, "the agent who takes the call")
        self.assertTrue(ticket.bizreg_number)
        self.assertTrue(ticket.bizreg_first_response_date)
        self.assertTrue(ticket.bizreg_resolution_deadline)
        investigation = ticket.bizreg_investigation_ids
        self.assertEqual(len(investigation), 1)
        self.assertEqual(investigation.manager_user_id, self.rnd_manager)
        self.assertEqual(investigation.state, "open")

        self._tour(
            f"/odoo/bizreg.helpdesk.investigation/{investigation.id}",
            "bizreg_helpdesk_flow_investigation",
            self.rnd_manager,
        )
        investigation.invalidate_recordset()
        self.assertEqual(investigation.state, "done")
        self.assertIn("电源模块", investigation.findings)
        self.assertFalse(ticket.closed)

        self._tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "bizreg_helpdesk_flow_solution",
            self.agent,
        )
        ticket.invalidate_recordset()
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.bizreg_resolved)
        self.assertIn("电源模块", ticket.bizreg_solution)
        self.assertEqual(ticket.bizreg_satisfaction, "4")

        # The customer follows the rating link of the closing e-mail.
        token = ticket.sudo()._rating_get_access_token(partner=self.customer)
        self._tour(f"/rate/{token}/5", "bizreg_helpdesk_flow_rating")
        ticket.invalidate_recordset()
        rating = ticket.sudo().rating_ids.filtered(lambda r: r.access_token == token)
        self.assertEqual(rating.rating, 5)
        self.assertTrue(rating.consumed)
        self.assertEqual(rating.feedback, "处理及时，非常满意。")
        self.assertTrue(ticket.closed, "a good rating keeps the complaint closed")
        self.assertEqual(ticket.bizreg_satisfaction_score, 5)

        self._tour("/odoo", "bizreg_helpdesk_flow_return_visit", self.agent)
        visit = self.env["bizreg.return.visit"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.user_id, self.agent)
        self.assertEqual(visit.satisfaction, "5")
        self.assertTrue(visit.date_done)
        for name, seconds in self._timings:
            self._logger.info("tour %s: %.1fs", name, seconds)
