# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Execution and monitoring: slip against the baseline, milestones on time,
the periodic check (project update) reminded and escalated on the plan's
cadence, quality checks against the quality plan; projects outside the
regulation are untouched."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from .plan_common import PlanCommon

KEYS = ("update_reminder", "update_manager", "update_director")


@tagged("post_install", "-at_install")
class TestMonitoring(PlanCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._plan_setup()
        cls.Project = cls.env["project.project"]
        cls.update_type = cls.env.ref(
            "bizreg_project.mail_activity_bizreg_project_update"
        )

    def _update_activities(self, project):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "project.project"),
                ("res_id", "=", project.id),
                ("activity_type_id", "=", self.update_type.id),
            ]
        )

    def test_slip_days_and_on_time(self):
        plan = self._approved_plan()
        project = plan.project_id.with_env(self.env)
        # Requirements (baseline 15 April) reached 5 days late
        with freeze_time("2026-04-20 04:00:00"):
            self.m_req.is_reached = True
            self.m_req.flush_recordset()
        self.assertEqual(self.m_req.reached_date, date(2026, 4, 20))
        self.assertFalse(self.m_req.bizreg_on_time)
        with freeze_time("2026-07-01 04:00:00"):
            self.env.invalidate_all()
            self.assertEqual(self.m_req.bizreg_slip_days, 5)
            self.assertEqual(self.m_live.bizreg_slip_days, 0)
            self.assertEqual(project.bizreg_schedule_slip, 5)
            self.assertEqual(project.bizreg_milestone_late_count, 1)
        # Go-live (baseline 31 July) reached on time
        with freeze_time("2026-07-30 04:00:00"):
            self.m_live.is_reached = True
            self.m_live.flush_recordset()
        self.assertTrue(self.m_live.bizreg_on_time)
        with freeze_time("2026-08-15 04:00:00"):
            self.env.invalidate_all()
            self.assertEqual(self.m_live.bizreg_slip_days, 0)
            self.assertEqual(project.bizreg_schedule_slip, 5)
            self.assertEqual(project.bizreg_milestone_late_count, 1)
        # the on-time flag is stored (the KPI "milestones completed on time")
        on_time = self.env["project.milestone"].search(
            [("project_id", "=", project.id), ("bizreg_on_time", "=", True)]
        )
        self.assertEqual(on_time, self.m_live)
        # a milestone not reached and past its baseline slips day by day
        with freeze_time("2026-07-01 04:00:00"):
            self.m_live.is_reached = False
            self.m_live.flush_recordset()
        with freeze_time("2026-08-10 04:00:00"):
            self.env.invalidate_all()
            self.assertEqual(self.m_live.bizreg_slip_days, 10)
            self.assertEqual(project.bizreg_schedule_slip, 10)
            self.assertEqual(project.bizreg_milestone_late_count, 2)

    def test_update_reminder_and_escalation(self):
        start = datetime(2026, 3, 2, 2, 0)  # Monday 10:00 in Shanghai
        with freeze_time(start):
            plan = self._approved_plan(cadence=7)
        project = plan.project_id.with_env(self.env)
        project.invalidate_recordset()
        due = project.bizreg_update_due
        self.assertEqual(due, start + timedelta(days=7))
        escalation = project.bizreg_update_escalation_due
        director_due = project.bizreg_update_director_due
        self.assertGreaterEqual(escalation, due + timedelta(days=2))
        self.assertGreaterEqual(director_due, due + timedelta(days=5))
        self.assertGreater(director_due, escalation)
        Project = self.Project
        Project._bizreg_run_escalations(now=due - timedelta(hours=1), keys=KEYS)
        self.assertFalse(self._update_activities(project))
        # at the due date: the project manager
        Project._bizreg_run_escalations(now=due + timedelta(hours=1), keys=KEYS)
        self.assertEqual(self._update_activities(project).user_id, self.pm)
        self.assertTrue(project.bizreg_update_reminded_date)
        Project._bizreg_run_escalations(now=due + timedelta(hours=2), keys=KEYS)
        self.assertEqual(len(self._update_activities(project)), 1)
        # 2 working days later: the responsible department's manager
        Project._bizreg_run_escalations(now=escalation + timedelta(hours=1), keys=KEYS)
        self.assertTrue(project.bizreg_update_escalated_date)
        self.assertEqual(
            self._update_activities(project).user_id,
            self.pm | self.manager,
            (project.id, project.activity_ids.ids, project.activity_ids.user_id.ids),
        )
        # 5 days later: the Director (the cron)
        with freeze_time(director_due + timedelta(hours=1)):
            Project._cron_bizreg_project_updates()
        self.assertIn(self.director, self._update_activities(project).user_id)
        self.assertTrue(project.bizreg_update_director_date)
        # the update (what changed) restarts the cadence
        posted = director_due + timedelta(days=1)
        with freeze_time(posted):
            update = (
                self.env["project.update"]
                .with_user(self.pm)
                .create(
                    {
                        "name": "Week 3",
                        "project_id": project.id,
                        "status": "at_risk",
                        "progress": 30,
                        "bizreg_changes": "Scope frozen; go-live moved by a week.",
                    }
                )
            )
        self.assertEqual(
            update.bizreg_changes, "Scope frozen; go-live moved by a week."
        )
        project.invalidate_recordset()
        self.assertFalse(project.bizreg_update_reminded_date)
        self.assertFalse(project.bizreg_update_escalated_date)
        self.assertFalse(project.bizreg_update_director_date)
        self.assertFalse(self._update_activities(project))
        self.assertGreater(project.bizreg_update_due, posted)
        self.assertLessEqual(project.bizreg_update_due, posted + timedelta(days=7))
        Project._bizreg_run_escalations(now=posted + timedelta(hours=1), keys=KEYS)
        self.assertFalse(self._update_activities(project))
        # once in acceptance, no more reminders
        project._bizreg_engine_write({"bizreg_phase": "acceptance"})
        self.assertFalse(project.bizreg_update_due)
        Project._bizreg_run_escalations(now=datetime(2030, 1, 1), keys=KEYS)
        self.assertFalse(self._update_activities(project))

    def test_unregulated_project_untouched(self):
        plain = self.Project.create({"name": "Plain project", "allow_milestones": True})
        milestone = self.env["project.milestone"].create(
            {"name": "Done early", "project_id": plain.id, "deadline": date(2026, 1, 5)}
        )
        update = self.env["project.update"].create(
            {"name": "Status", "project_id": plain.id, "status": "on_track"}
        )
        self.assertEqual(plain.last_update_id, update)
        # a regulated project still in planning has no plan and no due check
        planning = self._regulated_project(name="Planning only")
        for project in (plain, planning):
            self.assertFalse(project.bizreg_update_due)
            self.assertFalse(project.bizreg_plan_id)
        self.Project._bizreg_run_escalations(now=datetime(2030, 1, 1), keys=KEYS)
        for project in (plain, planning):
            self.assertFalse(self._update_activities(project))
            self.assertFalse(project.bizreg_update_reminded_date)
        self.assertFalse(plain.bizreg_phase)
        self.assertFalse(milestone.bizreg_baseline_date)
        self.assertFalse(milestone.bizreg_on_time)
        # Odoo's own flows keep working on it
        plain.write({"name": "Plain project (renamed)"})
        milestone.write(
            {"deadline": date.today() + timedelta(days=30), "is_reached": True}
        )
        self.assertTrue(milestone.bizreg_on_time)
        self.assertEqual(plain.bizreg_plan_count, 0)

    def test_quality_check_recorded(self):
        plan = self._approved_plan()
        project = plan.project_id.with_env(self.env)
        criterion = plan.quality_criterion_ids.sorted("id")[0]
        Check = self.env["bizreg.project.quality.check"]
        check = Check.with_user(self.colleague).create(
            {
                "criterion_id": criterion.id,
                "result": "passed",
                "evidence": "Integration test report #12",
            }
        )
        self.assertEqual(check.project_id, project)
        self.assertEqual(check.plan_id, plan)
        self.assertEqual(check.checked_by_id, self.colleague)
        self.assertEqual(check.department_id, self.dept)
        self.assertEqual(criterion.last_result, "passed")
        Check.with_user(self.pm).create(
            {"criterion_id": criterion.id, "result": "failed", "evidence": "Retest"}
        )
        criterion.invalidate_recordset()
        self.assertEqual(criterion.last_result, "failed")
        project.invalidate_recordset()
        self.assertEqual(project.bizreg_quality_check_count, 2)
        # the checker is the one who records it
        with self.assertRaises(AccessError):
            Check.with_user(self.colleague).create(
                {
                    "criterion_id": criterion.id,
                    "result": "passed",
                    "checked_by_id": self.pm.id,
                }
            )
        with self.assertRaises(ValidationError):
            Check.with_user(self.pm).create(
                {"criterion_id": criterion.id, "result": "maybe"}
            )
        with self.assertRaises(ValidationError):
            Check.with_user(self.pm).create(
                {
                    "criterion_id": criterion.id,
                    "result": "passed",
                    "date": date.today() + timedelta(days=30),
                }
            )
        # only the approved quality plan is checked
        v2 = self.Plan.browse(plan.with_user(self.pm).action_new_version()["res_id"])
        with self.assertRaises(ValidationError):
            Check.with_user(self.pm).create(
                {"criterion_id": v2.quality_criterion_ids[0].id, "result": "passed"}
            )
        # outsiders neither record nor see the checks
        with self.assertRaises(AccessError):
            Check.with_user(self.stranger).create(
                {"criterion_id": criterion.id, "result": "passed"}
            )
        self.assertFalse(Check.with_user(self.stranger).search([("id", "=", check.id)]))
        self.assertEqual(
            Check.with_user(self.manager).search([("project_id", "=", project.id)]),
            project.bizreg_quality_check_count
            and Check.search([("project_id", "=", project.id)]),
        )
        self.assertEqual(
            Check.with_user(self.director).search_count(
                [("project_id", "=", project.id)]
            ),
            2,
        )
