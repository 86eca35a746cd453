# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import BizregBaseCommon


@tagged("post_install", "-at_install")
class TestHttpBypass(BizregBaseCommon, HttpCase):
    """Bypass attempts of a requester over /web/dataset/call_kw."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mk_user.password = "t_mk_user_pw"

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        )

    def test_requester_cannot_bypass_over_rpc(self):
        self._definition()
        request = self._submit(self._new_request())
        self.authenticate("t_mk_user", "t_mk_user_pw")
        attempts = [
            ("bizreg.test.request", "write", [[request.id], {"state": "approved"}], {}),
            (
                "bizreg.test.request",
                "write",
                [[request.id], {"state": "approved"}],
                {
                    "context": {
                        "skip_validation_check": True,
                        "skip_check_state_condition": True,
                    }
                },
            ),
            ("bizreg.test.request", "action_approve", [[request.id]], {}),
            (
                "bizreg.test.request",
                "action_approve",
                [[request.id]],
                {"context": {"skip_validation_check": True}},
            ),
            (
                "tier.review",
                "write",
                [request.review_ids.ids, {"status": "approved"}],
                {},
            ),
            ("bizreg.test.request", "validate_tier", [[request.id]], {}),
            ("bizreg.test.request", "unlink", [[request.id]], {}),
        ]
        for model, method, args, kwargs in attempts:
            with self.subTest(method=method, kwargs=kwargs), mute_logger("odoo.http"):
                with self.assertRaises(JsonRpcException) as caught:
                    self._call(model, method, args, kwargs)
                self.assertIn(
                    caught.exception.args[0]
                    if caught.exception.args
                    else str(caught.exception),
                    (
                        "odoo.exceptions.UserError",
                        "odoo.exceptions.AccessError",
                        "odoo.exceptions.ValidationError",
                    ),
                )
        request.invalidate_recordset()
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.validation_status, "pending")
        self.assertEqual(request.review_ids.status, "pending")
        self.assertTrue(request.exists())
        # The reviewer's legitimate approval over RPC works.
        self.legal1.password = "t_legal1_pw"
        self.authenticate("t_legal1", "t_legal1_pw")
        self._call("bizreg.test.request", "validate_tier", [[request.id]])
        request.invalidate_recordset()
        self.assertEqual(request.validation_status, "validated")
