# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestClosingRoutes(BizregHelpdeskCommon, TransactionCase):
    """Every route that ends a complaint passes the closing rules: a closing
    stage, a cancelling stage, archiving, changing its type, creating it
    ended; whatever else changes in the same write."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    def _state(self, ticket):
        ticket.invalidate_recordset()
        ticket = ticket.with_context(active_test=False)
        return (ticket.stage_id, ticket.active, ticket.type_id, ticket.closed)

    def _refused(self, ticket, vals=None, method=None, user=None):
        user = user or self.agent
        before = self._state(ticket)
        with self.assertRaises(UserError), self.cr.savepoint():
            rec = ticket.with_user(user)
            if method:
                getattr(rec, method)()
            else:
                rec.write(vals)
        self.assertEqual(self._state(ticket), before, vals or method)

    def test_cancel_archive_and_type_change_refused_without_solution(self):
        ticket = self._complaint()
        self._refused(ticket, {"stage_id": self.stage_cancelled.id})
        self._refused(ticket, {"active": False})
        self._refused(ticket, method="action_archive")
        self._refused(ticket, {"type_id": self.type_consultation.id})
        self._refused(ticket, {"type_id": self.type_request.id})
        # the kind changed in the same write as the stage
        self._refused(
            ticket,
            {"type_id": self.type_consultation.id, "stage_id": self.stage_done.id},
        )
        # with a solution but an unsatisfied customer
        ticket.with_user(self.agent).write(
            {"bizreg_solution": "<p>Replaced</p>", "bizreg_satisfaction": "2"}
        )
        self._refused(ticket, {"stage_id": self.stage_cancelled.id})
        self._refused(ticket, method="action_archive")
        self._refused(ticket, {"type_id": self.type_consultation.id})
        self.assertEqual(ticket.bizreg_kind, "complaint")
        self.assertTrue(ticket.active)
        self.assertFalse(ticket.closed)

    def test_ending_allowed_with_solution_and_satisfaction(self):
        for vals in (
            {"stage_id": self.stage_cancelled.id},
            {"active": False},
            {"type_id": self.type_consultation.id},
        ):
            ticket = self._complaint()
            ticket.with_user(self.agent).write(
                dict(vals, bizreg_solution="<p>Replaced</p>", bizreg_satisfaction="4")
            )
            ticket.invalidate_recordset()
            self.assertTrue(
                ticket.closed
                or not ticket.active
                or ticket.bizreg_kind == "consultation",
                vals,
            )

    def test_closed_complaint_keeps_its_type(self):
        ticket = self._complaint()
        ticket.with_user(self.agent).write(
            {
                "bizreg_solution": "<p>Replaced</p>",
                "bizreg_satisfaction": "4",
                "stage_id": self.stage_done.id,
            }
        )
        # out of the complaint statistics by changing its type: no
        self._refused(ticket, {"type_id": self.type_consultation.id})
        self.assertEqual(ticket.bizreg_kind, "complaint")

    def test_ended_ticket_becoming_a_complaint_needs_the_rules(self):
        consultation = self._ticket()
        consultation.with_user(self.agent).write({"stage_id": self.stage_done.id})
        self.assertTrue(consultation.closed)
        self._refused(
            consultation,
            {"type_id": self.type_complaint.id, "bizreg_severity": "low"},
        )
        self.assertEqual(consultation.bizreg_kind, "consultation")

    def test_complaint_created_ended_is_refused(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        count = Ticket.with_context(active_test=False).search_count([])
        for vals in (
            {"stage_id": self.stage_cancelled.id},
            {"stage_id": self.stage_done.id},
            {"active": False},
        ):
            with self.assertRaises(UserError, msg=vals), self.cr.savepoint():
                self._complaint(**vals)
        self.assertEqual(Ticket.with_context(active_test=False).search_count([]), count)

    def test_manager_cancels_with_a_reason_reopening_clears_it(self):
        ticket = self._complaint()
        Wizard = self.env["bizreg.helpdesk.close.override"].with_user(self.manager)
        # a stage that does not close the ticket is not a way round
        with self.assertRaises(UserError), self.cr.savepoint():
            Wizard.create(
                {
                    "ticket_id": ticket.id,
                    "stage_id": self.stage_new.id,
                    "reason": "wrong stage",
                }
            ).action_confirm()
        Wizard.create(
            {
                "ticket_id": ticket.id,
                "stage_id": self.stage_cancelled.id,
                "reason": "Duplicate of another complaint",
            }
        ).action_confirm()
        self.assertEqual(ticket.stage_id, self.stage_cancelled)
        self.assertEqual(ticket.bizreg_close_override_user_id, self.manager)
        self.assertEqual(ticket.bizreg_resolution, "unresolved")
        # the agent reopens it: the override does not outlive the closing
        ticket.with_user(self.agent).write({"stage_id": self.stage_new.id})
        self.assertFalse(ticket.bizreg_close_override_reason)
        self.assertFalse(ticket.bizreg_close_override_user_id)
        self._refused(ticket, method="action_archive")
        self._refused(ticket, {"stage_id": self.stage_done.id})

    def test_kind_of_a_used_type_cannot_change(self):
        helpdesk_manager = bizreg_test_user(
            self.env, "t_hd_helpdesk_manager", ["helpdesk_mgmt.group_helpdesk_manager"]
        )
        ticket = self._complaint()
        with self.assertRaises(UserError), self.cr.savepoint():
            self.type_complaint.with_user(helpdesk_manager).write(
                {"bizreg_kind": "request"}
            )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.bizreg_kind, "complaint")
        self.assertEqual(self.type_complaint.bizreg_kind, "complaint")
        # a type nobody uses yet can still be set up
        fresh = self.env["helpdesk.ticket.type"].create({"name": "Fresh"})
        fresh.with_user(helpdesk_manager).write({"bizreg_kind": "complaint"})
        self.assertEqual(fresh.bizreg_kind, "complaint")

    def test_received_date_only_moves_earlier(self):
        ticket = self._complaint()
        received = ticket.bizreg_received_date
        deadline = ticket.bizreg_resolution_deadline
        for value in (
            received + timedelta(days=3),
            fields.Datetime.now() + timedelta(days=1),
        ):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                ticket.with_user(self.agent).write({"bizreg_received_date": value})
        ticket.invalidate_recordset()
        self.assertEqual(ticket.bizreg_received_date, received)
        self.assertEqual(ticket.bizreg_resolution_deadline, deadline)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._complaint(
                bizreg_received_date=fields.Datetime.now() + timedelta(days=2)
            )
        # an earlier call can be recorded
        ticket.with_user(self.agent).write(
            {"bizreg_received_date": received - timedelta(hours=1)}
        )
        self.assertEqual(ticket.bizreg_received_date, received - timedelta(hours=1))

    def test_engine_owned_fields_are_read_only_in_their_definition(self):
        Ticket = self.env["helpdesk.ticket"]
        for name in (
            "bizreg_kind",
            "bizreg_closed",
            "bizreg_complaint_class_id",
            "bizreg_response_deadline",
            "bizreg_resolution_deadline",
            "bizreg_breach_date",
            "bizreg_escalation_l2_deadline",
            "bizreg_escalation_l3_deadline",
            "bizreg_escalation_level",
            "bizreg_escalation_l1_date",
            "bizreg_escalation_l2_date",
            "bizreg_escalation_l3_date",
            "bizreg_first_response_date",
            "bizreg_first_response_hours",
            "bizreg_resolved",
            "bizreg_resolved_on_time",
            "bizreg_resolution",
            "bizreg_satisfaction_score",
            "bizreg_close_override_reason",
            "bizreg_close_override_user_id",
            "bizreg_number",
        ):
            with self.subTest(field=name):
                self.assertTrue(Ticket._fields[name].readonly)
        for model, name in (
            ("bizreg.return.visit", "date_done"),
            ("bizreg.return.visit", "state"),
            ("bizreg.helpdesk.investigation", "state"),
            ("bizreg.return.visit", "satisfaction_score"),
            ("bizreg.helpdesk.investigation", "date_done"),
            ("rating.rating", "bizreg_ticket_id"),
        ):
            with self.subTest(model=model, field=name):
                self.assertTrue(self.env[model]._fields[name].readonly)
