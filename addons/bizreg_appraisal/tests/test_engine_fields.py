# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""bizreg_base's engine-owned field guard, proven on every regulated model of
the appraisal: a realistic record, and a user who may otherwise write it,
tries every field the application sets; each write is refused (an access
error) and changes nothing.  Then the "changed since approval" flag and its
button on the approvable cycle and honour."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_user_writes_then_guarded

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestAppraisalEngineFields(AppraisalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()

    def _guarded(self, record, user, user_vals=None, expected=()):
        return assert_user_writes_then_guarded(self, record, user, user_vals, expected)

    def test_cycle_for_hr(self):
        cycle = self._open_cycle("monthly", 2026, 3)
        self._guarded(
            cycle,
            self.hr1,
            {"evaluation_deadline": datetime(2026, 4, 10, 12, 0)},
            (
                "name",
                "period_label",
                "date_from",
                "date_to",
                "validation_status",
                "bizreg_rejection_count",
                "bizreg_approved_digest",
            ),
        )

    def test_appraisal_and_kpi_line_for_the_manager(self):
        cycle = self._open_cycle("monthly", 2026, 4)
        appraisal = self._appraisal(cycle, self.emp1)
        self._guarded(
            appraisal,
            self.manager,
            {"calibration_note": "Strong quarter end"},
            (
                "cycle_id",
                "employee_id",
                "template_id",
                "department_id",
                "state",
                "kpi_score",
                "evaluation_score",
                "final_score",
                "grade_code",
                "forced_down",
                "bonus_coefficient",
                "bonus_amount",
                "below_standard",
                "promotion_priority",
                "rollup_score",
            ),
        )
        line = appraisal.line_ids.filtered(lambda ln: ln.kpi_id == self.kpi_revenue)
        self._guarded(
            line,
            self.manager,
            {"actual_value": 90.0},
            (
                "appraisal_id",
                "kpi_id",
                "weight",
                "target",
                "value_set",
                "no_data",
                "score",
                "weighted_score",
                "employee_id",
                "cycle_id",
            ),
        )

    def test_evaluation_and_its_lines_for_the_evaluator(self):
        cycle = self._open_cycle("quarterly", 2026, 2, with_evaluations=True)
        appraisal = self._appraisal(cycle, self.emp1)
        cycle.action_start()
        form = appraisal.evaluation_ids.filtered(lambda e: e.evaluation_type == "self")
        self.assertEqual(form.evaluator_user_id, self.user1)
        self._guarded(
            form,
            self.user1,
            {"strengths": "Closed two key accounts"},
            (
                "state",
                "score",
                "submitted_date",
                "reminded_date",
                "overdue_date",
                "reminder_date",
                "employee_id",
                "cycle_id",
            ),
        )
        self._guarded(
            form.line_ids[:1],
            self.user1,
            {"comment": "Reliable"},
            ("evaluator_user_id", "sequence"),
        )

    def test_honour_and_training_for_their_writers(self):
        cycle = self._open_cycle("monthly", 2026, 5)
        appraisal = self._appraisal(cycle, self.emp1)
        honour = (
            self.env["bizreg.appraisal.honour"]
            .with_user(self.hr1)
            .create({"employee_id": self.emp1.id, "reason": "Best month"})
        )
        for user in (self.hr1, self.director):
            self._guarded(
                honour,
                user,
                {"reason": f"Best month ({user.login})"},
                ("user_id", "department_id", "award_date", "validation_status"),
            )
        training = (
            self.env["bizreg.appraisal.training"]
            .with_user(self.hr1)
            .create(
                {
                    "name": "Negotiation course",
                    "employee_id": self.emp1.id,
                    "appraisal_id": appraisal.id,
                }
            )
        )
        self._guarded(
            training,
            self.manager,
            {"plan": "Two days in May"},
            ("state", "employee_user_id", "department_id", "cycle_id"),
        )

    def test_configuration_for_hr(self):
        target = (
            self.env["bizreg.appraisal.target"]
            .with_user(self.hr1)
            .create(
                {
                    "kpi_id": self.kpi_revenue.id,
                    "employee_id": self.emp1.id,
                    "target": 120,
                }
            )
        )
        band = self.env["bizreg.appraisal.kpi.band"].create(
            {"kpi_id": self.kpi_revenue.id, "min_achievement": 50, "score": 40}
        )
        records = [
            (target, {"target": 130.0}),
            (self.kpi_revenue, {"sequence": 4}),
            (band, {"score": 45.0}),
            (self.template, {"sequence": 2}),
            (self.template.line_ids[:1], {"sequence": 3}),
            (
                self.env["bizreg.appraisal.criterion"].search([], limit=1),
                {"sequence": 5},
            ),
            (self.grade["good"], {"name": "Good"}),
        ]
        for record, vals in records:
            with self.subTest(model=record._name):
                self.assertTrue(record)
                self._guarded(record, self.hr1, vals)


@tagged("post_install", "-at_install")
class TestAppraisalTermsChanged(AppraisalCommon, TransactionCase):
    """The cycle and honour forms show "changed since approval" and offer
    "Request Review Again" (bizreg_base's approval mixin)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()

    def _sql_change(self, record, column, value, state=None):
        """A change that never passes through the model's write (another
        module's code, SQL): what the digest is there to catch."""
        table = record._table
        self.env.cr.execute(
            f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608
            [value, record.id],
        )
        if state:
            # still in the state the approval was given for (``_state_from``)
            self.env.cr.execute(
                f"UPDATE {table} SET state = %s WHERE id = %s",  # noqa: S608
                [state, record.id],
            )
        record.invalidate_recordset()

    def _approved_cycle(self, month):
        cycle = self._run_monthly(month, {self.emp1: (100, 8)}, publish=False)
        self.assertEqual(cycle.state, "approved")
        self.assertTrue(cycle.bizreg_approved_digest)
        self.assertFalse(cycle.bizreg_terms_changed)
        return cycle

    def _approved_honour(self):
        honour = (
            self.env["bizreg.appraisal.honour"]
            .with_user(self.hr1)
            .create({"employee_id": self.emp1.id, "reason": "Best month"})
        )
        honour.request_validation()
        honour.invalidate_recordset()
        honour.with_user(self.director).validate_tier()
        honour.invalidate_recordset()
        self.assertEqual(honour.state, "awarded")
        self.assertTrue(honour.bizreg_approved_digest)
        self.assertFalse(honour.bizreg_terms_changed)
        return honour

    def test_cycle_changed_before_its_approval_is_used(self):
        cycle = self._approved_cycle(6)
        self._sql_change(cycle, "with_evaluations", True, state="calibration")
        self.assertTrue(cycle.with_user(self.hr1).bizreg_terms_changed)
        # an employee reads the cycle but may not write it
        with self.assertRaises(AccessError):
            cycle.with_user(self.user1).action_bizreg_request_again()
        # the Director may write a cycle but does not request its approval
        with self.assertRaises(AccessError):
            cycle.with_user(self.director).action_bizreg_request_again()
        cycle.invalidate_recordset()
        self.assertEqual(cycle.validation_status, "validated")
        cycle.with_user(self.hr1).action_bizreg_request_again()
        cycle.invalidate_recordset()
        self.assertEqual(cycle.validation_status, "pending")
        self.assertFalse(cycle.bizreg_approved_digest)
        self.assertFalse(cycle.bizreg_terms_changed)
        # and the reviewers approve the new terms again
        cycle.with_user(self.hr2).validate_tier()
        cycle.with_user(self.director).validate_tier()
        cycle.invalidate_recordset()
        self.assertEqual(cycle.state, "approved")
        self.assertFalse(cycle.bizreg_terms_changed)

    def test_cycle_changed_after_it_moved_on(self):
        cycle = self._approved_cycle(7)
        self._sql_change(cycle, "with_evaluations", True)
        self.assertTrue(cycle.with_user(self.hr1).bizreg_terms_changed)
        # past its approval: an amendment, not a silent new round
        with self.assertRaises(UserError):
            cycle.with_user(self.hr1).action_bizreg_request_again()
        cycle.invalidate_recordset()
        self.assertEqual(cycle.state, "approved")
        self.assertEqual(cycle.validation_status, "validated")

    def test_unchanged_cycle_is_not_sent_back(self):
        cycle = self._approved_cycle(8)
        with self.assertRaises(UserError):
            cycle.with_user(self.hr1).action_bizreg_request_again()
        self.assertEqual(cycle.validation_status, "validated")

    def test_honour_changed_before_its_approval_is_used(self):
        honour = self._approved_honour()
        self._sql_change(honour, "reason", "Another reason", state="proposed")
        self.assertTrue(honour.with_user(self.director).bizreg_terms_changed)
        with self.assertRaises(AccessError):
            honour.with_user(self.user1).action_bizreg_request_again()
        honour.invalidate_recordset()
        self.assertEqual(honour.validation_status, "validated")
        honour.with_user(self.director).action_bizreg_request_again()
        honour.invalidate_recordset()
        self.assertEqual(honour.validation_status, "pending")
        self.assertEqual(honour.state, "proposed")
        self.assertFalse(honour.bizreg_terms_changed)

    def test_honour_changed_after_award(self):
        honour = self._approved_honour()
        self._sql_change(honour, "reason", "Another reason")
        self.assertTrue(honour.with_user(self.hr1).bizreg_terms_changed)
        with self.assertRaises(UserError):
            honour.with_user(self.hr1).action_bizreg_request_again()
        honour.invalidate_recordset()
        self.assertEqual(honour.state, "awarded")
        self.assertEqual(honour.validation_status, "validated")

    def test_forms_show_the_flag_and_the_button(self):
        for xmlid, groups in (
            ("bizreg_appraisal.bizreg_appraisal_cycle_view_form", "hr.group_hr_user"),
            (
                "bizreg_appraisal.bizreg_appraisal_honour_view_form",
                "hr.group_hr_user,bizreg_base.group_bizreg_director",
            ),
        ):
            arch = self.env.ref(xmlid).arch
            self.assertIn('name="action_bizreg_request_again"', arch)
            self.assertIn(f'groups="{groups}"', arch)
            self.assertIn('invisible="not bizreg_terms_changed"', arch)
