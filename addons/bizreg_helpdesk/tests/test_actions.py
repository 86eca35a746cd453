# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, time

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestActions(BizregHelpdeskCommon, TransactionCase):
    """The web client evaluates an action's context itself: only the names it
    knows (uid, context, active_id, ...), never ``ref()``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    def _client_eval(self, user, expression):
        return safe_eval(
            expression,
            {
                "uid": user.id,
                "context": {},
                "active_id": False,
                "active_ids": [],
                "active_model": False,
                "allowed_company_ids": user.company_ids.ids,
                "current_company_id": user.company_id.id,
                "time": time,
                "datetime": datetime,
                "relativedelta": dateutil.relativedelta.relativedelta,
            },
        )

    def test_every_window_action_context_evaluates_in_the_client(self):
        actions = (
            self.env["ir.model.data"]
            .search(
                [
                    ("module", "=", "bizreg_helpdesk"),
                    ("model", "=", "ir.actions.act_window"),
                ]
            )
            .mapped("res_id")
        )
        self.assertTrue(actions)
        for action in self.env["ir.actions.act_window"].browse(actions):
            with self.subTest(action=action.name):
                self.assertIsInstance(
                    self._client_eval(self.agent, action.context or "{}"), dict
                )

    def test_consultation_and_complaint_menus_open_with_their_type(self):
        for xmlid, ticket_type in (
            ("bizreg_helpdesk.helpdesk_ticket_action_consultation", "consultation"),
            ("bizreg_helpdesk.helpdesk_ticket_action_complaint", "complaint"),
        ):
            action = (
                self.env["ir.actions.act_window"]
                .with_user(self.agent)
                ._for_xml_id(xmlid)
            )
            context = self._client_eval(self.agent, action["context"])
            defaults = (
                self.env["helpdesk.ticket"]
                .with_user(self.agent)
                .with_context(**context)
                .default_get(["type_id"])
            )
            self.assertEqual(
                defaults["type_id"],
                self.env.ref(f"bizreg_helpdesk.helpdesk_ticket_type_{ticket_type}").id,
            )
            # the list opens for the agent
            domain = safe_eval(action["domain"] or "[]")
            Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
            Ticket.with_context(**context).web_search_read(domain, {"name": {}})
