# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .testing_common import TestingCommon

# Monday 1 June 2026, 09:00 in Shanghai (UTC+8)
MONDAY_9 = datetime(2026, 6, 1, 1, 0)


@tagged("post_install", "-at_install")
class TestDefect(TestingCommon, TransactionCase):
    """Defects: transitions by role, reopening, deadlines by severity on the
    company calendar, escalation, found after release, access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._testing_setup()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Test Shanghai 8-12 13-17",
                "tz": "Asia/Shanghai",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for start, end, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                ],
            }
        )
        cls.company.resource_calendar_id = cls.calendar

    def _defect(self, user=None, **vals):
        return (
            self.env["bizreg.rnd.defect"]
            .with_user(user or self.tester)
            .create(
                {
                    "name": "Export fails",
                    "severity": "major",
                    "found_in_release_id": self.release.id,
                    "user_id": self.developer.id,
                    "steps_to_reproduce": "Export 10,000 lines",
                    **vals,
                }
            )
        )

    def _reported(self, when, **vals):
        defect = self._defect(**vals)
        defect._bizreg_engine_write({"date_reported": when})
        return defect

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def test_transitions_by_role(self):
        defect = self._defect()
        self.assertEqual(defect.reporter_id, self.tester)
        self.assertEqual(defect.state, "new")
        # confirm: the R&D Manager (or the assignee's manager), not staff
        for user in (self.developer, self.tester):
            with self.assertRaises(AccessError):
                defect.with_user(user).action_confirm()
        with self.assertRaises(AccessError, msg="another department's manager"):
            defect.with_user(self.other_manager).action_confirm()
        defect.with_user(self.manager).action_confirm()
        self.assertEqual(defect.state, "confirmed")
        # fixing: the assignee only
        with self.assertRaises(AccessError):
            defect.with_user(self.tester).action_start_fixing()
        with self.assertRaises(AccessError):
            defect.with_user(self.manager).action_start_fixing()
        defect.with_user(self.developer).action_start_fixing()
        with self.assertRaises(UserError, msg="fixed in which release?"):
            defect.with_user(self.developer).action_fixed()
        defect.with_user(self.developer).fixed_in_release_id = self.release
        with self.assertRaises(AccessError):
            defect.with_user(self.tester).action_fixed()
        defect.with_user(self.developer).action_fixed()
        self.assertEqual(defect.state, "fixed")
        self.assertEqual(defect.fixer_id, self.developer)
        # verify and close: a tester, not the fixer, not an outsider
        with self.assertRaises(AccessError):
            defect.with_user(self.developer).action_verify()
        with self.assertRaises(AccessError):
            defect.with_user(self.outsider).action_verify()
        defect.with_user(self.tester).action_verify()
        with self.assertRaises(AccessError):
            defect.with_user(self.developer).action_close()
        with self.assertRaises(UserError, msg="no skipping back"):
            defect.with_user(self.tester).action_verify()
        defect.with_user(self.tester).action_close()
        self.assertEqual(defect.state, "closed")
        self.assertEqual(defect.verifier_id, self.tester)
        self.assertTrue(defect.date_closed)
        # the state is the application's
        with self.assertRaises(AccessError):
            defect.with_user(self.manager).write({"state": "new"})

    def test_assign_by_manager_only(self):
        defect = self._defect()
        with self.assertRaises(AccessError):
            defect.with_user(self.developer).write({"user_id": self.tester.id})
        with self.assertRaises(AccessError):
            defect.with_user(self.tester).write({"user_id": self.tester.id})
        self.assertEqual(defect.user_id, self.developer)
        defect.with_user(self.manager).write({"user_id": self.tester.id})
        self.assertEqual(defect.user_id, self.tester)
        # other values stay free for the team
        defect.with_user(self.developer).write({"actual_behavior": "Timeout"})

    def test_reopen_counted_with_reason(self):
        defect = self._defect()
        defect.with_user(self.manager).action_confirm()
        with self.assertRaises(UserError, msg="not fixed yet"):
            defect.with_user(self.tester)._rnd_reopen("still fails")
        defect.with_user(self.developer).action_start_fixing()
        defect.with_user(self.developer).fixed_in_release_id = self.release
        defect.with_user(self.developer).action_fixed()
        Wizard = self.env["bizreg.rnd.defect.reopen.wizard"].with_user(self.tester)
        action = defect.with_user(self.tester).action_reopen()
        with self.assertRaises(UserError, msg="a reason is needed"):
            Wizard.with_context(**action["context"]).create(
                {"reason": "  "}
            ).action_reopen()
        Wizard.with_context(**action["context"]).create(
            {"reason": "Still fails with 20,000 lines"}
        ).action_reopen()
        self.assertEqual(defect.state, "confirmed")
        self.assertEqual(defect.reopen_count, 1)
        self.assertFalse(defect.fixer_id)
        self.assertEqual(defect.reopen_reason, "Still fails with 20,000 lines")
        with self.assertRaises(AccessError):
            defect.with_user(self.manager).write({"reopen_count": 0})
        # fixed, verified, closed, reopened once more
        defect.with_user(self.developer).action_start_fixing()
        defect.with_user(self.developer).action_fixed()
        defect.with_user(self.tester).action_verify()
        defect.with_user(self.tester).action_close()
        defect.with_user(self.manager)._rnd_reopen("Regression in 2.1")
        self.assertEqual(defect.reopen_count, 2)
        with self.assertRaises(AccessError):
            defect.with_user(self.outsider)._rnd_reopen("x")

    # ------------------------------------------------------------------
    # Deadlines and escalation
    # ------------------------------------------------------------------
    def test_deadline_by_severity_on_company_calendar(self):
        """Reported Monday 09:00 in Shanghai; 8 working hours a day (8-12,
        13-17): blocker 8 h = Tuesday 09:00, critical 24 h = Thursday
        09:00, major 80 h = Monday 15 June 09:00, minor 240 h = 30
        working days later (Monday 13 July 09:00)."""
        expected = {
            "blocker": datetime(2026, 6, 2, 1, 0),
            "critical": datetime(2026, 6, 4, 1, 0),
            "major": datetime(2026, 6, 15, 1, 0),
            "minor": datetime(2026, 7, 13, 1, 0),
        }
        for severity, deadline in expected.items():
            defect = self._reported(MONDAY_9, severity=severity)
            self.assertEqual(defect.date_deadline, deadline, severity)
            self.assertEqual(
                defect.policy_id.severity, severity, "the shipped policy applies"
            )
        # a severity change moves the deadline; the deadline is not the user's
        defect.with_user(self.developer).severity = "blocker"
        self.assertEqual(defect.date_deadline, expected["blocker"])
        with self.assertRaises(AccessError):
            defect.with_user(self.manager).write({"date_deadline": MONDAY_9})
        # reported Friday 16:00: a blocker is due Monday 16:00 (1 h on
        # Friday, the weekend skipped, 4 + 3 h on Monday)
        friday = self._reported(datetime(2026, 6, 5, 8, 0), severity="blocker")
        self.assertEqual(friday.date_deadline, datetime(2026, 6, 8, 8, 0))
        # blocker levels: deadline + 2 h (manager), + 4 h (director)
        blocker = self._reported(MONDAY_9, severity="blocker")
        self.assertEqual(blocker.escalation_l2_deadline, datetime(2026, 6, 2, 3, 0))
        self.assertEqual(blocker.escalation_l3_deadline, datetime(2026, 6, 2, 6, 0))

    def test_escalation_levels(self):
        defect = self._reported(MONDAY_9, severity="blocker")
        fixed = self._reported(MONDAY_9, severity="blocker")
        fixed._bizreg_engine_write({"state": "fixed"})
        Defect = self.env["bizreg.rnd.defect"]
        Activity = self.env["mail.activity"]

        def activities(user):
            return Activity.search(
                [
                    ("res_model", "=", "bizreg.rnd.defect"),
                    ("res_id", "=", defect.id),
                    ("user_id", "=", user.id),
                ]
            )

        # Tuesday 08:30: not yet due
        fired = Defect._bizreg_run_escalations(now=datetime(2026, 6, 2, 0, 30))
        self.assertEqual(fired, {"level1": 0, "level2": 0, "level3": 0})
        # Tuesday 10:00: the assignee is reminded (the fixed one is not)
        fired = Defect._bizreg_run_escalations(now=datetime(2026, 6, 2, 2, 0))
        self.assertEqual(fired["level1"], 1)
        self.assertEqual(fired["level2"], 0)
        self.assertTrue(activities(self.developer))
        self.assertTrue(defect.escalation_l1_date)
        self.assertFalse(fixed.escalation_l1_date)
        # Tuesday 12:00: the department's R&D Manager
        fired = Defect._bizreg_run_escalations(now=datetime(2026, 6, 2, 4, 0))
        self.assertEqual(fired, {"level1": 0, "level2": 1, "level3": 0})
        self.assertTrue(activities(self.manager))
        # Tuesday 15:00: the Director
        fired = Defect._bizreg_run_escalations(now=datetime(2026, 6, 2, 7, 0))
        self.assertEqual(fired["level3"], 1)
        self.assertTrue(activities(self.director))
        # nothing fires twice
        fired = Defect._bizreg_run_escalations(now=datetime(2026, 6, 3, 7, 0))
        self.assertEqual(fired, {"level1": 0, "level2": 0, "level3": 0})
        # stamps are the application's
        with self.assertRaises(AccessError):
            defect.with_user(self.manager).write({"escalation_l1_date": False})
        # the cron runs
        self.env["bizreg.rnd.defect"]._cron_rnd_defect_deadlines()

    def test_found_after_release(self):
        release = self._new_release("Test 1.0")
        before = self._reported(datetime(2026, 5, 1), found_in_release_id=release.id)
        self.assertFalse(before.found_after_release)
        # released on 10 May (the release's approval and its release action
        # are tested with the release; here only their outcome matters)
        self.env.cr.execute(
            "UPDATE bizreg_rnd_release SET state = 'released', date_released = %s "
            "WHERE id = %s",
            (datetime(2026, 5, 10), release.id),
        )
        release.invalidate_recordset(["state", "date_released"])
        release.modified(["state", "date_released"])
        after = self._reported(datetime(2026, 5, 11), found_in_release_id=release.id)
        self.assertTrue(after.found_after_release)
        self.assertFalse(before.found_after_release)
        unreleased = self._reported(datetime(2026, 5, 11))
        self.assertFalse(unreleased.found_after_release, "the release is draft")
        with self.assertRaises(AccessError):
            before.with_user(self.manager).write({"found_after_release": True})
        self.assertEqual(
            self.env["bizreg.rnd.defect"].search_count(
                [("found_after_release", "=", True), ("id", "in", (before | after).ids)]
            ),
            1,
        )

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_record_rules(self):
        defect = self._defect()
        for user in (self.stranger, self.other_manager, self.outsider):
            with self.assertRaises(AccessError, msg=user.login):
                defect.with_user(user).check_access("read")
        for user in (
            self.developer,
            self.tester,
            self.manager,
            self.director,
            self.auditor,
        ):
            defect.with_user(user).check_access("read")
        with self.assertRaises(AccessError):
            defect.with_user(self.auditor).check_access("write")
        # a reporter of another department follows the defect (read only)
        reported = self._defect(user=self.stranger, user_id=self.stranger.id)
        self.assertEqual(reported.department_id, self.other_dept)
        reported.sudo().user_id = self.developer
        self.assertEqual(reported.department_id, self.dept)
        reported.with_user(self.stranger).check_access("read")
        with self.assertRaises(AccessError):
            reported.with_user(self.stranger).check_access("write")

    def test_engine_fields_guarded(self):
        defect = self._defect()
        tried = assert_engine_fields_guarded(self, defect, self.developer)
        self.assertTrue(
            {
                "state",
                "date_deadline",
                "found_after_release",
                "reopen_count",
                "reporter_id",
                "date_reported",
                "fixer_id",
            }
            <= tried,
            tried,
        )
