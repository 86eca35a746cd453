# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_user_writes_then_guarded

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestEngineFields(BizregHelpdeskCommon, TransactionCase):
    """What the engine computes or stamps is refused to users, field by field
    (bizreg_base's engine-owned fields), while the module's own actions,
    run as the same users, still write them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    def _investigation(self, **vals):
        """A complaint handed by the agent to the R&D department."""
        return (
            self.env["bizreg.helpdesk.investigation"]
            .with_user(self.agent)
            .create(
                {
                    "ticket_id": self._complaint().id,
                    "department_id": self.dept_rnd.id,
                    "date_deadline": "2099-01-10",
                    "request": "Check",
                    **vals,
                }
            )
        )

    def _guarded(self, record, user, user_vals=None, expected=()):
        return assert_user_writes_then_guarded(
            self, record, user, user_vals, expected, skip=("bizreg_number",)
        )

    def test_ticket_fields_refused_to_the_agent(self):
        ticket = self._complaint()
        tried = self._guarded(ticket, self.agent)
        for name in (
            "bizreg_kind",
            "bizreg_closed",
            "bizreg_complaint_class_id",
            "bizreg_response_deadline",
            "bizreg_resolution_deadline",
            "bizreg_breach_date",
            "bizreg_escalation_level",
            "bizreg_escalation_l1_date",
            "bizreg_first_response_date",
            "bizreg_first_response_hours",
            "bizreg_resolution",
            "bizreg_close_override_reason",
        ):
            self.assertIn(name, tried)

    def test_module_actions_still_write_them_as_the_user(self):
        ticket = self._complaint()
        ticket.with_user(self.agent).action_bizreg_mark_responded()
        self.assertTrue(ticket.bizreg_first_response_date)
        self.env["bizreg.helpdesk.close.override"].with_user(self.manager).create(
            {"ticket_id": ticket.id, "reason": "Customer unreachable"}
        ).action_confirm()
        self.assertTrue(ticket.closed)
        investigation = self._investigation(findings="Done")
        investigation.with_user(self.rnd_manager).action_done()
        self.assertEqual(investigation.state, "done")
        self.assertTrue(investigation.date_done)
        tried = self._guarded(investigation, self.rnd_manager)
        self.assertIn("date_done", tried)
        self.assertIn("state", tried)
        visit = self.env["bizreg.return.visit"].create(
            {"partner_id": self.customer.id, "user_id": self.agent.id}
        )
        visit.with_user(self.agent).write({"feedback": "Fine", "satisfaction": "4"})
        visit.with_user(self.agent).action_done()
        self.assertEqual(visit.state, "done")
        tried = self._guarded(visit, self.agent)
        self.assertIn("date_done", tried)
        self.assertIn("state", tried)

    def test_ticket_refused_to_the_service_manager(self):
        self._guarded(
            self._complaint(),
            self.manager,
            {"bizreg_severity": "medium"},
            (
                "bizreg_kind",
                "bizreg_closed",
                "bizreg_response_deadline",
                "bizreg_resolution_deadline",
                "bizreg_escalation_level",
                "bizreg_first_response_hours",
            ),
        )

    def test_investigation_refused_to_the_agent_who_asked_for_it(self):
        investigation = self._investigation()
        self._guarded(
            investigation,
            self.agent,
            {"request": "Check the power supply"},
            ("state", "date_done"),
        )

    def test_planned_return_visit_refused_to_its_agent(self):
        visit = self.env["bizreg.return.visit"].create(
            {"partner_id": self.customer.id, "user_id": self.agent.id}
        )
        # planned, not yet done (a visit done is tried above)
        self.assertEqual(visit.state, "planned")
        self._guarded(
            visit,
            self.agent,
            {"needs": "A second machine next year"},
            ("state", "date_done", "customer_class"),
        )

    def test_rating_ticket_link_refused_to_the_agent(self):
        ticket = self._complaint()
        rating = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "res_id": ticket.id,
                "partner_id": self.customer.id,
            }
        )
        self.assertEqual(rating.bizreg_ticket_id, ticket)
        self._guarded(
            rating, self.agent, {"feedback": "Called back"}, ("bizreg_ticket_id",)
        )

    def test_configuration_has_no_engine_field(self):
        """Complaint classes and visit plans are the service manager's
        configuration: every stored field is his to set (a read-only field
        added later would be tried and must be refused)."""
        plan = self.env["bizreg.return.visit.plan"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ) or self.env["bizreg.return.visit.plan"].create(
            {"name": "T Plan", "customer_class": "A"}
        )
        for record, vals in (
            (self.class_medium, {"resolution_days": 4.0}),
            (plan, {"interval_number": 2}),
        ):
            with self.subTest(model=record._name):
                tried = self._guarded(record, self.manager, vals)
                stored = {
                    name
                    for name in record._bizreg_engine_owned_fields()
                    if record._fields[name].store
                }
                self.assertEqual(tried, stored)
