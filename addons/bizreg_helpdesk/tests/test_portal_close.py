# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestPortalClose(BizregHelpdeskCommon, HttpCase):
    """OCA's ``/ticket/close``, overridden: POST with the CSRF token, only
    for a ticket of the caller's own company (or one an employee may
    write), closing rules applied."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()
        cls.customer_company = cls.env["res.partner"].create(
            {"name": "Portal Customer Ltd", "is_company": True}
        )
        cls.portal_partner = cls.env["res.partner"].create(
            {"name": "Portal Buyer", "parent_id": cls.customer_company.id}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="t_hd_portal_close",
            groups="base.group_portal",
            partner_id=cls.portal_partner.id,
        )
        cls.stage_done.close_from_portal = True
        Ticket = cls.env["helpdesk.ticket"]
        base = {
            "description": "<p>x</p>",
            "team_id": cls.team.id,
            "user_id": cls.agent.id,
            "type_id": cls.type_consultation.id,
        }
        cls.other_ticket = Ticket.create(
            dict(base, name="Another customer's", partner_id=cls.customer.id)
        )
        cls.own_ticket = Ticket.create(
            dict(base, name="Mine", partner_id=cls.portal_partner.id)
        )
        cls.own_complaint = Ticket.create(
            dict(
                base,
                name="My complaint",
                partner_id=cls.portal_partner.id,
                type_id=cls.type_complaint.id,
                bizreg_severity="low",
            )
        )

    def _close(self, ticket, method="POST", csrf=True):
        query = f"ticket_id={ticket.id}&stage_id={self.stage_done.id}"
        if method == "GET":
            return self.url_open(f"/ticket/close?{query}", allow_redirects=False)
        data = {"ticket_id": ticket.id, "stage_id": self.stage_done.id}
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open("/ticket/close", data=data, allow_redirects=False)

    def _assert_open(self, ticket):
        ticket.invalidate_recordset()
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.closed)
        self.assertFalse(ticket.closed_date)

    def test_portal_user_cannot_close_another_customers_ticket(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        # OCA's GET link closed any ticket: now refused, for any ticket
        for ticket in (self.other_ticket, self.own_ticket):
            resp = self._close(ticket, method="GET")
            self.assertEqual(resp.status_code, 405, ticket.name)
        # a POST without the CSRF token
        resp = self._close(self.own_ticket, csrf=False)
        self.assertEqual(resp.status_code, 400)
        # another customer's ticket: not found, nothing changes
        resp = self._close(self.other_ticket)
        self.assertEqual(resp.status_code, 404)
        self._assert_open(self.other_ticket)
        self._assert_open(self.own_ticket)
        # a complaint: the closing rules apply on the portal too
        resp = self._close(self.own_complaint)
        self.assertEqual(resp.status_code, 400)
        self._assert_open(self.own_complaint)
        # the customer's own ticket closes
        resp = self._close(self.own_ticket)
        self.assertEqual(resp.status_code, 302)
        self.assertTrue(
            resp.headers["Location"].endswith(f"/my/ticket/{self.own_ticket.id}")
        )
        self.own_ticket.invalidate_recordset()
        self.assertEqual(self.own_ticket.stage_id, self.stage_done)

    def test_agent_of_another_team_cannot_close(self):
        self.authenticate(self.agent_other.login, self.agent_other.login)
        resp = self._close(self.own_ticket)
        self.assertEqual(resp.status_code, 404)
        self._assert_open(self.own_ticket)

    def test_portal_page_posts_the_close_form(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        resp = self.url_open(f"/my/ticket/{self.own_ticket.id}")
        self.assertEqual(resp.status_code, 200)
        forms = re.findall(
            r'<form[^>]*action="/ticket/close".*?</form>', resp.text, re.DOTALL
        )
        self.assertTrue(forms)
        for form in forms:
            self.assertRegex(form, r'^<form[^>]*method="POST"')
            self.assertIn('name="csrf_token"', form)
