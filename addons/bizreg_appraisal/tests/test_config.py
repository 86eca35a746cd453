# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestAppraisalConfig(AppraisalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()

    def test_kpi_weights_must_sum_to_100(self):
        Template = self.env["bizreg.appraisal.template"].with_user(self.hr1)
        count = Template.search_count([])
        with self.assertRaises(ValidationError) as caught, mute_logger("odoo.sql_db"):
            Template.create(
                {
                    "name": "Bad weights",
                    "line_ids": [
                        Command.create({"kpi_id": self.kpi_revenue.id, "weight": 50}),
                        Command.create({"kpi_id": self.kpi_response.id, "weight": 40}),
                    ],
                }
            )
        self.assertIn("100", str(caught.exception))
        self.assertEqual(Template.search_count([]), count)
        # Editing an existing template into a bad sum is refused too.
        with self.assertRaises(ValidationError):
            self.template.with_user(self.hr1).line_ids[0].weight = 70
        self.template.invalidate_recordset()
        self.assertEqual(sum(self.template.line_ids.mapped("weight")), 100)

    def test_evaluation_weights_must_sum_to_100(self):
        with self.assertRaises(ValidationError):
            self.template.with_user(self.hr1).write({"weight_manager": 40})
        # Customer weight only for customer-facing templates.
        with self.assertRaises(ValidationError):
            self.env["bizreg.appraisal.template"].with_user(self.hr1).create(
                {
                    "name": "Back office",
                    "weight_self": 10,
                    "weight_manager": 50,
                    "weight_peer": 20,
                    "weight_customer": 20,
                    "customer_facing": False,
                }
            )
        self.assertFalse(
            self.env["bizreg.appraisal.template"].search([("name", "=", "Back office")])
        )

    def test_negative_target_refused(self):
        Target = self.env["bizreg.appraisal.target"].with_user(self.hr1)
        with self.assertRaises(ValidationError) as caught:
            Target.create(
                {
                    "kpi_id": self.kpi_revenue.id,
                    "employee_id": self.emp1.id,
                    "target": -5,
                }
            )
        self.assertIn("negative", str(caught.exception))
        self.assertFalse(Target.search([("employee_id", "=", self.emp1.id)]))
        with self.assertRaises(ValidationError):
            self.env["bizreg.appraisal.kpi"].with_user(self.hr1).create(
                {"name": "Negative KPI", "target": -1}
            )
        self.assertFalse(
            self.env["bizreg.appraisal.kpi"].search([("name", "=", "Negative KPI")])
        )
        with self.assertRaises(ValidationError):
            self.template.line_ids[0].with_user(self.hr1).target = -10

    def test_kpi_scoring_hand_computed(self):
        revenue, response = self.kpi_revenue, self.kpi_response
        # Linear: 0 at 50% of target, 100 at target, capped at 120.
        self.assertAlmostEqual(revenue._bizreg_score(100, 100)[0], 100)
        self.assertAlmostEqual(revenue._bizreg_score(75, 100)[0], 50)
        self.assertAlmostEqual(revenue._bizreg_score(40, 100)[0], 0)
        self.assertAlmostEqual(revenue._bizreg_score(110, 100)[0], 120)
        self.assertAlmostEqual(revenue._bizreg_score(300, 100)[0], 120)
        # Lower is better: mirrored.
        self.assertAlmostEqual(response._bizreg_score(8, 8)[0], 100)
        self.assertAlmostEqual(response._bizreg_score(10, 8)[0], 50)
        self.assertAlmostEqual(response._bizreg_score(12, 8)[0], 0)
        self.assertAlmostEqual(response._bizreg_score(7, 8)[0], 120)
        # Bands.
        banded = self.env["bizreg.appraisal.kpi"].create(
            {
                "name": "Banded",
                "target": 10,
                "scoring": "bands",
                "band_ids": [
                    Command.create({"min_achievement": 0, "score": 0}),
                    Command.create({"min_achievement": 80, "score": 70}),
                    Command.create({"min_achievement": 100, "score": 100}),
                ],
            }
        )
        self.assertEqual(banded._bizreg_score(7.9, 10)[0], 0)
        self.assertEqual(banded._bizreg_score(9, 10)[0], 70)
        self.assertEqual(banded._bizreg_score(12, 10)[0], 100)

    def test_grade_bands(self):
        grades = self.env["bizreg.appraisal.grade"]._bizreg_grades(self.company)
        expected = {
            95: "excellent",
            90: "excellent",
            89.99: "good",
            80: "good",
            70: "pass",
            60: "improve",
            59.9: "fail",
            0: "fail",
        }
        for score, code in expected.items():
            self.assertEqual(grades._bizreg_grade_for(score).code, code, score)
        with self.assertRaises(ValidationError):
            self.grade["good"].coefficient = -1
