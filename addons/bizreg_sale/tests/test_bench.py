# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark: confirming reviewed and signed contracts vs Odoo's own
``action_confirm``.  Not part of the normal run (tag ``-standard``); run it with

    python3 -m odoo -c CONF -d DB -u bizreg_sale --test-enable \
        --test-tags bizreg_bench/bizreg_sale:TestBenchSaleConfirm --stop-after-init

(``BIZREG_BENCH_N`` quotations per run, default 1000; ``BIZREG_BENCH_N20`` for
the run with 20 approval rules, default the same).  It prints the query count
and time per confirmation and the ratio to the baseline.
"""

import logging
import os
import statistics
import time

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tools import trusted
from odoo.addons.sale.models.sale_order import SaleOrder as OdooSaleOrder

from .common import BizregSaleCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "bizreg_bench", "-standard")
class TestBenchSaleConfirm(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()
        cls.definitions.active = False
        cls.attachment = cls.env["ir.attachment"].create(
            {"name": "signed.pdf", "raw": b"%PDF-1.4 bench"}
        )

    def _quotations(self, count, ref):
        return self.env["sale.order"].create(
            [
                {
                    "partner_id": self.partner.id,
                    "user_id": self.salesman.id,
                    "client_order_ref": ref,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 2,
                                "price_unit": 900,
                            }
                        )
                    ],
                }
                for _i in range(count)
            ]
        )

    def _sign_all(self, orders):
        orders.write(
            {
                "bizreg_signed_date": fields.Date.today(),
                "bizreg_customer_signatory": "Bench Customer",
                "bizreg_company_signatory_id": self.salesman.id,
                "bizreg_seal_done": True,
                "bizreg_signed_attachment_ids": [Command.set(self.attachment.ids)],
            }
        )

    def _measure(self, order, confirm):
        self.env.flush_all()
        self.env.invalidate_all()
        count = self.env.cr.sql_log_count
        start = time.perf_counter()
        confirm(order)
        self.env.flush_all()
        return time.perf_counter() - start, self.env.cr.sql_log_count - count

    def _run(self, count, n_definitions):
        definitions = self.env["tier.definition"].create(
            [
                {
                    "name": f"Bench step {index}",
                    "model_id": self.env["ir.model"]._get_id("sale.order"),
                    "review_type": "group",
                    "reviewer_group_id": self.env.ref(
                        "bizreg_base.group_bizreg_legal"
                    ).id,
                    "definition_domain": "[('client_order_ref', '=', 'BENCH')]",
                    "sequence": 30,
                }
                for index in range(n_definitions)
            ]
        )
        started = time.perf_counter()
        reviewed = self._quotations(count, "BENCH")
        plain = self._quotations(count, "PLAIN")
        reviewed.with_user(self.salesman).request_validation()
        # Pass the reviews in bulk through the engine, as the Legal reviewer:
        # the benchmark measures the confirmation, not the reviews.
        with trusted("review"):
            reviewed.review_ids.with_user(self.legal).write(
                {"status": "approved", "reviewed_date": fields.Datetime.now()}
            )
        self._sign_all(reviewed | plain)
        assert set(reviewed.mapped("validation_status")) == {"validated"}
        assert set(plain.mapped("validation_status")) == {"no"}
        generated = time.perf_counter() - started
        bizreg_times, bizreg_queries, base_times, base_queries = [], [], [], []
        Order = self.env["sale.order"].with_user(self.salesman)
        for order_r, order_p in zip(reviewed, plain, strict=True):
            # One record per call, as the web client confirms (no prefetch of
            # the whole batch).
            elapsed, queries = self._measure(
                Order.browse(order_r.id), lambda o: o.action_confirm()
            )
            bizreg_times.append(elapsed)
            bizreg_queries.append(queries)
            elapsed, queries = self._measure(
                Order.browse(order_p.id), OdooSaleOrder.action_confirm
            )
            base_times.append(elapsed)
            base_queries.append(queries)
        assert set((reviewed | plain).mapped("state")) == {"sale"}
        figures = {
            "definitions": n_definitions,
            "orders": count,
            "generation_s": round(generated, 1),
            "bizreg_ms": round(statistics.mean(bizreg_times) * 1000, 2),
            "bizreg_median_ms": round(statistics.median(bizreg_times) * 1000, 2),
            "base_ms": round(statistics.mean(base_times) * 1000, 2),
            "base_median_ms": round(statistics.median(base_times) * 1000, 2),
            "bizreg_queries": round(statistics.mean(bizreg_queries), 2),
            "base_queries": round(statistics.mean(base_queries), 2),
        }
        figures["time_ratio"] = round(figures["bizreg_ms"] / figures["base_ms"], 2)
        figures["query_ratio"] = round(
            figures["bizreg_queries"] / figures["base_queries"], 2
        )
        line = "BENCH bizreg_sale confirm: " + ", ".join(
            f"{k}={v}" for k, v in figures.items()
        )
        _logger.info(line)
        definitions.active = False
        return figures

    def test_bench_confirm(self):
        count = int(os.environ.get("BIZREG_BENCH_N", "1000"))
        count20 = int(os.environ.get("BIZREG_BENCH_N20", str(count)))
        three = self._run(count, 3)
        twenty = self._run(count20, 20)
        line = (
            f"BENCH bizreg_sale: queries per confirmation with 3 rules "
            f"{three['bizreg_queries']}, with 20 rules {twenty['bizreg_queries']}"
        )
        _logger.info(line)
