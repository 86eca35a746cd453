# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestAppraisalEvaluation(AppraisalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()

    def _cycle_in_evaluation(self, **deadlines):
        cycle = self._open_cycle("quarterly", 2026, 2, with_evaluations=True)
        cycle.write(deadlines)
        appraisal = self._appraisal(cycle, self.emp1)
        appraisal.write(
            {
                "peer_employee_ids": [Command.set(self.emp_peer.ids)],
                "customer_partner_ids": [Command.set(self.customer.ids)],
            }
        )
        cycle.action_start()
        cycle.action_open_evaluations()
        return cycle, appraisal

    def _form(self, appraisal, evaluation_type):
        return appraisal.evaluation_ids.filtered(
            lambda e: e.evaluation_type == evaluation_type
        )

    def test_evaluator_isolation(self):
        cycle, appraisal = self._cycle_in_evaluation()
        Evaluation = self.env["bizreg.appraisal.evaluation"]
        manager_form = self._form(appraisal, "manager")
        peer_form = self._form(appraisal, "peer")
        self.assertEqual(manager_form.evaluator_user_id, self.manager)
        self.assertEqual(peer_form.evaluator_user_id, self.peer)
        # Each evaluator sees only the forms assigned to them.
        seen_by_peer = Evaluation.with_user(self.peer).search(
            [("cycle_id", "=", cycle.id)]
        )
        self.assertEqual(seen_by_peer, peer_form)
        seen_by_employee = Evaluation.with_user(self.user1).search(
            [("cycle_id", "=", cycle.id)]
        )
        self.assertEqual(seen_by_employee.mapped("evaluation_type"), ["self"])
        self.assertNotIn(manager_form, seen_by_employee)
        with self.assertRaises(AccessError):
            manager_form.with_user(self.user1).read(["score"])
        # Nobody fills in someone else's form, not even HR or the manager.
        with self.assertRaises(AccessError):
            peer_form.with_user(self.manager).write({"comment": "Mine now"})
        with self.assertRaises(AccessError):
            peer_form.with_user(self.hr1).write({"comment": "HR edit"})
        with self.assertRaises(AccessError):
            peer_form.line_ids[:1].with_user(self.hr1).write({"score": 5})
        with self.assertRaises(AccessError):
            peer_form.with_user(self.hr1).action_submit()
        self.assertFalse(peer_form.comment)
        self.assertFalse(any(peer_form.line_ids.mapped("score")))
        # The Director reads every form but changes none.
        self.assertIn(peer_form, Evaluation.with_user(self.director).search([]))
        with self.assertRaises(AccessError):
            peer_form.with_user(self.director).write({"comment": "x"})

    def test_self_edit_refused(self):
        cycle, appraisal = self._cycle_in_evaluation()
        own = self._form(appraisal, "self").with_user(self.user1)
        # The employee fills in their self-assessment...
        own.write({"strengths": "Closed three deals"})
        # ...but cannot submit it themselves through a state write or change
        # its deadline, nor touch their own results.
        with self.assertRaises(UserError):
            own.write({"state": "submitted"})
        with self.assertRaises(AccessError):
            own.write({"deadline": "2030-01-01 00:00:00"})
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user1).write({"bonus_base": 99999})
        monthly = self._open_cycle("monthly", 2026, 6)
        line = self._appraisal(monthly, self.emp1).line_ids[:1]
        with self.assertRaises(AccessError):
            line.with_user(self.user1).write({"actual_value": 1000})
        self.assertFalse(line.actual_value)
        # The engine fields are refused to everybody, HR included.
        with self.assertRaises(UserError):
            appraisal.with_user(self.hr1).write({"promotion_priority": True})
        with self.assertRaises(UserError):
            line.with_user(self.hr1).write({"score": 100})

    def test_submit_requires_every_criterion(self):
        _cycle, appraisal = self._cycle_in_evaluation()
        form = self._form(appraisal, "manager").with_user(self.manager)
        with self.assertRaises(UserError):
            form.action_submit()
        self.assertEqual(form.state, "draft")
        with self.assertRaises(ValidationError):
            form.line_ids[:1].write({"score": 6})
        form.line_ids.write({"score": 4})
        form.action_submit()
        self.assertEqual(form.state, "submitted")
        self.assertAlmostEqual(form.score, 80.0)
        # Submitted forms are locked.
        with self.assertRaises(UserError):
            form.line_ids[:1].write({"score": 5})

    def test_evaluator_not_in_company_refused(self):
        other_company = self.env["res.company"].create({"name": "T Other Co"})
        outsider = new_test_user(
            self.env,
            login="t_ap_outsider",
            groups="base.group_user",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        _cycle, appraisal = self._cycle_in_evaluation()
        Evaluation = self.env["bizreg.appraisal.evaluation"].with_user(self.hr1)
        count = Evaluation.search_count([])
        with self.assertRaises(ValidationError) as caught:
            Evaluation.create(
                {
                    "appraisal_id": appraisal.id,
                    "evaluation_type": "peer",
                    "evaluator_user_id": outsider.id,
                }
            )
        self.assertIn("company", str(caught.exception))
        self.assertEqual(Evaluation.search_count([]), count)
        # An employee cannot be their own peer.
        with self.assertRaises(ValidationError):
            Evaluation.create(
                {
                    "appraisal_id": appraisal.id,
                    "evaluation_type": "peer",
                    "evaluator_user_id": self.user1.id,
                }
            )
        self.assertEqual(Evaluation.search_count([]), count)

    def test_deadline_reminder_and_overdue(self):
        deadline = datetime(2026, 7, 10, 12, 0)
        cycle, appraisal = self._cycle_in_evaluation(
            self_deadline=deadline, evaluation_deadline=deadline
        )
        Evaluation = self.env["bizreg.appraisal.evaluation"]
        peer_form = self._form(appraisal, "peer")
        self.assertEqual(peer_form.deadline, deadline)
        self.assertEqual(peer_form.reminder_date, deadline - timedelta(days=1))
        activity_type = self.env.ref("bizreg_base.mail_activity_bizreg_followup")
        open_forms = Evaluation.search(
            [("cycle_id", "=", cycle.id), ("state", "=", "draft")]
        )

        def activities(form):
            return form.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )

        before = len(activities(peer_form))
        with freeze_time(deadline - timedelta(days=2)):
            self.assertEqual(
                Evaluation._cron_deadlines(),
                {"reminder": 0, "overdue": 0},
            )
        with freeze_time(deadline - timedelta(hours=12)):
            fired = Evaluation._cron_deadlines()
            self.assertEqual(fired["reminder"], len(open_forms))
            self.assertEqual(fired["overdue"], 0)
            self.assertEqual(
                Evaluation._cron_deadlines(),
                {"reminder": 0, "overdue": 0},
            )
        self.assertEqual(len(activities(peer_form)), before + 1)
        # The peer submits in time: no overdue notice for that form.
        peer_form.with_user(self.peer).line_ids.write({"score": 3})
        peer_form.with_user(self.peer).action_submit()
        with freeze_time(deadline + timedelta(hours=1)):
            fired = Evaluation._cron_deadlines()
            self.assertEqual(fired["overdue"], len(open_forms) - 1)
        self.assertFalse(peer_form.overdue_date)
        self_form = self._form(appraisal, "self")
        self.assertTrue(self_form.overdue_date)
        self.assertEqual(
            activities(self_form).user_id & (self.hr1 | self.manager),
            self.hr1 | self.manager,
        )
