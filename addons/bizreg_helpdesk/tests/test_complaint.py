# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestComplaint(BizregHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    # Deadlines ------------------------------------------------------------
    @freeze_time("2026-03-06 15:00:00")  # a Friday
    def test_deadlines_high_over_weekend(self):
        ticket = self._complaint()
        self.assertEqual(ticket.bizreg_complaint_class_id, self.class_high)
        # 2 working hours: Friday 15:00 -> 17:00
        self.assertEqual(ticket.bizreg_response_deadline, datetime(2026, 3, 6, 17, 0))
        # 1 working day (8 h): 2 h on Friday, 6 h on Monday (weekend skipped)
        self.assertEqual(ticket.bizreg_resolution_deadline, datetime(2026, 3, 9, 15, 0))
        # levels: breach at the response deadline, +2 h and +4 h working time
        self.assertEqual(ticket.bizreg_breach_date, datetime(2026, 3, 6, 17, 0))
        self.assertEqual(
            ticket.bizreg_escalation_l2_deadline, datetime(2026, 3, 9, 11, 0)
        )
        self.assertEqual(
            ticket.bizreg_escalation_l3_deadline, datetime(2026, 3, 9, 13, 0)
        )

    @freeze_time("2026-03-06 15:00:00")
    def test_deadlines_medium_and_category_class(self):
        ticket = self._complaint(bizreg_severity="medium")
        self.assertEqual(ticket.bizreg_complaint_class_id, self.class_medium)
        # 4 h: 2 on Friday, 2 on Monday
        self.assertEqual(ticket.bizreg_response_deadline, datetime(2026, 3, 9, 11, 0))
        # 3 days = 24 h: 2 + 8 + 8 + 6 -> Wednesday 15:00
        self.assertEqual(
            ticket.bizreg_resolution_deadline, datetime(2026, 3, 11, 15, 0)
        )
        # a class of the ticket's category wins over the generic one
        category = self.env["helpdesk.ticket.category"].create({"name": "Billing"})
        billing = self.env["bizreg.complaint.class"].create(
            {
                "name": "Billing, medium",
                "category_id": category.id,
                "severity": "medium",
                "response_hours": 1,
                "resolution_days": 1,
                "level2_delay_hours": 1,
                "level3_delay_hours": 2,
            }
        )
        ticket.category_id = category
        self.assertEqual(ticket.bizreg_complaint_class_id, billing)
        self.assertEqual(ticket.bizreg_response_deadline, datetime(2026, 3, 6, 16, 0))

    def test_consultation_has_no_deadline_nor_number(self):
        ticket = self._ticket()
        self.assertFalse(ticket.bizreg_complaint_class_id)
        self.assertFalse(ticket.bizreg_response_deadline)
        self.assertFalse(ticket.bizreg_number)

    # Numbering and acknowledgement ---------------------------------------
    @freeze_time("2026-03-06 15:00:00")
    def test_complaint_number_and_acknowledgement(self):
        first = self._complaint()
        second = self._complaint(user=self.agent2)
        self.assertRegex(first.bizreg_number, r"^CP-202603-\d{5}$")
        self.assertNotEqual(first.bizreg_number, second.bizreg_number)
        ack = first.message_ids.filtered(
            lambda m: first.bizreg_number in (m.subject or "")
        )
        self.assertTrue(ack, "the customer got an acknowledgement")
        self.assertIn(self.customer, ack.partner_ids)
        # the automatic acknowledgement is not the agent's first response
        self.assertFalse(first.bizreg_first_response_date)
        # the number cannot be written by hand
        with self.assertRaises(UserError):
            first.with_user(self.agent).write({"bizreg_number": "CP-X"})

    def test_becoming_a_complaint_numbers_it(self):
        ticket = self._ticket()
        ticket.with_user(self.agent).write(
            {"type_id": self.type_complaint.id, "bizreg_severity": "low"}
        )
        self.assertTrue(ticket.bizreg_number.startswith("CP-"))
        self.assertTrue(ticket.bizreg_resolution_deadline)

    # Escalation -----------------------------------------------------------
    def test_escalation_levels_fire_once_at_the_right_time(self):
        with freeze_time("2026-03-06 15:00:00"):
            ticket = self._complaint()
        Ticket = self.env["helpdesk.ticket"]
        followup = self.env.ref("bizreg_base.mail_activity_bizreg_followup")

        def activities(user):
            return ticket.activity_ids.filtered(
                lambda a: a.user_id == user and a.activity_type_id == followup
            )

        with freeze_time("2026-03-06 16:59:00"):
            self.assertEqual(Ticket._cron_bizreg_ticket_deadlines().get("level1"), 0)
        with freeze_time("2026-03-06 17:01:00"):
            fired = Ticket._cron_bizreg_ticket_deadlines()
            self.assertEqual(fired, {"level1": 1, "level2": 0, "level3": 0})
            self.assertEqual(ticket.bizreg_escalation_level, 1)
            self.assertEqual(len(activities(self.agent)), 1)
            self.assertIn("level 1", ticket.message_ids[0].body.lower())
            # idempotent
            self.assertEqual(Ticket._cron_bizreg_ticket_deadlines()["level1"], 0)
        with freeze_time("2026-03-07 12:00:00"):  # Saturday: not working time
            self.assertEqual(
                Ticket._cron_bizreg_ticket_deadlines(),
                {"level1": 0, "level2": 0, "level3": 0},
            )
        with freeze_time("2026-03-09 11:01:00"):  # Monday, 2 working hours later
            self.assertEqual(Ticket._cron_bizreg_ticket_deadlines()["level2"], 1)
            self.assertEqual(len(activities(self.manager)), 1)
            self.assertEqual(ticket.bizreg_escalation_level, 2)
        with freeze_time("2026-03-09 13:01:00"):
            fired = Ticket._cron_bizreg_ticket_deadlines()
            self.assertEqual(fired, {"level1": 0, "level2": 0, "level3": 1})
            self.assertEqual(len(activities(self.director)), 1)
            self.assertEqual(ticket.bizreg_escalation_level, 3)
        with freeze_time("2026-03-12 09:00:00"):
            self.assertEqual(
                Ticket._cron_bizreg_ticket_deadlines(),
                {"level1": 0, "level2": 0, "level3": 0},
            )
        self.assertEqual(len(activities(self.agent)), 1)
        self.assertEqual(len(activities(self.manager)), 1)

    def test_answered_in_time_moves_breach_to_resolution(self):
        with freeze_time("2026-03-06 15:00:00"):
            ticket = self._complaint()
            closed = self._complaint()
        with freeze_time("2026-03-06 16:00:00"):
            # a public reply of the agent is the first response
            ticket.with_user(self.agent).message_post(
                body="We are on it",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self.assertEqual(
                ticket.bizreg_first_response_date, datetime(2026, 3, 6, 16, 0)
            )
            self.assertEqual(ticket.bizreg_first_response_hours, 1.0)
            self.assertEqual(
                ticket.bizreg_breach_date, ticket.bizreg_resolution_deadline
            )
            # cancelled by a manager, with a reason (the closing rules)
            self.env["bizreg.helpdesk.close.override"].with_user(self.manager).create(
                {
                    "ticket_id": closed.id,
                    "stage_id": self.stage_cancelled.id,
                    "reason": "Withdrawn by the customer",
                }
            ).action_confirm()
        with freeze_time("2026-03-06 17:30:00"):
            fired = self.env["helpdesk.ticket"]._cron_bizreg_ticket_deadlines()
        self.assertEqual(fired["level1"], 0, "answered in time, cancelled: nothing due")
        self.assertFalse(closed.bizreg_escalation_l1_date)

    def test_internal_note_is_not_a_response(self):
        ticket = self._complaint()
        ticket.with_user(self.agent).message_post(
            body="note", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(ticket.bizreg_first_response_date)
        ticket.with_user(self.agent).action_bizreg_mark_responded()
        self.assertTrue(ticket.bizreg_first_response_date)

    def test_system_fields_refused_over_rpc(self):
        ticket = self._complaint()
        for vals in (
            {"bizreg_first_response_date": "2020-01-01 00:00:00"},
            {"bizreg_escalation_l1_date": "2020-01-01 00:00:00"},
            {"bizreg_close_override_reason": "because"},
        ):
            with self.assertRaises(UserError), self.cr.savepoint():
                ticket.with_user(self.agent).write(vals)
        ticket.invalidate_recordset()
        self.assertFalse(ticket.bizreg_first_response_date)
        self.assertFalse(ticket.bizreg_close_override_reason)
        with self.assertRaises(UserError):
            self._complaint(bizreg_close_override_reason="because")

    # Department investigation --------------------------------------------
    def test_assign_to_department(self):
        ticket = self._complaint()
        action = ticket.with_user(self.agent).action_bizreg_assign_department()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(**action["context"])
        ) as form:
            form.department_id = self.dept_rnd
            form.date_deadline = "2099-01-10"
            form.request = "Check the firmware of batch 42"
        investigation = form.record
        self.assertEqual(investigation.manager_user_id, self.rnd_manager)
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.rnd_manager)
        self.assertEqual(str(activity.date_deadline), "2099-01-10")
        # the R&D manager reads the complaint and records the findings
        self.assertTrue(ticket.with_user(self.rnd_manager).read(["name"]))
        investigation.with_user(self.rnd_manager).write({"findings": "Firmware bug"})
        investigation.with_user(self.rnd_manager).action_done()
        self.assertEqual(investigation.state, "done")
        self.assertFalse(
            ticket.activity_ids.filtered(lambda a: a.user_id == self.rnd_manager)
        )
        self.assertEqual(ticket.bizreg_investigation_count, 1)

    def test_assign_to_department_bad_input(self):
        ticket = self._complaint()
        Investigation = self.env["bizreg.helpdesk.investigation"].with_user(self.agent)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Investigation.create(
                {
                    "ticket_id": ticket.id,
                    "department_id": self.dept_rnd.id,
                    "date_deadline": "2000-01-01",
                    "request": "late",
                }
            )
        no_manager = self.env["hr.department"].create({"name": "Nobody's"})
        with self.assertRaises(UserError), self.cr.savepoint():
            Investigation.create(
                {
                    "ticket_id": ticket.id,
                    "department_id": no_manager.id,
                    "date_deadline": "2099-01-01",
                    "request": "who?",
                }
            )
        self.assertFalse(ticket.bizreg_investigation_ids)
        self.assertFalse(
            ticket.activity_ids.filtered(lambda a: a.user_id == self.rnd_manager)
        )

    # Closing and satisfaction ---------------------------------------------
    def test_close_refused_without_solution_or_satisfaction(self):
        ticket = self._complaint()
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.with_user(self.agent).write({"stage_id": self.stage_done.id})
        ticket.invalidate_recordset()
        self.assertFalse(ticket.closed)
        ticket.with_user(self.agent).bizreg_solution = "<p>Replaced the device</p>"
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.with_user(self.agent).write({"stage_id": self.stage_done.id})
        ticket.with_user(self.agent).bizreg_satisfaction = "2"  # not satisfied
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.with_user(self.agent).write({"stage_id": self.stage_done.id})
        ticket.invalidate_recordset()
        self.assertFalse(ticket.closed)
        ticket.with_user(self.agent).write(
            {"bizreg_satisfaction": "4", "stage_id": self.stage_done.id}
        )
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.bizreg_resolved)
        # a consultation closes freely
        consultation = self._ticket()
        consultation.with_user(self.agent).write({"stage_id": self.stage_done.id})
        self.assertTrue(consultation.closed)

    def test_manager_override_with_reason(self):
        ticket = self._complaint()
        Wizard = self.env["bizreg.helpdesk.close.override"]
        with self.assertRaises(AccessError), self.cr.savepoint():
            Wizard.with_user(self.agent).create(
                {"ticket_id": ticket.id, "reason": "please"}
            ).action_confirm()
        self.assertFalse(ticket.closed)
        wizard = Wizard.with_user(self.manager).create(
            {"ticket_id": ticket.id, "reason": "Customer unreachable for 30 days"}
        )
        wizard.action_confirm()
        self.assertTrue(ticket.closed)
        self.assertEqual(ticket.bizreg_close_override_user_id, self.manager)
        self.assertEqual(
            ticket.bizreg_close_override_reason, "Customer unreachable for 30 days"
        )

    def test_low_rating_reopens_complaint(self):
        ticket = self._complaint()
        ticket.with_user(self.agent).write(
            {
                "bizreg_solution": "<p>Replaced</p>",
                "bizreg_satisfaction": "5",
                "stage_id": self.stage_done.id,
            }
        )
        self.assertTrue(ticket.closed)
        rating = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "res_id": ticket.id,
                "partner_id": self.customer.id,
            }
        )
        ticket.rating_apply(1, token=rating.access_token, feedback="Still broken")
        self.assertFalse(ticket.closed, "a low rating reopens the complaint")
        self.assertEqual(ticket.bizreg_satisfaction, "1")
        self.assertTrue(
            ticket.activity_ids.filtered(lambda a: a.user_id == self.manager),
            "the Customer Service Manager is notified",
        )

    def test_good_rating_keeps_closed(self):
        ticket = self._complaint()
        ticket.with_user(self.agent).write(
            {
                "bizreg_solution": "<p>ok</p>",
                "bizreg_satisfaction": "4",
                "stage_id": self.stage_done.id,
            }
        )
        rating = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "res_id": ticket.id,
                "partner_id": self.customer.id,
            }
        )
        ticket.rating_apply(5, token=rating.access_token)
        self.assertTrue(ticket.closed)
        self.assertEqual(ticket.bizreg_satisfaction_score, 5)
        self.assertFalse(
            ticket.activity_ids.filtered(lambda a: a.user_id == self.manager)
        )

    def test_rating_threshold_setting_bad_input(self):
        settings = self.env["res.config.settings"].create({})
        with self.assertRaises(ValidationError):
            settings.bizreg_low_rating_threshold = 7
            settings.flush_recordset()
