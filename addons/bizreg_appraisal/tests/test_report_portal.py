# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestAppraisalReportPortal(AppraisalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()

    def test_appraisal_sheet_renders(self):
        cycle = self._run_monthly(1, {self.emp1: (100, 8)})
        appraisal = self._appraisal(cycle, self.emp1)
        report = self.env.ref("bizreg_appraisal.bizreg_appraisal_sheet_report")
        html, _type = report.with_user(self.user1)._render_qweb_html(
            report.report_name, appraisal.ids
        )
        html = html.decode()
        self.assertIn(self.emp1.name, html)
        self.assertIn("T Revenue", html)
        self.assertIn("o_bizreg_result_table", html)
        pdf, report_type = report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(report.report_name, appraisal.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_customer_evaluation_through_tokenised_link(self):
        cycle = self._open_cycle("quarterly", 2026, 3, with_evaluations=True)
        appraisal = self._appraisal(cycle, self.emp1)
        appraisal.customer_partner_ids = [Command.set(self.customer.ids)]
        cycle.action_start()
        cycle.action_open_evaluations()
        form = appraisal.evaluation_ids.filtered(
            lambda e: e.evaluation_type == "customer"
        )
        self.assertTrue(form.line_ids)
        form.with_user(self.hr1).action_send_customer_link()
        self.assertTrue(form.access_token)
        url = f"/bizreg/appraisal/evaluation/{form.id}"
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(url).status_code, 404)
            self.assertEqual(
                self.url_open(f"{url}?access_token=wrong-token").status_code, 404
            )
        page = self.url_open(f"{url}?access_token={form.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.emp1.name, page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {
            "csrf_token": csrf,
            "access_token": form.access_token,
            "comment": "Very helpful",
        }
        # An incomplete answer is refused and stores nothing.
        response = self.url_open(url, data=data)
        self.assertEqual(response.status_code, 200)
        form.invalidate_recordset()
        self.assertEqual(form.state, "draft")
        data.update({f"score_{line.id}": "5" for line in form.line_ids})
        response = self.url_open(url, data=data)
        self.assertEqual(response.status_code, 200)
        form.invalidate_recordset()
        self.assertEqual(form.state, "submitted")
        self.assertEqual(set(form.line_ids.mapped("score")), {5})
        self.assertEqual(form.score, 100.0)
        self.assertEqual(form.comment, "Very helpful")
        # A second submission changes nothing.
        data.update({f"score_{line.id}": "1" for line in form.line_ids})
        self.url_open(url, data=data)
        form.invalidate_recordset()
        self.assertEqual(set(form.line_ids.mapped("score")), {5})
