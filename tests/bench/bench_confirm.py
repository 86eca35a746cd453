# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Confirming sales orders: on A reviewed and signed contracts (bizreg's
``action_confirm``), on B plain quotations of the same lines (Odoo's).

Per side: ``ORDERS`` quotations (+ ``WARMUP`` confirmed first, unmeasured),
confirmed one at a time (the web client's way: one record per call, caches
cleared) and all in one call, each inside a savepoint rolled back afterwards;
on A again with ``EXTRA`` more tier definitions and hand-off rules in the
database (they do not apply to these orders: the cost must not grow with the
configuration).  Tracking is on, as for a user.
"""

import base64
import os

from benchlib import measure, median, profile, query_log, savepoint

from odoo import Command

ORDERS = int(os.environ.get("BIZREG_BENCH_ORDERS", "100"))
WARMUP = 5
BATCH_ROUNDS = 3
EXTRA = int(os.environ.get("BIZREG_BENCH_EXTRA_RULES", "20"))
PRICE, QTY = 1000.0, 1.0


def _quotations(env, user, partner, product, count):
    return (
        env["sale.order"]
        .with_user(user)
        .create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": QTY,
                                "price_unit": PRICE,
                            }
                        )
                    ],
                }
                for _i in range(count)
            ]
        )
    )


def _confirm_figures(env, user, orders):
    """One at a time, then in one call: medians per order."""
    Order = env["sale.order"].with_user(user)
    warm, orders = orders[:WARMUP], orders[WARMUP:]
    single_t, single_q = [], []
    with savepoint(env, "bench_single"):
        for order in warm:
            measure(env, Order.browse(order.id).action_confirm)
        for order in orders:
            seconds, queries, _r = measure(env, Order.browse(order.id).action_confirm)
            single_t.append(seconds)
            single_q.append(queries)
        assert set(orders.mapped("state")) == {"sale"}, orders.mapped("state")
    batch_t, batch_q = [], []
    for _round in range(BATCH_ROUNDS):
        with savepoint(env, "bench_batch"):
            seconds, queries, _r = measure(env, Order.browse(orders.ids).action_confirm)
            batch_t.append(seconds / len(orders))
            batch_q.append(queries / len(orders))
    return {
        "orders": len(orders),
        "single_ms": round(median(single_t) * 1000, 2),
        "single_mean_ms": round(sum(single_t) / len(single_t) * 1000, 2),
        "single_queries": median(single_q),
        "batch_ms": round(median(batch_t) * 1000, 2),
        "batch_queries": round(median(batch_q), 2),
    }


def _consumers(env, user, orders):
    Order = env["sale.order"].with_user(user)
    with savepoint(env, "bench_sql"):
        sql = query_log(env, Order.browse(orders[-1].id).action_confirm)
    with savepoint(env, "bench_profile"):
        mine, own = profile(
            lambda: [
                (
                    Order.browse(o.id).action_confirm(),
                    env.flush_all(),
                    env.invalidate_all(),
                )
                for o in orders[-21:-1]
            ]
        )
    return {
        "sql_one_confirm": [f"{n:3d} {k}" for n, k in sql[:25]],
        "profile_20_confirms_bizreg_cumulative": mine,
        "profile_20_confirms_own_time": own,
    }


# ---------------------------------------------------------------- A: bizreg


def _user(env, login, groups, department=None):
    """An internal user in ``groups`` (XML ids), with an employee in
    ``department`` (the department record rules read it)."""
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": login.replace("_", " ").title(),
                "login": login,
                "email": f"{login}@example.com",
                "groups_id": [
                    Command.set([env.ref(g).id for g in ["base.group_user", *groups]])
                ],
            }
        )
    )
    if department:
        env["hr.employee"].create(
            {"name": user.name, "user_id": user.id, "department_id": department.id}
        )
    return user


class Setup:
    """Users of the contract review, a customer and a product (as the module
    tests set them up, without importing the test framework)."""

    def __init__(self, env):
        self.env = env
        env.company.bizreg_sale_require_signing = True
        department = env["hr.department"].create(
            {
                "name": "Bench Sales",
                "bizreg_area_id": env.ref("bizreg_base.bizreg_area_sale").id,
                "bizreg_code": "BS",
            }
        )
        group = "bizreg_base.group_bizreg_"
        sale = "bizreg_sale.group_bizreg_"
        self.salesman = _user(env, "bench_xs", [f"{sale}sale_user"], department)
        self.manager = _user(env, "bench_mgr", [f"{sale}sale_manager"], department)
        self.legal = _user(env, "bench_legal", [f"{group}legal"])
        self.finance = _user(env, "bench_finance", [f"{group}finance"])
        self.risk = _user(env, "bench_risk", [f"{group}risk"])
        self.director = _user(env, "bench_director", [f"{group}director"])
        self.partner = env["res.partner"].create(
            {"name": "Test Customer Co.", "is_company": True}
        )
        self.product = env["product.product"].create(
            {
                "name": "Test Machine",
                "list_price": 1000.0,
                "standard_price": 500.0,
                "type": "consu",
            }
        )

    def approve(self, order, user):
        """``validate_tier`` as the reviewer, with the comment it asks for."""
        action = order.with_user(user).validate_tier()
        if isinstance(action, dict) and action.get("res_model") == "comment.wizard":
            self.env["comment.wizard"].with_user(user).with_context(
                **action["context"]
            ).create({"comment": "Bench: no objection."}).add_comment()
        order.invalidate_recordset()

    def sign(self, order):
        """The signing wizard, as the salesperson."""
        wizard = (
            self.env["bizreg.sale.signing.wizard"]
            .with_user(self.salesman)
            .create(
                {
                    "order_id": order.id,
                    "customer_signatory": "Mr. Customer",
                    "company_signatory_id": self.salesman.id,
                    "seal_done": True,
                    "signed_copy": base64.b64encode(b"%PDF-1.4 signed"),
                    "signed_copy_name": "signed.pdf",
                }
            )
        )
        wizard.action_record()
        order.invalidate_recordset()


def _approve_all(setup, orders):
    reviewers = (setup.legal, setup.finance, setup.risk, setup.manager, setup.director)
    for order in orders:
        for _round in range(6):
            if order.validation_status == "validated":
                break
            for reviewer in reviewers:
                if order.with_user(reviewer).can_review:
                    setup.approve(order, reviewer)
        assert order.validation_status == "validated", (
            order.name,
            order.validation_status,
            order.review_ids.mapped(lambda r: (r.name, r.status)),
        )


def _extra_definitions(env, setup):
    env["tier.definition"].create(
        [
            {
                "name": f"Bench rule {index}",
                "model_id": env["ir.model"]._get_id("sale.order"),
                "review_type": "group",
                "reviewer_group_id": env.ref("bizreg_base.group_bizreg_legal").id,
                "definition_domain": "[('client_order_ref', '=', 'NO-MATCH')]",
                "sequence": 30,
            }
            for index in range(EXTRA)
        ]
    )


def _extra_handoffs(env, setup):
    category = env["product.category"].create({"name": "Bench other category"})
    env["bizreg.sale.handoff.rule"].create(
        [
            {
                "name": f"Bench hand-off {index}",
                "handoff_type": "other",
                "categ_ids": [Command.set(category.ids)],
                "user_id": setup.manager.id,
            }
            for index in range(EXTRA)
        ]
    )


def run_a(env):
    setup = Setup(env)
    orders = _quotations(
        env, setup.salesman, setup.partner, setup.product, ORDERS + WARMUP
    )
    for order in orders:
        order.request_validation()
    _approve_all(setup, orders)
    for order in orders:
        setup.sign(order)
    env.flush_all()
    out = {"default": _confirm_figures(env, setup.salesman, orders)}
    out["reviews_per_order"] = len(orders[0].review_ids)
    # The same with EXTRA tier definitions and/or hand-off rules that do not
    # apply to these orders.
    for variant, adders in (
        ("extra_definitions", [_extra_definitions]),
        ("extra_handoffs", [_extra_handoffs]),
        ("extra", [_extra_definitions, _extra_handoffs]),
    ):
        with savepoint(env, "bench_extra"):
            for add in adders:
                add(env, setup)
            out[variant] = _confirm_figures(env, setup.salesman, orders)
            out[variant]["definitions"] = env["tier.definition"].search_count(
                [("model", "=", "sale.order")]
            )
            out[variant]["handoff_rules"] = env[
                "bizreg.sale.handoff.rule"
            ].search_count([])
    out["consumers"] = _consumers(env, setup.salesman, orders)
    return out


# ----------------------------------------------------------- B: plain Odoo


def run_b(env):
    salesman = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench Salesman",
                "login": "bench_salesman",
                "email": "bench_salesman@example.com",
                "groups_id": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("sales_team.group_sale_salesman").id,
                        ]
                    )
                ],
            }
        )
    )
    partner = env["res.partner"].create(
        {"name": "Test Customer Co.", "is_company": True}
    )
    product = env["product.product"].create(
        {
            "name": "Test Machine",
            "list_price": 1000.0,
            "standard_price": 500.0,
            "type": "consu",
        }
    )
    orders = _quotations(env, salesman, partner, product, ORDERS + WARMUP)
    env.flush_all()
    out = {"default": _confirm_figures(env, salesman, orders)}
    out["consumers"] = _consumers(env, salesman, orders)
    return out
