# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .common import ProjectCommon


@tagged("post_install", "-at_install")
class TestRisk(ProjectCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._project_setup()
        cls.project = cls._regulated_project()
        cls.Risk = cls.env["bizreg.project.risk"]
        # the demo risks stay out of the deadline runs
        cls.Risk.search([])._bizreg_engine_write({"state": "closed"})

    def _risk(self, user=None, **vals):
        user = user or self.pm
        return (
            self.Risk.with_user(user)
            .create(
                {
                    "name": "Supplier late",
                    "project_id": self.project.id,
                    "probability": 3,
                    "impact": 3,
                    "user_id": user.id,
                    **vals,
                }
            )
            .with_user(user)
        )

    def _activities(self, risk, user):
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "bizreg.project.risk"),
                    ("res_id", "=", risk.id),
                    ("user_id", "=", user.id),
                ]
            )
        )

    def test_score_and_level(self):
        risk = self._risk(probability=2, impact=3)
        self.assertEqual((risk.score, risk.level), (6, "low"))
        risk.write({"impact": 4})
        self.assertEqual((risk.score, risk.level), (8, "medium"))
        risk.write({"probability": 3, "impact": 5})
        self.assertEqual((risk.score, risk.level), (15, "high"))
        risk.write({"probability": 5, "impact": 5})
        self.assertEqual((risk.score, risk.level), (25, "high"))
        # the level is filterable (stored) and the project counts it
        self.assertIn(risk, self.Risk.search([("level", "=", "high")]))
        self.assertEqual(self.project.bizreg_risk_high_count, 1)
        self.assertEqual(self.project.bizreg_risk_health, "red")

    def test_bad_scale_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Probability"):
            self._risk(probability=6)
        with self.assertRaisesRegex(ValidationError, "Impact"):
            self._risk(impact=0)
        risk = self._risk()
        with self.assertRaisesRegex(ValidationError, "Probability"):
            risk.write({"probability": -1})

    def test_unregulated_project_refused(self):
        plain = self.env["project.project"].create({"name": "Plain project"})
        with self.assertRaisesRegex(ValidationError, "regulated projects only"):
            self._risk(project_id=plain.id)
        self.assertFalse(plain.bizreg_risk_health)
        self.assertEqual(plain.bizreg_risk_high_count, 0)

    def test_create_task_from_response(self):
        risk = self._risk(user=self.pm, user_id=self.colleague.id)
        with self.assertRaisesRegex(UserError, "Describe the response"):
            risk.action_create_task()
        risk.write({"strategy": "mitigate", "response": "Order from a second source"})
        action = risk.action_create_task()
        task = risk.task_ids
        self.assertEqual(len(task), 1)
        self.assertEqual(action["res_id"], task.id)
        self.assertEqual(task.project_id, self.project)
        self.assertEqual(task.user_ids, self.colleague)
        self.assertIn("Supplier late", task.name)
        self.assertEqual(risk.task_count, 1)
        # a second response task is linked too; a closed risk takes none
        risk.action_create_task()
        self.assertEqual(len(risk.task_ids), 2)
        risk.action_close()
        with self.assertRaises(UserError):
            risk.action_create_task()
        # the links are the application's
        with self.assertRaises(AccessError):
            risk.write({"task_ids": [(5, 0, 0)]})
        # someone who cannot write the risk cannot create its tasks
        with self.assertRaises(AccessError):
            risk.with_user(self.stranger).action_create_task()

    def test_review_reminder_then_escalation(self):
        with freeze_time("2026-04-01 02:00:00"):
            risk = self._risk(user=self.pm, review_date=date(2026, 4, 15))
            risk.write({"user_id": self.colleague.id})
            self.env.flush_all()
        risk = risk.sudo()
        # the start of 15 April in Shanghai
        self.assertEqual(risk.review_reminder_date, datetime(2026, 4, 14, 16, 0))
        self.assertGreater(
            risk.review_escalation_date, datetime(2026, 4, 16, 16, 0)
        )  # two working days after the review date
        self.assertLess(risk.review_escalation_date, datetime(2026, 4, 20, 16, 0))
        Risk = self.Risk.sudo()
        Risk._bizreg_run_escalations(now=datetime(2026, 4, 14, 15, 59))
        self.assertFalse(self._activities(risk, self.colleague))
        fired = Risk._bizreg_run_escalations(now=datetime(2026, 4, 14, 16, 0))
        self.assertEqual(fired["review_reminder"], 1)
        self.assertEqual(len(self._activities(risk, self.colleague)), 1)
        self.assertFalse(self._activities(risk, self.pm))
        fired = Risk._bizreg_run_escalations(now=risk.review_escalation_date)
        self.assertEqual(fired["review_escalation"], 1)
        self.assertEqual(len(self._activities(risk, self.pm)), 1)
        # nothing fires twice
        fired = Risk._bizreg_run_escalations(now=datetime(2026, 5, 1))
        self.assertEqual(fired["review_reminder"] + fired["review_escalation"], 0)
        self.assertEqual(len(self._activities(risk, self.colleague)), 1)
        # a new review date: reminded again on that day
        risk.with_user(self.pm).write({"review_date": date(2026, 5, 15)})
        self.assertFalse(risk.review_reminded_date)
        fired = Risk._bizreg_run_escalations(now=datetime(2026, 5, 14, 16, 0))
        self.assertEqual(fired["review_reminder"], 1)
        # a closed risk is not reminded
        risk.with_user(self.pm).action_close()
        risk.with_user(self.pm).write({"review_date": date(2026, 6, 15)})
        fired = Risk._bizreg_run_escalations(now=datetime(2026, 7, 1))
        self.assertEqual(fired["review_reminder"], 0)

    def test_high_risk_escalates_to_director_once(self):
        with freeze_time("2026-04-01 02:00:00"):
            low = self._risk(name="Low one", probability=1, impact=2)
            risk = self._risk(probability=2, impact=3)
            self.assertFalse(risk.sudo().high_escalation_date)
            risk.write({"probability": 4, "impact": 4})
            self.env.flush_all()
        self.assertEqual(risk.sudo().high_escalation_date, datetime(2026, 4, 1, 2, 0))
        self.assertFalse(low.sudo().high_escalation_date)
        Risk = self.Risk.sudo()
        fired = Risk._bizreg_run_escalations(
            now=datetime(2026, 4, 1, 3, 0), keys=("high",)
        )
        self.assertEqual(fired["high"], 1)
        self.assertEqual(len(self._activities(risk, self.director)), 1)
        self.assertFalse(self._activities(low, self.director))
        # lowered, raised again: not escalated a second time
        risk.write({"impact": 2})
        with freeze_time("2026-04-05 02:00:00"):
            risk.write({"impact": 5})
            self.env.flush_all()
        fired = Risk._bizreg_run_escalations(
            now=datetime(2026, 4, 6, 3, 0), keys=("high",)
        )
        self.assertEqual(fired["high"], 0)
        self.assertEqual(len(self._activities(risk, self.director)), 1)
        # a high risk lowered before the cron ran is not escalated
        with freeze_time("2026-04-07 02:00:00"):
            other = self._risk(name="Passing", probability=5, impact=5)
            other.write({"probability": 1})
            self.env.flush_all()
        fired = Risk._bizreg_run_escalations(
            now=datetime(2026, 4, 8, 3, 0), keys=("high",)
        )
        self.assertEqual(fired["high"], 0)
        self.assertFalse(self._activities(other, self.director))

    def test_states_and_engine_fields_guarded(self):
        risk = self._risk(probability=5, impact=4)
        tried = assert_engine_fields_guarded(self, risk, self.pm)
        self.assertTrue(
            {"state", "score", "level", "high_escalation_date", "department_id"}
            <= tried,
            tried,
        )
        risk.action_monitor()
        self.assertEqual(risk.state, "monitoring")
        with self.assertRaises(UserError):
            risk.action_monitor()
        risk.action_close()
        self.assertEqual(risk.state, "closed")
        self.assertEqual(self.project.bizreg_risk_high_count, 0)
        self.assertEqual(self.project.bizreg_risk_health, "green")
        risk.action_reopen()
        self.assertEqual(self.project.bizreg_risk_high_count, 1)
        # default_state in the context is ignored
        closed = self.Risk.with_user(self.pm).with_context(default_state="closed")
        fresh = closed.create(
            {"name": "Forged", "project_id": self.project.id, "user_id": self.pm.id}
        )
        self.assertEqual(fresh.state, "open")

    def test_department_rules(self):
        risk = self._risk(user=self.pm)
        self.assertEqual(risk.sudo().department_id, self.dept)
        visible = self.Risk.with_user(self.manager).search([("id", "=", risk.id)])
        self.assertEqual(visible, risk)
        for user in (self.other_manager, self.stranger, self.colleague):
            self.assertFalse(
                self.Risk.with_user(user).search([("id", "=", risk.id)]), user.login
            )
            with self.assertRaises(AccessError):
                risk.with_user(user).write({"impact": 5})
        # the owner sees it: a colleague owning a risk of the project
        mine = self._risk(user=self.pm, user_id=self.colleague.id, name="Mine")
        self.assertEqual(
            self.Risk.with_user(self.colleague).search([("id", "=", mine.id)]), mine
        )
        for user in (self.director, self.auditor):
            self.assertEqual(
                self.Risk.with_user(user).search([("id", "=", risk.id)]), risk
            )
        with self.assertRaises(AccessError):
            risk.with_user(self.auditor).write({"impact": 5})
        self.assertEqual(risk.impact, 3)
