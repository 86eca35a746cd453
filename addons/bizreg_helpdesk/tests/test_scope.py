# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestDepartmentScopeAndSla(BizregHelpdeskCommon, TransactionCase):
    """The department scope of bizreg_base on tickets, investigations and
    return visits, and one deadline system per ticket (OCA SLA or the
    complaint class)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    def test_ticket_department_comes_from_the_team(self):
        ticket = self._complaint()
        self.assertEqual(ticket.bizreg_department_id, self.dept_service)
        investigation = self.env["bizreg.helpdesk.investigation"].create(
            {
                "ticket_id": ticket.id,
                "department_id": self.dept_rnd.id,
                "date_deadline": "2099-01-10",
                "request": "Check",
            }
        )
        # the scope of the investigation is the complaint's department, the
        # department asked to investigate is another field
        self.assertEqual(investigation.ticket_department_id, self.dept_service)
        ticket.team_id = self.team_other
        self.assertEqual(ticket.bizreg_department_id, self.dept_service2)
        self.assertEqual(investigation.ticket_department_id, self.dept_service2)

    def test_return_visit_department_is_the_responsible_users(self):
        visit = (
            self.env["bizreg.return.visit"]
            .with_user(self.agent)
            .create({"partner_id": self.customer.id})
            .with_user(self.env.user)
        )
        self.assertEqual(visit.user_id, self.agent)
        self.assertEqual(visit.department_id, self.dept_service)
        # not the author's choice: the department is engine-owned
        with self.assertRaises(AccessError), self.cr.savepoint():
            visit.with_user(self.agent).write({"department_id": self.dept_rnd.id})
        self.assertEqual(visit.department_id, self.dept_service)
        visit.with_user(self.manager).write({"user_id": self.agent_other.id})
        self.assertEqual(visit.department_id, self.dept_service2)

    def _sla_team(self):
        self.team.use_sla = True
        return self.env["helpdesk.sla"].create(
            {
                "name": "T 4 hours",
                "team_ids": [(6, 0, self.team.ids)],
                "hours": 4,
                "stage_id": self.stage_done.id,
            }
        )

    def test_complaints_follow_their_class_not_oca_sla(self):
        sla = self._sla_team()
        question = self._ticket()
        self.assertEqual(question.ticket_sla_ids.sla_id, sla)
        self.assertTrue(question.sla_deadline)
        complaint = self._complaint()
        self.assertFalse(complaint.ticket_sla_ids)
        self.assertFalse(complaint.sla_deadline)
        self.assertTrue(complaint.bizreg_resolution_deadline)
        # a consultation turned into a complaint leaves the SLA
        question.with_user(self.agent).write(
            {"type_id": self.type_complaint.id, "bizreg_severity": "high"}
        )
        self.assertFalse(question.ticket_sla_ids)
        self.assertTrue(question.bizreg_resolution_deadline)
        # "Set SLA" has nothing to add to a complaint
        self.assertTrue(question.sla_fits)
        question.refresh_sla()
        self.assertFalse(question.ticket_sla_ids)
