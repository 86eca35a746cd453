# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestHttpConfirm(BizregSaleCommon, HttpCase):
    """Confirmation attempts of a salesperson over /web/dataset/call_kw."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()
        cls.salesman.password = "t_xs1_password"

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _assert_refused(self, attempts):
        for model, method, args, kwargs in attempts:
            with (
                self.subTest(method=method, args=args, kwargs=kwargs),
                mute_logger("odoo.http"),
            ):
                with self.assertRaises(JsonRpcException) as caught:
                    self._call(model, method, args, kwargs)
                self.assertIn(
                    caught.exception.args[0],
                    (
                        "odoo.exceptions.UserError",
                        "odoo.exceptions.AccessError",
                        "odoo.exceptions.ValidationError",
                    ),
                )

    def test_confirmation_refused_over_rpc(self):
        order = self._quotation()
        self.authenticate("t_xs1", "t_xs1_password")
        bypass = {
            "context": {
                "skip_validation_check": True,
                "skip_check_state_condition": True,
            }
        }
        self._assert_refused(
            [
                ("sale.order", "action_confirm", [[order.id]], {}),
                ("sale.order", "write", [[order.id], {"state": "sale"}], {}),
                ("sale.order", "write", [[order.id], {"state": "sale"}], bypass),
                (
                    "sale.order",
                    "create",
                    [{"partner_id": self.partner.id, "state": "sale"}],
                    {},
                ),
            ]
        )
        self._call("sale.order", "request_validation", [[order.id]])
        order.invalidate_recordset()
        self.assertEqual(order.validation_status, "pending")
        self._assert_refused(
            [
                ("sale.order", "action_confirm", [[order.id]], {}),
                ("sale.order", "write", [[order.id], {"state": "sale"}], bypass),
                ("sale.order", "validate_tier", [[order.id]], {}),
                (
                    "tier.review",
                    "write",
                    [order.review_ids.ids, {"status": "approved"}],
                    {},
                ),
                (
                    "sale.order.line",
                    "write",
                    [order.order_line.ids, {"price_unit": 1}],
                    {},
                ),
                ("sale.order", "write", [[order.id], {"bizreg_seal_done": True}], {}),
            ]
        )
        self._countersign(order)
        self.assertEqual(order.validation_status, "validated")
        # Approved but not signed yet.
        self._assert_refused(
            [
                ("sale.order", "action_confirm", [[order.id]], {}),
                ("sale.order", "write", [[order.id], {"state": "sale"}], bypass),
            ]
        )
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self._sign(order)
        self._call("sale.order", "action_confirm", [[order.id]])
        order.invalidate_recordset()
        self.assertEqual(order.state, "sale")

    def test_review_record_pdf(self):
        """The contract review record renders as a real PDF (wkhtmltopdf fetches
        its assets from the server, so this runs as an HttpCase)."""
        order = self._submit(self._quotation())
        self._approve(order, self.legal, "Compliant.")
        report = self.env.ref("bizreg_sale.action_report_contract_review")
        pdf, fmt = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, order.ids
        )
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
