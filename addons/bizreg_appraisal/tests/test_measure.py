# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestAppraisalMeasure(AppraisalCommon, TransactionCase):
    """The measure registry, on the built-in measure computed from hr data
    (peer evaluations given in the period)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()
        cls.kpi_collab = cls.env["bizreg.appraisal.kpi"].create(
            {
                "name": "T Collaboration",
                "unit": "score",
                "target": 4.0,
                "source": "measure",
                "measure_code": "peer_collaboration",
            }
        )
        cls.Measure = cls.env["bizreg.appraisal.measure"]

    def _peer_scores(self, month, employee, scores_by_peer):
        """Create a cycle where each (peer_user -> criterion score) is submitted."""
        cycle = self._open_cycle("monthly", 2026, month, with_evaluations=True)
        appraisal = self._appraisal(cycle, employee)
        cycle.action_start()
        cycle.action_open_evaluations()
        for user, score in scores_by_peer:
            evaluation = (
                self.env["bizreg.appraisal.evaluation"]
                .with_user(self.hr1)
                .create(
                    {
                        "appraisal_id": appraisal.id,
                        "evaluation_type": "peer",
                        "evaluator_user_id": user.id,
                        "line_ids": [
                            Command.create({"criterion_id": c.id})
                            for c in self.env.ref("bizreg_appraisal.criterion_attitude")
                            | self.env.ref("bizreg_appraisal.criterion_execution")
                        ],
                    }
                )
            )
            evaluation.with_user(user).line_ids.write({"score": score})
            evaluation.with_user(user).action_submit()
        return cycle

    def test_peer_measure_hand_computed_and_explained(self):
        # Two peer forms: all criteria 4 (80/100) and all 3 (60/100) -> 3.5 / 5.
        self._peer_scores(8, self.emp1, [(self.peer, 4), (self.user2, 3)])
        result = self.Measure._bizreg_compute_measures(
            ["peer_collaboration"],
            self.emp1 | self.emp2,
            date(2026, 8, 1),
            date(2026, 8, 31),
        )["peer_collaboration"]
        value, explanation = result[self.emp1.id]
        self.assertAlmostEqual(value, 3.5)
        self.assertEqual(explanation["peer_evaluations"], 2)
        self.assertAlmostEqual(explanation["average_score_100"], 70.0)
        self.assertEqual(result[self.emp2.id], (0.0, {"peer_evaluations": 0}))
        # Another period is not counted.
        other = self.Measure._bizreg_compute_measures(
            ["peer_collaboration"], self.emp1, date(2026, 9, 1), date(2026, 9, 30)
        )["peer_collaboration"]
        self.assertEqual(other[self.emp1.id][0], 0.0)

    def test_measured_line_stores_value_and_figures(self):
        template_line = self.template.line_ids.filtered(
            lambda line: line.kpi_id == self.kpi_response
        )
        self.template.write(
            {
                "line_ids": [
                    Command.update(template_line.id, {"weight": 20}),
                    Command.create({"kpi_id": self.kpi_collab.id, "weight": 20}),
                ]
            }
        )
        cycle = self._peer_scores(9, self.emp1, [(self.peer, 5)])
        line = self._appraisal(cycle, self.emp1).line_ids.filtered(
            lambda line: line.kpi_id == self.kpi_collab
        )
        self.assertFalse(line.value_set)
        # A measured value cannot be typed in.
        with self.assertRaises(UserError):
            line.with_user(self.manager).write({"actual_value": 5})
        cycle.action_calibrate()
        self.assertAlmostEqual(line.actual_value, 5.0)
        self.assertTrue(line.value_set)
        self.assertEqual(line.explanation["peer_evaluations"], 1)
        self.assertIn("peer_evaluations", line.explanation_text)
        # 5 against a target of 4: 125% achievement,
        # score (1.25 - 0.5) / 0.5 = 150 -> capped at 120.
        self.assertAlmostEqual(line.score, 120.0)

    def test_measure_query_count_independent_of_employee_count(self):
        few = self.emp1 | self.emp2
        many = (
            self.env["hr.employee"].create(
                [
                    {"name": f"T Bulk {i}", "department_id": self.dept_sales.id}
                    for i in range(40)
                ]
            )
            | few
        )
        period = (date(2026, 8, 1), date(2026, 8, 31))
        counts = []
        for employees in (few, many, few):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Measure._bizreg_compute_measures(
                ["peer_collaboration"], employees, *period
            )
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2], counts)
        self.assertLessEqual(counts[1], 3, counts)
        # Employee -> user mapping: one query for any number of employees.
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        mapping = self.Measure._bizreg_employee_users(many)
        self.assertEqual(self.env.cr.sql_log_count - before, 1)
        self.assertEqual(mapping[self.emp1.id], self.user1.id)

    def test_unknown_measure_refused(self):
        with self.assertRaises(UserError):
            self.Measure._bizreg_compute_measures(
                ["no_such_measure"], self.emp1, date(2026, 1, 1), date(2026, 1, 31)
            )
        self.assertIn("peer_collaboration", self.Measure._bizreg_measure_codes())
