# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""bizreg_base's engine-owned field guard on the helpdesk models that
test_engine_fields does not cover, each with a user who may otherwise write
the record: the service manager on tickets and the configuration, the agent on his
investigation, his planned return visits and the ratings of his tickets."""

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestHelpdeskEngineFieldsModels(BizregHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    def _guarded(self, record, user, user_vals, expected=()):
        """``user`` may write ``user_vals`` (so the refusals are the guard's,
        not a missing access right), then every engine-owned field is refused
        to him; ``expected`` must be among the fields tried."""
        record.with_user(user).write(user_vals)
        record.invalidate_recordset()
        for name, value in user_vals.items():
            self.assertEqual(record[name], value, name)
        # the number has its own guard (bizreg_base's numbering mixin)
        tried = assert_engine_fields_guarded(
            self, record, user, skip=("bizreg_number",)
        )
        for name in expected:
            self.assertIn(name, tried, f"{record._name}.{name}")
        return tried

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
        investigation = (
            self.env["bizreg.helpdesk.investigation"]
            .with_user(self.agent)
            .create(
                {
                    "ticket_id": self._complaint().id,
                    "department_id": self.dept_rnd.id,
                    "date_deadline": "2099-01-10",
                    "request": "Check",
                }
            )
        )
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
        # planned, not yet done (test_engine_fields tries a visit done)
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
