# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestAppraisalCycle(AppraisalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls._appraisal_setup()

    def test_empty_cycle_refused(self):
        Cycle = self.env["bizreg.appraisal.cycle"]
        count = Cycle.search_count([])
        wizard = (
            self.env["bizreg.appraisal.cycle.open"]
            .with_user(self.hr1)
            .create(
                {
                    "cycle_type": "monthly",
                    "year": 2026,
                    "period": 2,
                    "department_ids": [Command.set(self.dept_empty.ids)],
                }
            )
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_open()
        self.assertIn("empty", str(caught.exception))
        self.assertEqual(Cycle.search_count([]), count)
        # A bad period is refused as well.
        with self.assertRaises(ValidationError):
            Cycle.with_user(self.hr1).create(
                {"cycle_type": "monthly", "year": 2026, "period": 13}
            )
        self.assertEqual(Cycle.search_count([]), count)

    def test_monthly_scores_grades_and_bonus(self):
        cycle = self._run_monthly(
            3, {self.emp1: (100, 8), self.emp2: (75, 10)}, publish=False
        )
        self.assertEqual(cycle.state, "approved")
        self.assertTrue(cycle.bizreg_number.startswith("AP-2026-"))
        self.assertEqual(cycle.name, "AP-2026-03")
        first, second = (
            self._appraisal(cycle, self.emp1),
            self._appraisal(cycle, self.emp2),
        )
        # 0.6 x 100 + 0.4 x 100
        self.assertAlmostEqual(first.kpi_score, 100.0)
        self.assertAlmostEqual(first.final_score, 100.0)
        self.assertEqual(first.grade_id, self.grade["excellent"])
        self.assertAlmostEqual(first.bonus_amount, 1300.0)
        self.assertFalse(first.deduction_amount)
        # 0.6 x 50 + 0.4 x 50
        self.assertAlmostEqual(second.final_score, 50.0)
        self.assertEqual(second.grade_id, self.grade["fail"])
        self.assertAlmostEqual(second.bonus_amount, 500.0)
        self.assertAlmostEqual(second.deduction_amount, 500.0)
        # Training need for the result below standard only.
        self.assertEqual(
            second.training_ids.kpi_ids, self.kpi_revenue | self.kpi_response
        )
        self.assertFalse(first.training_ids)
        # Its name reads in the reader's language, whoever computed it.
        training = second.training_ids
        self.assertIn("Below standard in", training.with_context(lang="en_US").name)
        self.assertIn("考核未达标", training.with_context(lang="zh_CN").name)

    def test_quarterly_rollup_from_monthly_results(self):
        months = {1: (100, 8), 2: (75, 10), 3: (90, 9)}
        for month, values in months.items():
            self._run_monthly(month, {self.emp1: values})
        monthly = self.env["bizreg.appraisal"].search(
            [("employee_id", "=", self.emp1.id), ("cycle_type", "=", "monthly")]
        )
        self.assertEqual(sorted(monthly.mapped("final_score")), [50.0, 78.0, 100.0])
        quarter = self._open_cycle("quarterly", 2026, 1, with_evaluations=True)
        appraisal = self._appraisal(quarter, self.emp1)
        self.assertFalse(appraisal.line_ids)
        appraisal.with_user(self.manager).peer_employee_ids = self.emp_peer
        quarter.action_start()
        quarter.action_open_evaluations()
        evaluations = appraisal.evaluation_ids
        self.assertEqual(
            sorted(evaluations.mapped("evaluation_type")), ["manager", "peer", "self"]
        )
        scores = {"self": 5, "manager": 4, "peer": 3}
        for evaluation in evaluations:
            evaluator = evaluation.evaluator_user_id
            form = evaluation.with_user(evaluator)
            form.write(
                {
                    "line_ids": [
                        Command.update(
                            line.id, {"score": scores[evaluation.evaluation_type]}
                        )
                        for line in evaluation.line_ids
                    ]
                }
            )
            form.action_submit()
        quarter.action_calibrate()
        # Mean of the monthly scores (100 + 50 + 78) / 3; month 3: revenue 90 of
        # 100 scores 80, 9 h against 8 h scores 75 -> 0.6 x 80 + 0.4 x 75 = 78.
        self.assertAlmostEqual(appraisal.rollup_score, 76.0)
        self.assertEqual(appraisal.rollup_count, 3)
        # Evaluations: self 100 x 10, manager 80 x 50, peer 60 x 20 (no customer:
        # its 20% is spread) = (1000 + 4000 + 1200) / 80 = 77.5
        self.assertAlmostEqual(appraisal.evaluation_score, 77.5)
        self.assertAlmostEqual(appraisal.final_score, 0.5 * 76.0 + 0.5 * 77.5)
        self.assertEqual(appraisal.grade_id, self.grade["pass"])

    def test_forced_distribution(self):
        employees = self.env["hr.employee"].create(
            [
                {"name": f"T Seller {i}", "department_id": self.dept_sales.id}
                for i in range(7)
            ]
        )
        cycle = self._open_cycle("monthly", 2026, 4)
        cycle.write({"forced_distribution": True, "excellent_quota": 20})
        # 10 employees in the department: quota = 2 excellent.
        values = {emp: (100 + i, 8) for i, emp in enumerate(employees)}
        values.update(
            {self.emp1: (100, 8), self.emp2: (100, 8), self.emp_manager: (100, 8)}
        )
        self._set_values(cycle, values)
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        excellent = cycle.appraisal_ids.filtered(lambda a: a.grade_code == "excellent")
        self.assertEqual(len(cycle.appraisal_ids), 10)
        self.assertEqual(len(excellent), 2)
        # The two best scores keep the grade, the others are lowered to 良好.
        best = cycle.appraisal_ids.sorted(lambda a: (-a.final_score, a.id))[:2]
        self.assertEqual(excellent, best)
        lowered = cycle.appraisal_ids.filtered("forced_down")
        self.assertEqual(len(lowered), 8)
        self.assertEqual(lowered.grade_id, self.grade["good"])
        # The rule is not loosened during calibration to fit the grades...
        with self.assertRaises(UserError):
            cycle.forced_distribution = False
        # ...and without it (set as the system) all ten are excellent.
        cycle.sudo().forced_distribution = False
        cycle.action_recompute()
        self.assertEqual(set(cycle.appraisal_ids.mapped("grade_code")), {"excellent"})

    def test_promotion_after_exactly_n_consecutive_excellents(self):
        self.company.bizreg_appraisal_promotion_months = 3
        excellent, average = (100, 8), (80, 9)
        plan = [excellent, excellent, excellent, average, excellent, excellent]
        flags = []
        for month, values in enumerate(plan, start=1):
            cycle = self._run_monthly(month, {self.emp1: values})
            flags.append(self._appraisal(cycle, self.emp1).promotion_priority)
        # Flag after exactly three in a row, not after two, not after a break.
        self.assertEqual(flags, [False, False, True, False, False, False])
        cycle = self._run_monthly(7, {self.emp1: excellent})
        self.assertTrue(self._appraisal(cycle, self.emp1).promotion_priority)

    def test_publish_only_after_approval(self):
        cycle = self._open_cycle("monthly", 2026, 5)
        self._set_values(cycle, {self.emp1: (100, 8)})
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        with self.assertRaises(UserError):
            cycle.action_publish()
        with self.assertRaises(UserError):
            cycle.action_approve()
        with self.assertRaises(UserError):
            cycle.write({"state": "published"})
        cycle.request_validation()
        cycle.invalidate_recordset()
        # The requester (and creator) cannot approve their own results.
        with self.assertRaises(UserError):
            cycle.with_user(self.hr1).validate_tier()
        # Results are frozen while under review.
        line = self._appraisal(cycle, self.emp1).line_ids[:1]
        with self.assertRaises(UserError):
            line.with_user(self.manager).actual_value = 10
        with self.assertRaises(UserError):
            cycle.action_recompute()
        # HR first, then the Director.
        self.assertFalse(cycle.with_user(self.director).can_review)
        cycle.with_user(self.hr2).validate_tier()
        self.assertEqual(cycle.state, "calibration")
        with self.assertRaises(UserError):
            cycle.action_publish()
        cycle.with_user(self.director).validate_tier()
        self.assertEqual(cycle.state, "approved")
        cycle.action_publish()
        self.assertEqual(cycle.state, "published")
        self.assertEqual(self._appraisal(cycle, self.emp1).state, "published")

    def test_honours_proposed_and_awarded_by_director(self):
        for month, values in {1: (100, 8), 2: (100, 8), 3: (100, 8)}.items():
            self._run_monthly(month, {self.emp1: values, self.emp2: (80, 9)})
        quarter = self._open_cycle("quarterly", 2026, 1)
        quarter.action_start()
        quarter.action_open_evaluations()
        quarter.action_calibrate()
        self._approve(quarter)
        quarter.action_publish()
        quarter.action_propose_honours()
        honour = self.env["bizreg.appraisal.honour"].search(
            [("cycle_id", "=", quarter.id)]
        )
        self.assertEqual(honour.employee_id, self.emp1)
        self.assertEqual(honour.honour_type, "pacesetter")
        # The title reads in the reader's language, whoever proposed it.
        self.assertEqual(honour.with_context(lang="zh_CN").name, "业务标兵")
        self.assertEqual(honour.with_context(lang="en_US").name, "Business Pacesetter")
        # Proposing again creates no duplicate.
        quarter.action_propose_honours()
        self.assertEqual(
            self.env["bizreg.appraisal.honour"].search_count(
                [("cycle_id", "=", quarter.id)]
            ),
            1,
        )
        honour = honour.with_user(self.hr1)
        with self.assertRaises(UserError):
            honour.action_award()
        honour.request_validation()
        honour.invalidate_recordset()
        with self.assertRaises(UserError):
            honour.with_user(self.hr2).validate_tier()
        honour.with_user(self.director).validate_tier()
        self.assertEqual(honour.state, "awarded")
        self.assertTrue(honour.award_date)
        # Employees see awarded honours.
        self.assertIn(
            honour, self.env["bizreg.appraisal.honour"].with_user(self.user2).search([])
        )
