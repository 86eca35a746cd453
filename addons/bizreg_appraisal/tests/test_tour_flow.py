# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The main appraisal flow clicked in the web client, in Chinese, by the demo
user of each role (static/tests/tours/bizreg_appraisal_flow.js)."""

import time

from odoo.tests import HttpCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

EVALUATION_ACTIONS = {
    "self": "bizreg_appraisal.bizreg_appraisal_evaluation_action_self",
    "manager": "bizreg_appraisal.bizreg_appraisal_evaluation_action_manager",
    "peer": "bizreg_appraisal.bizreg_appraisal_evaluation_action_peer",
}


@tagged("post_install", "-at_install", "is_tour")
class TestTourAppraisalFlow(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.hr = ref("bizreg_base.user_hr_officer")
        cls.director = ref("bizreg_base.user_director")
        cls.employee_user = ref("bizreg_base.user_employee")
        cls.manager = ref("bizreg_base.user_sale_manager")
        cls.peer = ref("bizreg_base.user_sale_user")
        # The demo has one HR officer; the one who requests an approval never
        # gives it, so a second officer approves for HR.
        cls.hr2 = bizreg_test_user(
            cls.env,
            "hr_officer2",
            ["hr.group_hr_user"],
            ref("bizreg_base.hr_department_hr"),
        )
        cls.hr2.name = "周敏"
        for user in (
            cls.hr,
            cls.hr2,
            cls.director,
            cls.employee_user,
            cls.manager,
            cls.peer,
        ):
            user.lang = "zh_CN"
        cls.env.company.bizreg_appraisal_forced_distribution = False

    def _tour(self, url, name, user):
        started = time.monotonic()
        self.start_tour(url, name, login=user.login, timeout=120)
        self._timings.append((name, time.monotonic() - started))

    def _evaluate(self, appraisal, kind):
        evaluation = appraisal.evaluation_ids.filtered(
            lambda e: e.evaluation_type == kind
        )
        self.assertEqual(len(evaluation), 1, kind)
        self._tour(
            f"/odoo/action-{EVALUATION_ACTIONS[kind]}/{evaluation.id}",
            "bizreg_appraisal_flow_evaluate",
            evaluation.evaluator_user_id,
        )
        evaluation.invalidate_recordset()
        self.assertEqual(evaluation.state, "submitted", kind)
        self.assertEqual(set(evaluation.line_ids.mapped("score")), {4}, kind)
        return evaluation

    def test_appraisal_flow_clicked_by_each_role(self):
        self._timings = []
        Cycle = self.env["bizreg.appraisal.cycle"]
        self._tour("/odoo", "bizreg_appraisal_flow_open", self.hr)
        cycle = Cycle.search([("name", "=", "AP-2024-06")])
        self.assertEqual(len(cycle), 1)
        self.assertEqual(cycle.state, "self_assessment")
        self.assertEqual(cycle.user_id, self.hr)
        appraisal = cycle.appraisal_ids
        self.assertEqual(appraisal.employee_id, self.employee_user.employee_id)
        self.assertEqual(appraisal.manager_user_id, self.manager)
        url = f"/odoo/bizreg.appraisal.cycle/{cycle.id}"

        # HR names the peer (choosing him is not the point of this flow).
        appraisal.with_user(self.hr).peer_employee_ids = self.peer.employee_id
        self._evaluate(appraisal, "self")
        self._tour(url, "bizreg_appraisal_flow_open_evaluations", self.hr)
        self.assertEqual(cycle.state, "evaluation")
        self._evaluate(appraisal, "manager")
        self._evaluate(appraisal, "peer")

        self._tour(url, "bizreg_appraisal_flow_calibrate", self.hr)
        self.assertEqual(cycle.state, "calibration")
        self.assertEqual(cycle.validation_status, "pending")
        self.assertTrue(appraisal.grade_id)
        self._tour(url, "bizreg_appraisal_flow_approve", self.hr2)
        self.assertEqual(cycle.state, "calibration", "the Director approves last")
        self._tour(url, "bizreg_appraisal_flow_approve", self.director)
        cycle.invalidate_recordset()
        self.assertEqual(cycle.validation_status, "validated")
        self.assertEqual(
            set(cycle.review_ids.mapped("done_by")), {self.hr2, self.director}
        )
        self._tour(url, "bizreg_appraisal_flow_publish", self.hr)
        self.assertEqual(cycle.state, "published")

        self._tour("/odoo", "bizreg_appraisal_flow_read", self.employee_user)
        mine = (
            self.env["bizreg.appraisal"]
            .with_user(self.employee_user)
            .search([("cycle_id", "=", cycle.id)])
        )
        self.assertEqual(mine, appraisal)
        self.assertTrue(mine.grade_id)
        self.assertGreater(mine.evaluation_score, 0)
        for name, seconds in self._timings:
            self._logger.info("tour %s: %.1fs", name, seconds)
