# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .testing_common import TestingCommon


@tagged("post_install", "-at_install")
class TestTesting(TestingCommon, TransactionCase):
    """Test plans, runs and results: coverage of requirements, waivers
    approved by another R&D Manager, locked results of a done run, the
    test figures of releases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._testing_setup()

    def _coverage(self, *requirements):
        for requirement in requirements:
            requirement.invalidate_recordset(["coverage_state"])
        return [requirement.coverage_state for requirement in requirements]

    # ------------------------------------------------------------------
    # Coverage
    # ------------------------------------------------------------------
    def test_coverage_hand_computed(self):
        """Latest result per active case in the planned release: all passed =
        covered; an approved waiver = waived; a failure, a requested or
        refused waiver, a result of another release = not covered."""
        other = self._new_release("Test 3.0")
        req_waiver = self._new_requirement("Export")
        case_c = self._new_case(req_waiver, "Export 10,000 lines", "performance")
        req_none = self._new_requirement("Nothing to test")
        req_elsewhere = self._new_requirement("Elsewhere")
        case_d = self._new_case(req_elsewhere, "Only tested in 3.0")
        self.assertEqual(
            self._coverage(self.req, req_waiver, req_none, req_elsewhere),
            ["not_covered", "not_covered", "none", "not_covered"],
        )
        run = self._new_run()
        self._record(run, self.case_a, "passed")
        self._record(run, self.case_b, "failed")
        self.assertEqual(self._coverage(self.req), ["not_covered"])
        # the latest result counts: b passes on a second try
        self._record(run, self.case_b, "passed")
        self.assertEqual(self._coverage(self.req), ["covered"])
        # a case failing again uncovers it; archiving that case covers again
        self._record(run, self.case_b, "failed")
        self.assertEqual(self._coverage(self.req), ["not_covered"])
        self.case_b.with_user(self.tester).active = False
        self.assertEqual(self._coverage(self.req), ["covered"])
        # a waiver counts only once approved
        waived = self._record(
            run, case_c, "waived", waiver_reason="Load test bench not ready"
        )
        self.assertEqual(waived.waiver_state, "requested")
        self.assertEqual(self._coverage(req_waiver), ["not_covered"])
        waived.with_user(self.manager).action_approve_waiver()
        self.assertEqual(self._coverage(req_waiver), ["waived"])
        # a passed run in another release does not cover the planned one
        run_other = self._new_run(other)
        self._record(run_other, case_d, "passed")
        self.assertEqual(self._coverage(req_elsewhere), ["not_covered"])
        self._record(run, case_d, "blocked")
        self.assertEqual(self._coverage(req_elsewhere), ["not_covered"])

    def test_coverage_refused_waiver(self):
        run = self._new_run()
        self._record(run, self.case_a, "passed")
        waived = self._record(run, self.case_b, "waived", waiver_reason="No HSM")
        waived.with_user(self.manager).action_refuse_waiver()
        self.assertEqual(waived.waiver_state, "refused")
        self.assertEqual(self._coverage(self.req), ["not_covered"])
        # changing the waived result asks again (a refusal is not final)
        waived.with_user(self.tester).waiver_reason = "No HSM until October"
        self.assertEqual(waived.waiver_state, "requested")
        self.assertFalse(waived.waiver_user_id)

    def test_coverage_query_count(self):
        """The coverage of 1 and of 5 requirements costs the same queries."""
        requirements = self.req
        run = self._new_run()
        for index in range(4):
            requirement = self._new_requirement(f"Coverage {index}")
            self._record(run, self._new_case(requirement, f"c{index}"), "passed")
            requirements |= requirement
        field = requirements._fields["coverage_state"]

        def count(records):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            with self.env.protecting([field], records):
                records._compute_coverage_state()
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(self.req), count(requirements))
        self.assertEqual(
            requirements.mapped("coverage_state"), ["not_covered"] + ["covered"] * 4
        )

    # ------------------------------------------------------------------
    # Waivers
    # ------------------------------------------------------------------
    def test_waiver_needs_reason(self):
        run = self._new_run()
        with self.assertRaises(ValidationError):
            self._record(run, self.case_a, "waived")
        with self.assertRaises(ValidationError):
            self._record(run, self.case_a, "waived", waiver_reason="   ")

    def test_waiver_only_by_another_rnd_manager(self):
        run = self._new_run()
        waived = self._record(run, self.case_a, "waived", waiver_reason="Later")
        # an R&D user is not the R&D Manager
        for user in (self.tester, self.developer):
            with self.assertRaises(AccessError):
                waived.with_user(user).action_approve_waiver()
        # nor may anyone write the waiver by hand
        with self.assertRaises(AccessError):
            waived.with_user(self.manager).write({"waiver_state": "approved"})
        # a manager who records a waived result does not approve it himself
        own = self._record(
            run, self.case_b, "waived", user=self.manager, waiver_reason="Later"
        )
        self.assertEqual(own.tester_id, self.manager)
        with self.assertRaises(AccessError):
            own.with_user(self.manager).action_approve_waiver()
        # the manager of another department does not see it
        with self.assertRaises(AccessError):
            waived.with_user(self.other_manager).action_approve_waiver()
        self.assertEqual((waived | own).mapped("waiver_state"), ["requested"] * 2)
        waived.with_user(self.manager).action_approve_waiver()
        self.assertEqual(waived.waiver_state, "approved")
        self.assertEqual(waived.waiver_user_id, self.manager)
        own.with_user(self.director).action_approve_waiver()
        self.assertEqual(own.waiver_user_id, self.director)
        # decided once
        with self.assertRaises(UserError):
            waived.with_user(self.director).action_refuse_waiver()

    # ------------------------------------------------------------------
    # Runs and results
    # ------------------------------------------------------------------
    def test_results_stamped_by_the_application(self):
        run = self._new_run()
        line = self._record(run, self.case_a, "failed", user=self.tester)
        self.assertEqual(line.release_id, self.release, "taken from the run")
        # named after its case and release (breadcrumbs, links)
        self.assertEqual(line.display_name, f"Log in ({self.release.name})")
        self.assertEqual(line.tester_id, self.tester)
        self.assertTrue(line.executed_on)
        line.with_user(self.developer).result = "passed"
        self.assertEqual(line.tester_id, self.developer)
        with self.assertRaises(ValidationError):
            self._record(
                run, self.case_a, "passed", release_id=self._new_release("X").id
            )

    def test_done_run_results_locked(self):
        run = self._new_run()
        run.with_user(self.tester).action_start()
        line = self._record(run, self.case_a, "passed")
        waived = self._record(run, self.case_b, "waived", waiver_reason="Later")
        run.with_user(self.tester).action_done()
        self.assertEqual(run.state, "done")
        for user in (self.tester, self.manager, self.developer):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"result": "failed"})
            with self.assertRaises(AccessError):
                line.with_user(user).write({"notes": "edited later"})
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self._record(run, self.case_a, "failed", user=user)
        # nor moved into or out of a done run
        other_run = self._new_run()
        other_line = self._record(other_run, self.case_a, "failed")
        with self.assertRaises(AccessError):
            other_line.with_user(self.tester).write({"run_id": run.id})
        self.assertEqual(line.result, "passed")
        self.assertEqual(len(run.result_ids), 2)
        # the pending waiver is still decided by the R&D Manager
        waived.with_user(self.manager).action_approve_waiver()
        self.assertEqual(waived.waiver_state, "approved")
        # the run itself cannot go back
        with self.assertRaises(UserError):
            run.with_user(self.tester).action_start()

    def test_run_states(self):
        run = self._new_run()
        with self.assertRaises(UserError):
            run.with_user(self.tester).action_done()
        run.with_user(self.tester).action_start()
        with self.assertRaises(UserError, msg="no result yet"):
            run.with_user(self.tester).action_done()
        with self.assertRaises(AccessError):
            run.with_user(self.tester).write({"state": "done"})
        self.assertEqual(run.state, "in_progress")

    def test_create_defect_from_failed_result(self):
        run = self._new_run()
        passed = self._record(run, self.case_a, "passed")
        with self.assertRaises(UserError):
            passed.with_user(self.tester).action_create_defect()
        failed = self._record(run, self.case_b, "failed", notes="500 error")
        action = failed.with_user(self.tester).action_create_defect()
        self.assertEqual(action["res_model"], "bizreg.rnd.defect")
        ctx = dict(action["context"], default_state="closed", default_reopen_count=3)
        defect = (
            self.env["bizreg.rnd.defect"]
            .with_user(self.tester)
            .with_context(**ctx)
            .create({})
        )
        self.assertEqual(defect.found_in_release_id, self.release)
        self.assertEqual(defect.requirement_id, self.req)
        self.assertEqual(defect.test_result_id, failed)
        self.assertEqual(defect.actual_behavior, "500 error")
        self.assertEqual(defect.expected_behavior, "Welcome page")
        self.assertEqual(defect.reporter_id, self.tester)
        self.assertEqual(defect.state, "new", "default_state ignored")
        self.assertEqual(defect.reopen_count, 0)
        self.assertEqual(failed.defect_count, 1)

    def test_test_plan(self):
        plan = (
            self.env["bizreg.rnd.test.plan"]
            .with_user(self.tester)
            .create({"name": "Plan 2.0", "release_id": self.release.id})
        )
        plan.action_load_requirements()
        self.assertEqual(plan.requirement_ids, self.req)
        self.assertEqual(plan.case_ids, self.case_a | self.case_b)
        run = (
            self.env["bizreg.rnd.test.run"]
            .with_user(self.tester)
            .create({"name": "R1", "release_id": self.release.id, "plan_id": plan.id})
        )
        self.assertEqual(plan.run_ids, run)
        with self.assertRaises(UserError):
            run.plan_id = (
                self.env["bizreg.rnd.test.plan"]
                .with_user(self.tester)
                .create({"name": "Other", "release_id": self._new_release("Y").id})
            )

    # ------------------------------------------------------------------
    # Release figures
    # ------------------------------------------------------------------
    def test_release_test_figures(self):
        """Hand-computed: 5 cases in the release: a passed, b waived
        (approved), c failed then passed, d waived (not approved), e not
        run; f in a cancelled... no: f archived; one open critical defect
        found in the release, one closed, one minor."""
        case_c = self._new_case(self.req, "c")
        case_d = self._new_case(self.req, "d")
        self._new_case(self.req, "e")
        case_f = self._new_case(self.req, "f")
        case_f.active = False
        run = self._new_run()
        self._record(run, self.case_a, "passed")
        waived = self._record(run, self.case_b, "waived", waiver_reason="r")
        waived.with_user(self.manager).action_approve_waiver()
        self._record(run, case_c, "failed")
        self._record(run, case_c, "passed")
        self._record(run, case_d, "waived", waiver_reason="r")
        self._record(run, case_f, "failed")
        Defect = self.env["bizreg.rnd.defect"].sudo()
        other = self._new_release("Test 3.0")
        Defect.create(
            [
                {
                    "name": "open",
                    "severity": "critical",
                    "found_in_release_id": self.release.id,
                },
                {
                    "name": "minor",
                    "severity": "minor",
                    "found_in_release_id": self.release.id,
                },
                {
                    "name": "fix planned",
                    "severity": "blocker",
                    "found_in_release_id": other.id,
                    "fixed_in_release_id": self.release.id,
                },
                {
                    "name": "both",
                    "severity": "blocker",
                    "found_in_release_id": other.id,
                    "fixed_in_release_id": other.id,
                },
            ]
        )
        closed = Defect.create(
            {
                "name": "closed",
                "severity": "blocker",
                "found_in_release_id": self.release.id,
            }
        )
        closed._bizreg_engine_write({"state": "closed"})
        figures = (self.release | other)._rnd_test_figures()
        self.assertEqual(
            figures[self.release.id],
            {
                "cases": 5,
                "passed": 2,
                "waived": 1,
                "failed": 0,
                "blocked": 0,
                "pending_waivers": 1,
                "not_run": 1,
                "open_blockers": 2,
            },
        )
        self.assertEqual(figures[other.id]["cases"], 0)
        self.assertEqual(figures[other.id]["open_blockers"], 2)

    def test_release_test_figures_query_count(self):
        """The same number of queries for 1 and for 5 releases."""
        releases = self.release
        for index in range(4):
            release = self._new_release(f"Q{index}")
            releases |= release
            requirement = self._new_requirement(f"R{index}", release)
            case = self._new_case(requirement, f"C{index}")
            self._record(self._new_run(release), case, "passed")
        run = self._new_run()
        self._record(run, self.case_a, "failed")

        def count(records):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            figures = records._rnd_test_figures()
            return self.env.cr.sql_log_count - before, figures

        one, _figures = count(self.release)
        five, figures = count(releases)
        self.assertEqual(one, five)
        self.assertLessEqual(five, 4)
        self.assertEqual(len(figures), 5)
        self.assertEqual(figures[self.release.id]["failed"], 1)
        self.assertEqual(figures[self.release.id]["not_run"], 1)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_record_rules(self):
        run = self._new_run()
        line = self._record(run, self.case_a, "passed")
        for user in (self.stranger, self.other_manager):
            for record in (run, line, self.case_a):
                with self.assertRaises(AccessError, msg=f"{user.login} {record}"):
                    record.with_user(user).check_access("read")
        for user in (self.developer, self.manager, self.director, self.auditor):
            for record in (run, line, self.case_a):
                record.with_user(user).check_access("read")
        with self.assertRaises(AccessError):
            run.with_user(self.auditor).check_access("write")
        with self.assertRaises(AccessError):
            run.with_user(self.outsider).check_access("read")

    def test_engine_fields_guarded(self):
        run = self._new_run()
        line = self._record(run, self.case_a, "waived", waiver_reason="r")
        tried = assert_engine_fields_guarded(self, line, self.tester)
        self.assertTrue(
            {"tester_id", "executed_on", "waiver_state", "waiver_user_id"} <= tried,
            tried,
        )
        tried = assert_engine_fields_guarded(self, run, self.tester)
        self.assertIn("state", tried)
        self.assertIn("coverage_state", self.req._bizreg_engine_owned_fields())
        with self.assertRaises(AccessError):
            self.req.with_user(self.developer).write({"coverage_state": "covered"})
        self.assertEqual(self.req.coverage_state, "not_covered")
