# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_appraisal.tests.common import demo_month_cycle
from odoo.addons.bizreg_helpdesk.tests.common import BizregHelpdeskCommon

CODES = [
    "service_first_response",
    "service_resolution_rate",
    "service_complaint_on_time",
    "service_satisfaction",
    "service_churn_risk",
]


@tagged("post_install", "-at_install")
class TestServiceMeasures(BizregHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()
        cls.Measure = cls.env["bizreg.appraisal.measure"]
        cls.emp_agent = cls.agent.employee_id
        cls.emp_agent2 = cls.agent2.employee_id

    def _fixture(self):
        with freeze_time("2026-03-02 09:00:00"):  # Monday
            complaint = self._complaint()
            question = self._ticket()
        with freeze_time("2026-03-02 10:00:00"):
            complaint.with_user(self.agent).action_bizreg_mark_responded()
        with freeze_time("2026-03-02 12:00:00"):
            question.with_user(self.agent).action_bizreg_mark_responded()
            complaint.write(
                {
                    "bizreg_solution": "<p>replaced</p>",
                    "bizreg_satisfaction": "4",
                    "stage_id": self.stage_done.id,
                }
            )

    def test_service_measures_hand_computed(self):
        self._fixture()
        results = self.Measure._bizreg_compute_measures(
            CODES, self.emp_agent | self.emp_agent2, date(2026, 3, 1), date(2026, 3, 31)
        )
        mine = {code: results[code][self.emp_agent.id] for code in CODES}
        # Responses after 1 h and 3 h.
        self.assertAlmostEqual(mine["service_first_response"][0], 2.0)
        self.assertEqual(mine["service_first_response"][1]["tickets"], 2)
        # One of two tickets resolved.
        self.assertAlmostEqual(mine["service_resolution_rate"][0], 50.0)
        self.assertEqual(mine["service_resolution_rate"][1]["resolved"], 1)
        # The complaint was resolved within its deadline.
        self.assertAlmostEqual(mine["service_complaint_on_time"][0], 100.0)
        self.assertAlmostEqual(mine["service_satisfaction"][0], 4.0)
        # No return visit: no data (scores 0, not a perfect 0% churn).
        self.assertIsNone(mine["service_churn_risk"][0])
        # An agent without tickets has no data either.
        self.assertIsNone(results["service_resolution_rate"][self.emp_agent2.id][0])

    def test_service_measures_constant_queries_and_cycle(self):
        self._fixture()
        many = (
            self.env["hr.employee"].create(
                [
                    {"name": f"T Agent {i}", "department_id": self.dept_service.id}
                    for i in range(30)
                ]
            )
            | self.emp_agent
        )
        counts = []
        self.Measure._bizreg_compute_measures(
            CODES, many, date(2026, 3, 1), date(2026, 3, 31)
        )
        for employees in (self.emp_agent, many):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Measure._bizreg_compute_measures(
                CODES, employees, date(2026, 3, 1), date(2026, 3, 31)
            )
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], counts)
        # A monthly cycle stores the values and their figures.
        kpi = self.env.ref("bizreg_appraisal.kpi_service_first_response")
        churn = self.env.ref("bizreg_appraisal.kpi_service_churn_risk")
        self.env["bizreg.appraisal.template"].create(
            {
                "name": "T measured service",
                "sequence": 1,
                "department_ids": [Command.set(self.dept_service.ids)],
                "line_ids": [
                    Command.create({"kpi_id": kpi.id, "weight": 80, "target": 2}),
                    Command.create({"kpi_id": churn.id, "weight": 20, "target": 5}),
                ],
            }
        )
        cycle = self.env["bizreg.appraisal.cycle"].create(
            {
                "cycle_type": "monthly",
                "year": 2026,
                "period": 3,
                "with_evaluations": False,
            }
        )
        cycle._bizreg_add_employees(self.emp_agent)
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        appraisal = cycle.appraisal_ids
        response = appraisal.line_ids.filtered(lambda line: line.kpi_id == kpi)
        self.assertAlmostEqual(response.actual_value, 2.0)
        self.assertEqual(response.explanation["tickets"], 2)
        self.assertEqual(response.score, 100.0)
        no_visit = appraisal.line_ids.filtered(lambda line: line.kpi_id == churn)
        self.assertTrue(no_visit.no_data)
        self.assertEqual(no_visit.score, 0.0)
        self.assertAlmostEqual(appraisal.kpi_score, 80.0)

    def test_demo_month_is_measured(self):
        """The demo's current month is computed from the demo tickets."""
        if not self.env.ref(
            "bizreg_helpdesk.helpdesk_ticket_complaint_demo", raise_if_not_found=False
        ):
            self.skipTest("installed without demo data")
        cycle = demo_month_cycle(self.env)
        self.assertEqual(cycle.state, "calibration")
        agent = self.env.ref("bizreg_base.employee_service_user2")
        figures = self.env["helpdesk.ticket"]._bizreg_kpi_service(
            agent.user_id.ids, cycle.date_from, cycle.date_to
        )[agent.user_id.id]
        self.assertGreaterEqual(figures["tickets"], 1)
        line = cycle.appraisal_ids.line_ids.filtered(
            lambda line: (
                line.employee_id == agent
                and line.kpi_id
                == self.env.ref("bizreg_appraisal.kpi_service_resolution_rate")
            )
        )
        self.assertEqual(line.explanation["tickets"], figures["tickets"])
        self.assertEqual(line.explanation["resolved"], figures["resolved"])
