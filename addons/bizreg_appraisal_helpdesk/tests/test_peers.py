# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_appraisal.tests.common import query_counts
from odoo.addons.bizreg_helpdesk.tests.common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestTicketPeers(BizregHelpdeskCommon, TransactionCase):
    """Collaboration source "tickets": assignee, investigating departments,
    authors of messages and notes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()
        cls.Collaboration = cls.env["bizreg.appraisal.collaboration"]
        cls.emp = {
            user: user.employee_id
            for user in (
                cls.agent,
                cls.agent2,
                cls.agent_other,
                cls.manager,
                cls.rnd_manager,
            )
        }

    def _comment(self, ticket, author, message_type="comment"):
        partner = author.partner_id if author._name == "res.users" else author
        ticket.sudo().message_post(
            body="<p>Looked into it.</p>",
            message_type=message_type,
            subtype_xmlid="mail.mt_note",
            author_id=partner.id,
        )

    def _fixture(self):
        with freeze_time("2026-03-02 09:00:00"):
            first = self._complaint()
            second = self._ticket()
            third = self._ticket()
            self.env["bizreg.helpdesk.investigation"].with_user(self.agent).create(
                {
                    "ticket_id": first.id,
                    "department_id": self.dept_rnd.id,
                    "date_deadline": "2026-03-10",
                    "request": "Check the firmware",
                }
            )
            self._comment(second, self.agent2)
            self._comment(second, self.agent_other)
            self._comment(second, self.manager)  # agent's manager: left out
            self._comment(third, self.agent2)
            self._comment(third, self.agent_other, "notification")  # automatic
            self._comment(third, self.agent)  # the assignee's own note
            self._comment(third, self.customer)  # not an internal user
        with freeze_time("2026-04-02 09:00:00"):
            later = self._ticket()
            self._comment(later, self.agent_other)  # another period

    def _suggest(self, employees):
        return self.Collaboration._bizreg_collaborators(
            employees, date(2026, 3, 1), date(2026, 3, 31)
        )

    def test_ticket_source_counts(self):
        self._fixture()
        found = self.Collaboration._bizreg_collaboration_tickets(
            self.emp[self.agent] | self.emp[self.rnd_manager],
            date(2026, 3, 1),
            date(2026, 3, 31),
        )
        self.assertEqual(
            found[self.emp[self.agent].id],
            {
                self.emp[self.rnd_manager].id: 1,
                self.emp[self.agent2].id: 2,
                self.emp[self.agent_other].id: 1,
                self.emp[self.manager].id: 1,
            },
        )
        self.assertEqual(
            found[self.emp[self.rnd_manager].id], {self.emp[self.agent].id: 1}
        )

    def test_ticket_peers_ranked(self):
        self._fixture()
        agent = self.emp[self.agent]
        found = self._suggest(agent)[agent.id]
        self.assertEqual(
            found,
            [
                # Other departments first (same count: by name) ...
                (self.emp[self.agent_other].id, 1, {"Tickets": 1}),
                (self.emp[self.rnd_manager].id, 1, {"Tickets": 1}),
                # ... then the same department, although with more tickets.
                (self.emp[self.agent2].id, 2, {"Tickets": 2}),
            ],
        )

    def test_ticket_source_constant_queries(self):
        self._fixture()
        many = self.env["hr.employee"].browse(
            [e.id for e in self.emp.values()]
        ) | self.env["hr.employee"].create(
            [
                {"name": f"T Agent {i}", "department_id": self.dept_service.id}
                for i in range(20)
            ]
        )
        self._suggest(many)
        counts = query_counts(
            self.env,
            lambda employees: self.Collaboration._bizreg_collaboration_tickets(
                employees, date(2026, 3, 1), date(2026, 3, 31)
            ),
            self.emp[self.agent],
            many,
        )
        self.assertEqual(counts[0], counts[1], counts)
