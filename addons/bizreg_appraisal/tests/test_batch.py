# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import AppraisalCommon

LINE_COMPUTED = [
    "employee_id",
    "user_id",
    "manager_user_id",
    "cycle_id",
    "company_id",
    "department_id",
    "score",
    "achievement",
    "weighted_score",
]
APPRAISAL_COMPUTED = [
    "cycle_type",
    "date_from",
    "date_to",
    "state",
    "company_id",
    "department_id",
    "kpi_score",
    "final_score",
]


@tagged("post_install", "-at_install")
class TestAppraisalBatch(AppraisalCommon, TransactionCase):
    """Opening a cycle and computing its results cost the same number of
    queries whatever the number of employees, with the values the computes
    give."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()
        cls.dept_batch = cls.env["hr.department"].create(
            {"name": "T Batch", "manager_id": cls.emp_manager.id}
        )
        Kpi = cls.env["bizreg.appraisal.kpi"]
        cls.kpi_peer = Kpi.create(
            {
                "name": "T Peer collaboration",
                "source": "measure",
                "measure_code": "peer_collaboration",
                "target": 4.0,
            }
        )
        cls.env["bizreg.appraisal.template"].create(
            {
                "name": "T Batch template",
                "sequence": 1,
                "department_ids": [Command.set(cls.dept_batch.ids)],
                "line_ids": [
                    Command.create({"kpi_id": cls.kpi_revenue.id, "weight": 40}),
                    # lower is better: a new line (no value yet) scores
                    Command.create(
                        {"kpi_id": cls.kpi_response.id, "weight": 30, "target": 8}
                    ),
                    Command.create({"kpi_id": cls.kpi_peer.id, "weight": 30}),
                ],
            }
        )
        cls.employees = cls.env["hr.employee"].create(
            [
                {"name": f"T Batch {index}", "department_id": cls.dept_batch.id}
                for index in range(12)
            ]
        )
        # an employee's own target
        cls.env["bizreg.appraisal.target"].create(
            {
                "kpi_id": cls.kpi_response.id,
                "employee_id": cls.employees[1].id,
                "target": 5.0,
            }
        )

    def _cycle(self, month):
        return (
            self.env["bizreg.appraisal.cycle"]
            .with_user(self.hr1)
            .create(
                {
                    "cycle_type": "monthly",
                    "year": 2026,
                    "period": month,
                    "department_ids": [Command.set(self.dept_batch.ids)],
                    "with_evaluations": False,
                }
            )
        )

    def _queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_query_counts_independent_of_employees(self):
        warm, few, many = self._cycle(1), self._cycle(2), self._cycle(3)
        opened = [
            self._queries(lambda c=cycle, e=employees: c._bizreg_add_employees(e))
            for cycle, employees in (
                (warm, self.employees[:2]),
                (few, self.employees[:3]),
                (many, self.employees),
            )
        ]
        self.assertEqual(len(many.appraisal_ids.line_ids), 36)
        self.assertEqual(opened[1], opened[2], "opening: queries per employee")
        for cycle in (warm, few, many):
            cycle.action_start()
            cycle.action_open_evaluations()
        computed = [
            self._queries(cycle.action_calibrate) for cycle in (warm, few, many)
        ]
        self.assertEqual(computed[1], computed[2], "results: queries per employee")
        self.assertEqual(set(many.appraisal_ids.mapped("state")), {"calibration"})

    def _assert_stored_as_computed(self, records, names):
        """The stored values of ``names`` are those their computes give."""
        self.env.flush_all()
        self.env.invalidate_all()
        stored = records.read(names)
        for name in names:
            self.env.add_to_compute(records._fields[name], records)
        records._recompute_recordset(names)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(records.read(names), stored)

    def test_new_lines_stored_as_computed(self):
        cycle = self._cycle(4)
        cycle._bizreg_add_employees(self.employees)
        appraisals = cycle.appraisal_ids
        lines = appraisals.line_ids
        self.assertEqual(len(lines), 36)
        # not trivial values: the manager, the department and the scores of
        # a new line (the employee's own target included)
        self.assertEqual(set(appraisals.manager_user_id.ids), {self.manager.id})
        self.assertEqual(lines.department_id, self.dept_batch)
        response = lines.filtered(lambda line: line.kpi_id == self.kpi_response)
        self.assertEqual(sorted(set(response.mapped("target"))), [5.0, 8.0])
        self.assertTrue(all(response.mapped("score")))
        self.assertTrue(all(appraisals.mapped("kpi_score")))
        self._assert_stored_as_computed(lines, LINE_COMPUTED)
        self._assert_stored_as_computed(appraisals, APPRAISAL_COMPUTED)
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        self.assertEqual(set(lines.mapped("state")), {"calibration"})
        self._assert_stored_as_computed(lines, LINE_COMPUTED)
        self._assert_stored_as_computed(appraisals, APPRAISAL_COMPUTED)

    def test_own_lines_visible_once_published(self):
        """The KPI lines' state is their appraisal's (not stored on 12,000
        lines): an employee reads the KPIs of his own appraisal once it is
        published, not before; his manager reads them all along."""
        cycle = self._run_monthly(1, {self.emp1: (100.0, 4.0)}, publish=False)
        lines = self._appraisal(cycle, self.emp1).line_ids
        self.assertTrue(lines)
        Line = self.env["bizreg.appraisal.line"]
        domain = [("id", "in", lines.ids)]
        self.assertFalse(Line.with_user(self.user1).search(domain))
        self.assertEqual(Line.with_user(self.manager).search(domain), lines)
        self.assertEqual(
            Line.search([("id", "in", lines.ids), ("state", "=", "approved")]), lines
        )
        cycle.action_publish()
        lines.invalidate_recordset()
        self.assertEqual(Line.with_user(self.user1).search(domain), lines)
        self.assertEqual(set(lines.mapped("state")), {"published"})

    def test_batch_input_checked_per_value_and_type(self):
        """The values a batch repeats are checked once, but by type too: the
        number 1 is a valid target, the boolean True is not."""
        Kpi = self.env["bizreg.appraisal.kpi"]
        with self.assertRaises(ValidationError):
            Kpi.create(
                [{"name": "T One", "target": 1}, {"name": "T Yes", "target": True}]
            )
        with self.assertRaises(ValidationError):
            Kpi.create(
                [
                    {"name": "T Higher", "direction": "higher"},
                    {"name": "T Sideways", "direction": "sideways"},
                ]
            )
