# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from odoo import Command

from odoo.addons.bizreg_base.tests.common import bizreg_test_user


class BizregSaleCommon:
    """Users of every role in two sales departments, a customer and products."""

    @classmethod
    def _bizreg_sale_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        cls.company = cls.env.company
        cls.company.bizreg_sale_require_signing = True
        area = ref("bizreg_base.bizreg_area_sale")
        Department = cls.env["hr.department"]
        cls.dept = Department.create(
            {"name": "Test Sales East", "bizreg_area_id": area.id, "bizreg_code": "TE"}
        )
        cls.dept_other = Department.create(
            {"name": "Test Sales West", "bizreg_area_id": area.id, "bizreg_code": "TW"}
        )

        def user(login, groups, department=None):
            return bizreg_test_user(cls.env, login, groups, department)

        cls.salesman = user("t_xs1", ["bizreg_sale.group_bizreg_sale_user"], cls.dept)
        cls.salesman2 = user("t_xs2", ["bizreg_sale.group_bizreg_sale_user"], cls.dept)
        cls.salesman_west = user(
            "t_xs3", ["bizreg_sale.group_bizreg_sale_user"], cls.dept_other
        )
        cls.manager = user(
            "t_xs_mgr", ["bizreg_sale.group_bizreg_sale_manager"], cls.dept
        )
        cls.director = user("t_director", ["bizreg_base.group_bizreg_director"])
        cls.legal = user("t_legal", ["bizreg_base.group_bizreg_legal"])
        cls.finance = user("t_finance", ["bizreg_base.group_bizreg_finance"])
        cls.risk = user("t_risk", ["bizreg_base.group_bizreg_risk"])
        cls.auditor = user("t_auditor", ["bizreg_base.group_bizreg_auditor"])
        cls.partner = cls.env["res.partner"].create(
            {"name": "Test Customer Co.", "is_company": True}
        )
        cls.partner2 = cls.env["res.partner"].create(
            {"name": "Second Customer Co.", "is_company": True}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Test Machine",
                "list_price": 1000.0,
                "standard_price": 500.0,
                "type": "consu",
            }
        )
        cls.definitions = cls.env["tier.definition"].search(
            [("model", "=", "sale.order")]
        )

    # Helpers ----------------------------------------------------------------
    def _quotation(self, user=None, price=1000.0, qty=1.0, discount=0.0, partner=None):
        user = user or self.salesman
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": (partner or self.partner).id,
                    "user_id": user.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                                "discount": discount,
                            }
                        )
                    ],
                }
            )
        )

    def _submit(self, order):
        order.request_validation()
        order.invalidate_recordset()
        return order

    def _approve(self, order, user, comment="No objection."):
        action = order.with_user(user).validate_tier()
        if isinstance(action, dict) and action.get("res_model") == "comment.wizard":
            wizard = (
                self.env["comment.wizard"]
                .with_user(user)
                .with_context(**action["context"])
                .create({"comment": comment})
            )
            wizard.add_comment()
        order.invalidate_recordset()

    def _reject(self, order, user, reason):
        action = order.with_user(user).reject_tier()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"comment": reason})
        )
        wizard.add_comment()
        order.invalidate_recordset()

    def _countersign(self, order):
        for reviewer in (self.legal, self.finance, self.risk):
            self._approve(order, reviewer)

    def _sign(self, order, user=None):
        user = user or order.user_id
        wizard = (
            self.env["bizreg.sale.signing.wizard"]
            .with_user(user)
            .create(
                {
                    "order_id": order.id,
                    "customer_signatory": "Mr. Customer",
                    "company_signatory_id": user.id,
                    "seal_done": True,
                    "signed_copy": base64.b64encode(b"%PDF-1.4 signed"),
                    "signed_copy_name": "signed.pdf",
                }
            )
        )
        wizard.action_record()
        order.invalidate_recordset()

    def _confirmed(self, user=None, **kwargs):
        order = self._submit(self._quotation(user, **kwargs))
        self._countersign(order)
        self._sign(order)
        order.with_user(order.user_id).action_confirm()
        return order

    def _plain_confirmed(self, user, partner, price=1000.0):
        """A confirmed order without contract review (for tests that switched
        the review rules and the signing requirement off)."""
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "price_unit": price})
                ],
            }
        )
        order.action_confirm()
        return order
