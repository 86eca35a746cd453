# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from .common import AppraisalCommon

# Wait for the evaluation form, check that every criterion shows its stars,
# optionally give each criterion ``STARS`` stars and save, then report.
OPEN_FORM_JS = """
(async () => {
    const STARS = %(stars)s;
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const rowsSelector =
        '.o_form_view .o_field_widget[name="line_ids"] .o_data_row';
    const until = async (check, what) => {
        for (let i = 0; i < 300; i++) {
            const found = check();
            if (found) {
                return found;
            }
            await sleep(100);
        }
        throw new Error("Timeout waiting for " + what);
    };
    try {
        const rows = await until(() => {
            const found = document.querySelectorAll(rowsSelector);
            return found.length ? found : null;
        }, "the criteria of the evaluation form");
        if (rows.length !== %(lines)s) {
            throw new Error(rows.length + " criteria shown, %(lines)s expected");
        }
        for (const row of rows) {
            if (row.querySelectorAll(".o_priority_star").length !== 5) {
                throw new Error("a criterion without its 5 stars");
            }
        }
        if (STARS) {
            for (let i = 0; i < rows.length; i++) {
                const row = document.querySelectorAll(rowsSelector)[i];
                row.querySelectorAll("a.o_priority_star")[STARS - 1].click();
                await sleep(200);
            }
            // The stars changed the form: its save buttons show (Odoo hides
            // them with the "invisible" class while the form is saved).
            const buttons = ".o_form_status_indicator_buttons";
            await until(
                () => document.querySelector(`${buttons}:not(.invisible)`),
                "the changed form"
            );
            document.querySelector(".o_form_button_save").click();
            await until(
                () => document.querySelector(`${buttons}.invisible`),
                "the form to be saved"
            );
        }
        console.log("test successful");
    } catch (error) {
        console.error("evaluation form: " + error.message);
    }
})();
"""


@tagged("post_install", "-at_install")
class TestEvaluationFormsInBrowser(AppraisalCommon, HttpCase):
    """Each evaluator opens his self, manager or peer evaluation form in the
    web client, sees the stars of every criterion and scores them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()

    def test_evaluation_forms_open_and_score_in_the_web_client(self):
        cycle = self._open_cycle("quarterly", 2026, 1, with_evaluations=True)
        appraisal = self._appraisal(cycle, self.emp1)
        appraisal.with_user(self.hr1).peer_employee_ids = self.emp_peer
        cycle.action_start()
        cycle.action_open_evaluations()
        actions = {
            "self": "bizreg_appraisal.bizreg_appraisal_evaluation_action_self",
            "manager": "bizreg_appraisal.bizreg_appraisal_evaluation_action_manager",
            "peer": "bizreg_appraisal.bizreg_appraisal_evaluation_action_peer",
        }
        stars = {"self": 0, "manager": 4, "peer": 2}
        evaluations = appraisal.evaluation_ids
        self.assertEqual(sorted(evaluations.mapped("evaluation_type")), sorted(actions))
        for evaluation in evaluations:
            kind = evaluation.evaluation_type
            code = OPEN_FORM_JS % {
                "stars": stars[kind],
                "lines": len(evaluation.line_ids),
            }
            self.browser_js(
                f"/odoo/action-{actions[kind]}/{evaluation.id}",
                code,
                login=evaluation.evaluator_user_id.login,
                timeout=90,
            )
            evaluation.invalidate_recordset()
            evaluation.line_ids.invalidate_recordset()
            self.assertEqual(
                set(evaluation.line_ids.mapped("score")), {stars[kind]}, kind
            )
