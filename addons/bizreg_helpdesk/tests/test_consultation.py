# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestConsultation(BizregHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()
        cls.product = cls.env["product.product"].create({"name": "Smart Meter"})

    def test_log_call_creates_closed_consultation(self):
        Wizard = self.env["bizreg.helpdesk.call.log"].with_user(self.agent)
        with Form(Wizard) as form:
            form.partner_id = self.customer
            form.name = "Reset procedure"
            form.product_id = self.product
            form.question = "How do I reset the meter?"
            form.answer = "<p>Hold the button 10 seconds.</p>"
            form.duration = 4.5
        action = form.record.action_log()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.bizreg_kind, "consultation")
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.bizreg_resolved)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.bizreg_product_id, self.product)
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone"),
        )
        self.assertEqual(ticket.bizreg_call_duration, 4.5)
        self.assertTrue(ticket.bizreg_first_response_date)
        self.assertTrue(ticket.closed_date)
        self.assertIn("10 seconds", ticket.bizreg_solution)
        # the archive finds and groups it
        archive = self.env["helpdesk.ticket"].with_user(self.agent)
        groups = archive.read_group(
            [("bizreg_kind", "=", "consultation")],
            ["bizreg_product_id"],
            ["bizreg_product_id"],
        )
        self.assertIn(
            self.product.id,
            [g["bizreg_product_id"][0] for g in groups if g["bizreg_product_id"]],
        )

    def test_log_call_bad_input_stores_nothing(self):
        count = self.env["helpdesk.ticket"].search_count([])
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["bizreg.helpdesk.call.log"].with_user(self.agent).create(
                {
                    "partner_id": self.customer.id,
                    "name": "x",
                    "question": "q",
                    "answer": "<p>a</p>",
                    "duration": -3,
                }
            ).action_log()
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)

    def test_online_chat_channel_exists(self):
        chat = self.env.ref("bizreg_helpdesk.helpdesk_ticket_channel_chat")
        ticket = self._ticket(channel_id=chat.id)
        self.assertEqual(ticket.channel_id, chat)
