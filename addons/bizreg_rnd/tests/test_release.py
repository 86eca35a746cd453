# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .release_common import ReleaseCommon


@tagged("post_install", "-at_install")
class TestRelease(ReleaseCommon, TransactionCase):
    """Releases: default checklist, readiness gate, approval chain (R&D
    Manager, then Customer Service Manager), the guarded Release action,
    release notes, change after approval, access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._release_setup()

    def _issues(self, release=None):
        release = release or self.release
        release.invalidate_recordset(["is_ready", "readiness_issues"])
        return release.readiness_issues or ""

    # ------------------------------------------------------------------
    # checklist and readiness
    # ------------------------------------------------------------------
    def test_default_checklist_from_templates(self):
        kinds = self.release.checklist_ids.mapped("kind")
        self.assertEqual(kinds, ["deployment", "data_migration", "user_training"])
        self.assertEqual(self.release.checklist_ids.responsible_id, self.developer)
        # an archived template is not used
        self.env.ref("bizreg_rnd.checklist_template_data_migration").active = False
        other = self.Release.with_user(self.developer).create({"name": "Test 2.1"})
        self.assertEqual(
            other.checklist_ids.mapped("kind"), ["deployment", "user_training"]
        )

    def test_readiness_checklist(self):
        requirement = self._requirement()
        self._result(self._case(requirement))
        self.assertIn("3 checklist item(s) not done", self._issues())
        training = self.release.checklist_ids.filtered(
            lambda line: line.kind == "user_training"
        )
        # a training without attendance is not done
        with self.assertRaisesRegex(UserError, "Attendees"):
            training.with_user(self.developer).action_done()
        self._tick_checklist()
        self.assertFalse(self._issues())
        self.assertTrue(self.release.is_ready)
        self.assertEqual(training.done_user_id, self.developer)
        self.assertTrue(training.done_date)
        # reopened: not ready again
        training.with_user(self.manager).action_reopen()
        self.assertIn("1 checklist item(s) not done", self._issues())

    def test_readiness_open_blocker(self):
        self._ready_release()
        self.assertTrue(self.release.is_ready)
        defect = self._defect("critical")
        self.assertIn("open blocker or critical", self._issues())
        self.assertFalse(self.release.is_ready)
        # a major defect does not block; a closed critical one neither
        defect.sudo()._bizreg_engine_write({"state": "closed"})
        self._defect("major")
        self.assertFalse(self._issues())

    def test_readiness_failed_and_not_run_cases(self):
        requirement, case = self._ready_release()
        self._result(case, "failed")
        self.assertIn("1 test case(s) failed", self._issues())
        self._result(case, "passed")
        self.assertFalse(self._issues())
        self._case(requirement, "Export of 10,000 lines")
        self.assertIn("1 test case(s) not run", self._issues())

    def test_readiness_waiver_needs_approval(self):
        _requirement, case = self._ready_release()
        waived = self._result(case, "waived", waiver_reason="Only on Windows")
        self.assertIn("waived without an approved waiver", self._issues())
        self.assertFalse(self.release.is_ready)
        waived.with_user(self.manager).action_approve_waiver()
        self.assertFalse(self._issues())
        self.assertTrue(self.release.is_ready)

    def test_submit_refused_when_not_ready(self):
        requirement = self._requirement()
        self._result(self._case(requirement), "failed")
        with self.assertRaisesRegex(UserError, "not ready"):
            self.release.with_user(self.developer).action_submit()
        self.assertEqual(self.release.state, "draft")
        self.assertFalse(self.release.bizreg_number)

    def test_readiness_query_count_constant(self):
        releases = self.release
        for index in range(4):
            releases |= self.Release.with_user(self.developer).create(
                {"name": f"Test 3.{index}"}
            )
        for release in releases:
            requirement = self._requirement(release, f"Need of {release.name}")
            self._result(self._case(requirement), release=release)
            self._defect("blocker", release=release)

        def count(records):
            records = records.with_user(self.manager)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records.mapped("readiness_issues")
            return self.env.cr.sql_log_count - before

        count(releases[1:3])  # warm the caches (rules, registry)
        one, five = count(releases[:1]), count(releases)
        self.assertEqual(one, five)
        self.assertTrue(all(r.readiness_issues for r in releases))

    # ------------------------------------------------------------------
    # approval and release
    # ------------------------------------------------------------------
    def test_approval_chain(self):
        self._ready_release()
        self.release.with_user(self.developer).action_submit()
        self.assertEqual(self.release.state, "review")
        self.assertTrue(self.release.bizreg_number.startswith("RL-"))
        # the developer cannot approve, nor the CS Manager before R&D
        with self.assertRaises(UserError):
            self.release.with_user(self.developer).validate_tier()
        with self.assertRaises(UserError):
            self.release.with_user(self.cs_manager).validate_tier()
        self.release.with_user(self.manager).validate_tier()
        self.assertEqual(self.release.state, "review")
        # the state is not written by hand
        with self.assertRaises(UserError):
            self.release.with_user(self.developer).write({"state": "approved"})
        # nor released before the last approval
        with self.assertRaises(UserError):
            self.release.with_user(self.manager).action_release()
        self.release.with_user(self.cs_manager).validate_tier()
        self.assertEqual(self.release.state, "approved")

    def test_release_rechecks_readiness_and_delivers(self):
        requirement, _case = self._approved_release()
        blocker = self._defect("blocker")
        with self.assertRaisesRegex(UserError, "not ready"):
            self.release.with_user(self.manager).action_release()
        self.assertEqual(self.release.state, "approved")
        blocker.sudo()._bizreg_engine_write(
            {"state": "closed", "fixed_in_release_id": self.release.id}
        )
        # only the responsible or the R&D Manager releases
        with self.assertRaises(UserError):
            self.release.with_user(self.tester).action_release()
        self.release.with_user(self.developer).action_release()
        self.assertEqual(self.release.state, "released")
        self.assertTrue(self.release.date_released)
        self.assertEqual(requirement.state, "delivered")
        self.assertEqual(requirement.delivered_release_id, self.release)
        notes = str(self.release.release_notes)
        self.assertIn(requirement.bizreg_number, notes)
        self.assertIn("Export to Excel", notes)
        self.assertIn("Export crashes", notes)
        # released: frozen
        with self.assertRaises(UserError):
            self.release.with_user(self.developer).write({"name": "Test 2.0.1"})
        with self.assertRaises(UserError):
            self.release.checklist_ids[:1].with_user(self.developer).action_reopen()
        with self.assertRaises(UserError):
            self.release.with_user(self.developer).action_generate_notes()

    def test_notes_generated_by_button(self):
        requirement = self._requirement()
        draft_requirement = self.Requirement.with_user(self.developer).create(
            {"name": "Dark mode", "effort": 3, "planned_release_id": self.release.id}
        )
        old = (
            self.env["bizreg.rnd.release"]
            .with_user(self.developer)
            .create({"name": "Test 1.9"})
        )
        fixed = self._defect("minor", release=old, name="Typo in the menu")
        fixed.sudo()._bizreg_engine_write(
            {"state": "fixed", "fixed_in_release_id": self.release.id}
        )
        self._defect("minor", release=old, name="Still open bug").sudo().write(
            {"fixed_in_release_id": self.release.id}
        )
        self.release.with_user(self.developer).action_generate_notes()
        notes = str(self.release.release_notes)
        self.assertIn(requirement.name, notes)
        self.assertIn(requirement.bizreg_number, notes)
        self.assertNotIn(draft_requirement.name, notes)
        self.assertIn("Typo in the menu", notes)
        self.assertNotIn("Still open bug", notes)
        # the notes are the application's
        with self.assertRaises(AccessError):
            self.release.with_user(self.developer).write(
                {"release_notes": "<p>forged</p>"}
            )

    def test_change_after_approval_back_to_review(self):
        self._approved_release()
        self.release.with_user(self.developer).write(
            {"date_planned": date(2026, 10, 15)}
        )
        self.assertEqual(self.release.state, "review")
        self.assertNotEqual(self.release.validation_status, "validated")
        # approved again, then a checklist line added: back to review
        self.release.with_user(self.manager).validate_tier()
        self.release.with_user(self.cs_manager).validate_tier()
        self.assertEqual(self.release.state, "approved")
        self.Checklist.with_user(self.developer).create(
            {"release_id": self.release.id, "kind": "other", "name": "Press release"}
        )
        self.assertEqual(self.release.state, "review")
        self.release.with_user(self.manager).validate_tier()
        self.release.with_user(self.cs_manager).validate_tier()
        # a requirement planned out of the approved release: back to review
        self.release.requirement_ids.with_user(self.manager).write(
            {"planned_release_id": False}
        )
        self.assertEqual(self.release.state, "review")

    def test_checklist_ticked_by_responsible_or_manager(self):
        line = self.release.checklist_ids.filtered(
            lambda line: line.kind == "deployment"
        )
        for user in (self.tester, self.stranger, self.outsider):
            with self.assertRaises(UserError):
                line.with_user(user).action_done()
        self.assertFalse(line.done)
        line.with_user(self.manager).action_done()
        self.assertTrue(line.done)
        self.assertEqual(line.done_user_id, self.manager)
        # a done line does not change
        with self.assertRaises(UserError):
            line.with_user(self.developer).write({"name": "Deploy somewhere else"})

    def test_engine_fields_guarded(self):
        self._approved_release()
        tried = assert_engine_fields_guarded(self, self.release, self.developer)
        for name in ("state", "date_released", "release_notes", "bizreg_number"):
            self.assertIn(name, tried)
        line = self.release.checklist_ids[:1]
        tried = assert_engine_fields_guarded(self, line, self.developer)
        for name in ("done", "done_date", "done_user_id"):
            self.assertIn(name, tried)
        # default_* keys of engine fields are ignored
        forged = (
            self.Release.with_user(self.developer)
            .with_context(default_state="released", default_release_notes="<p>x</p>")
            .create({"name": "Test 4.0"})
        )
        self.assertEqual(forged.state, "draft")
        self.assertFalse(forged.release_notes)

    def test_record_rules(self):
        Release = self.Release
        found = Release.with_user(self.tester).search([("id", "=", self.release.id)])
        self.assertEqual(found, self.release)
        with self.assertRaises(AccessError):
            self.release.with_user(self.tester).write({"name": "Tester's"})
        for user in (self.manager, self.director, self.auditor):
            self.assertEqual(
                Release.with_user(user).search([("id", "=", self.release.id)]),
                self.release,
            )
        with self.assertRaises(AccessError):
            Release.with_user(self.outsider).search([("id", "=", self.release.id)])
        for user in (self.stranger, self.other_manager, self.outsider):
            if user != self.outsider:
                self.assertFalse(
                    Release.with_user(user).search([("id", "=", self.release.id)])
                )
            with self.assertRaises(AccessError):
                self.release.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.release.with_user(self.auditor).write({"name": "Audited"})
        with self.assertRaises(AccessError):
            self.release.with_user(self.stranger).write({"name": "Stranger's"})
        with self.assertRaises(AccessError):
            self.Checklist.with_user(self.stranger).create(
                {"release_id": self.release.id, "kind": "other", "name": "Sneaky"}
            )
        self.assertFalse(
            self.Checklist.with_user(self.stranger).search(
                [("release_id", "=", self.release.id)]
            )
        )
        # a draft release is deleted by its owner's manager, not once submitted
        self._ready_release()
        self.release.with_user(self.developer).action_submit()
        with self.assertRaises(UserError):
            self.release.with_user(self.manager).unlink()
        # the reviewers read what they review: the release, its planned
        # requirements and their lines (the form opens for them)
        self.assertEqual(
            Release.with_user(self.cs_manager).search([("id", "=", self.release.id)]),
            self.release,
        )
        as_cs = self.release.with_user(self.cs_manager)
        self.assertEqual(as_cs.requirement_ids, self.release.requirement_ids)
        self.assertTrue(as_cs.requirement_ids)
        as_cs.requirement_ids.line_ids.read(["name"])
        self.assertFalse(
            self.Requirement.with_user(self.cs_manager).search(
                [("planned_release_id", "=", False)]
            ),
            "requirements not planned into a release stay R&D's",
        )
