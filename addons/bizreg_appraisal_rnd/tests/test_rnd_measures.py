# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_appraisal.tests.common import query_counts
from odoo.addons.bizreg_base.tests.common import bizreg_test_user
from odoo.addons.bizreg_rnd.tests.common import USER
from odoo.addons.bizreg_rnd.tests.release_common import ReleaseCommon

CODES = [
    "rnd_delivered_in_plan",
    "rnd_defects_after_release",
    "rnd_release_satisfaction",
]
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


@tagged("post_install", "-at_install")
class TestRndMeasures(ReleaseCommon, TransactionCase):
    """The R&D measures of the appraisal, computed from releases approved
    and released as bizreg_rnd does it, their requirements, the defects
    found after them and the satisfaction of their tickets, in a company of
    Asia/Shanghai."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._release_setup()
        cls.Measure = cls.env["bizreg.appraisal.measure"]
        cls.emp_dev = cls.developer.employee_id
        cls.emp_tester = cls.tester.employee_id

    # Fixtures -------------------------------------------------------------
    def _released(self, name, released_at, extra_requirements=()):
        """A release of the developer with one approved, tested requirement
        of the developer, released at ``released_at`` (UTC) by the R&D
        Manager; ``extra_requirements``: ``(owner, submitted)`` of other
        requirements planned into it while in draft (not approved when it
        is released: not delivered in it)."""
        release = self.Release.with_user(self.developer).create(
            {"name": name, "project_id": self.project.id}
        )
        for owner, submitted in extra_requirements:
            requirement = self.Requirement.with_user(owner).create(
                {
                    "name": f"{name} extra of {owner.login}",
                    "planned_release_id": release.id,
                    "effort": 5,
                    "line_ids": [
                        Command.create({"line_type": "functional", "name": "More"})
                    ],
                }
            )
            if submitted:
                requirement.action_submit()
        delivered, _case = self._approved_release(release)
        with freeze_time(released_at):
            release.with_user(self.manager).action_release()
        self.assertEqual(delivered.delivered_release_id, release)
        return release, delivered

    def _defect_at(self, release, when, requirement=None):
        with freeze_time(when):
            defect = self._defect(
                "major",
                release,
                requirement_id=requirement.id if requirement else False,
            )
            defect.flush_recordset()
        return defect

    def _rated_ticket(self, release, when, score):
        with freeze_time(when):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": f"Question on {release.name}",
                    "description": "How do I export?",
                    "bizreg_rnd_release_id": release.id,
                }
            )
            ticket.flush_recordset()
        # the satisfaction the customer stated (bizreg_helpdesk's rating hook)
        ticket._bizreg_apply_rating(score)
        return ticket

    def _fixture(self):
        """Release 1 released on 10 March (its requirement delivered, a
        requirement of the developer and one of the tester planned into it
        but never approved); release 2 released at 00:30 on 1 April local
        time (16:30 UTC on 31 March)."""
        r1, in_plan = self._released(
            "T 1.0",
            "2026-03-10 02:00:00",
            [(self.developer, True), (self.tester, False)],
        )
        r2, _april = self._released("T 1.1", "2026-03-31 16:30:00")
        # after release 1: two defects of its requirement in March, one in
        # April
        self._defect_at(r1, "2026-03-12 03:00:00", in_plan)
        self._defect_at(r1, "2026-03-20 03:00:00", in_plan)
        self._defect_at(r1, "2026-04-02 03:00:00", in_plan)
        # tickets of the developer's release 1 rated 4 and 5 in March, 1 in
        # April
        self._rated_ticket(r1, "2026-03-15 03:00:00", 4)
        self._rated_ticket(r1, "2026-03-16 03:00:00", 5)
        self._rated_ticket(r1, "2026-04-03 03:00:00", 1)
        return r1, r2, in_plan

    # Tests ----------------------------------------------------------------
    def test_rnd_measures_hand_computed(self):
        self._fixture()
        employees = self.emp_dev | self.emp_tester | self.manager.employee_id
        results = self.Measure._bizreg_compute_measures(CODES, employees, *MARCH)
        dev = {code: results[code][self.emp_dev.id] for code in CODES}
        # due in March: the two requirements of the developer planned in
        # release 1, one delivered in it; release 2 was released in April
        # (local time)
        self.assertEqual(dev["rnd_delivered_in_plan"][0], 50.0)
        self.assertEqual(
            dev["rnd_delivered_in_plan"][1],
            {
                "requirements_due": 2,
                "delivered_in_plan": 1,
                "delivered_in_plan_rate": 50.0,
            },
        )
        # two defects found after release 1 in March
        self.assertEqual(dev["rnd_defects_after_release"][0], 2)
        # the developer owns release 1: two tickets rated in March
        self.assertEqual(dev["rnd_release_satisfaction"][0], 4.5)
        self.assertEqual(
            dev["rnd_release_satisfaction"][1], {"ratings": 2, "satisfaction": 4.5}
        )
        tester = {code: results[code][self.emp_tester.id] for code in CODES}
        self.assertEqual(tester["rnd_delivered_in_plan"][0], 0.0)
        # delivered nothing: no defect figure rather than a perfect zero
        self.assertIsNone(tester["rnd_defects_after_release"][0])
        self.assertIsNone(tester["rnd_release_satisfaction"][0])
        manager = {code: results[code][self.manager.employee_id.id] for code in CODES}
        self.assertIsNone(manager["rnd_delivered_in_plan"][0])
        april = self.Measure._bizreg_compute_measures(CODES, employees, *APRIL)
        self.assertEqual(april["rnd_delivered_in_plan"][self.emp_dev.id][0], 100.0)
        self.assertEqual(april["rnd_defects_after_release"][self.emp_dev.id][0], 1)
        self.assertEqual(april["rnd_release_satisfaction"][self.emp_dev.id][0], 1.0)

    def test_defect_without_requirement_counts_for_release_owner(self):
        r1, _delivered = self._released("T 1.0", "2026-03-10 02:00:00")
        defect = self._defect_at(r1, "2026-03-12 03:00:00")
        self.assertTrue(defect.found_after_release)
        # found in the release before it was released: not after release
        r2 = self.Release.with_user(self.developer).create(
            {"name": "T 2.0", "project_id": self.project.id}
        )
        self.assertFalse(self._defect_at(r2, "2026-03-12 03:00:00").found_after_release)
        figures = self.Release._bizreg_kpi_rnd(self.developer.ids, *MARCH)
        self.assertEqual(figures[self.developer.id]["defects_after_release"], 1)
        # the figures do not depend on who asks
        self.assertEqual(
            self.Release.with_user(self.stranger)._bizreg_kpi_rnd(
                self.developer.ids, *MARCH
            ),
            figures,
        )

    def test_rnd_measures_constant_queries(self):
        r1, _r2, _in_plan = self._fixture()
        others = self.env["hr.employee"].concat(
            *(
                bizreg_test_user(
                    self.env, f"t_rndk_{i}", [USER], self.dept
                ).employee_ids
                for i in range(8)
            )
        )
        # four of them with a requirement planned into a release of March
        # that they did not deliver, and a defect found after it
        release, _delivered = self._released(
            "T 1.2",
            "2026-03-05 02:00:00",
            [(employee.user_id, False) for employee in others[:4]],
        )
        self._defect_at(release, "2026-03-25 03:00:00")
        two = self.emp_dev | self.emp_tester
        ten = two | others
        self.assertEqual(len(ten.user_id), 10)

        def compute(employees):
            return self.Measure._bizreg_compute_measures(CODES, employees, *MARCH)

        counts = query_counts(self.env, compute, two, ten)
        self.assertEqual(counts[0], counts[1], counts)
        self.assertEqual(compute(ten)["rnd_delivered_in_plan"][others[0].id][0], 0.0)

    def test_kpis_are_measured(self):
        for xmlid, code in (
            ("bizreg_appraisal.kpi_rnd_on_time", "rnd_delivered_in_plan"),
            ("bizreg_appraisal.kpi_rnd_defects", "rnd_defects_after_release"),
            ("bizreg_appraisal.kpi_rnd_satisfaction", "rnd_release_satisfaction"),
        ):
            kpi = self.env.ref(xmlid)
            self.assertEqual(kpi.source, "measure", xmlid)
            self.assertEqual(kpi.measure_code, code, xmlid)
        self.assertEqual(
            self.env.ref("bizreg_appraisal.kpi_rnd_defects").direction, "lower"
        )
