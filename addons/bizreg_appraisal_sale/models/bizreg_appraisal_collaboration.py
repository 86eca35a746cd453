# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

REVIEWED = ("approved", "rejected")


class BizregAppraisalCollaboration(models.AbstractModel):
    """Collaboration source "contract_reviews": the salesperson of a contract
    and the reviewers (legal, finance, risk, director) who reviewed it."""

    _inherit = "bizreg.appraisal.collaboration"

    @api.model
    def _bizreg_collaboration_sources(self):
        sources = super()._bizreg_collaboration_sources()
        sources["contract_reviews"] = self.env._("Contract reviews")
        return sources

    @api.model
    def _bizreg_collaboration_contract_reviews(
        self, employees, date_from, date_to, company=None
    ):
        """Orders confirmed in the period (``date_order``, as the sales KPIs),
        shared by their salesperson with every user who approved or rejected
        one of their review steps (``tier.review``: ``done_by`` and, on
        countersign steps, every approver).

        Only orders an appraised employee sold or reviewed are read.  Four
        queries whatever the number of employees and orders.
        """
        user_ids = self._bizreg_user_ids(employees)
        if not user_ids:
            return {emp_id: {} for emp_id in employees.ids}
        start, end = self._bizreg_period(employees, date_from, date_to, company)
        orders = (
            self.env["sale.order"]
            .sudo()
            .search_fetch(
                [
                    ("state", "=", "sale"),
                    ("date_order", ">=", start),
                    ("date_order", "<", end),
                    ("user_id", "!=", False),
                    "|",
                    ("user_id", "in", user_ids),
                    (
                        "review_ids",
                        "any",
                        [
                            ("status", "in", REVIEWED),
                            "|",
                            ("done_by", "in", user_ids),
                            ("bizreg_approver_ids", "in", user_ids),
                        ],
                    ),
                ],
                ["user_id"],
            )
        )
        reviewers = {order.id: set() for order in orders}
        if orders:
            for review in (
                self.env["tier.review"]
                .sudo()
                .with_context(active_test=False)
                .search_fetch(
                    [
                        ("model", "=", "sale.order"),
                        ("res_id", "in", orders.ids),
                        ("status", "in", REVIEWED),
                    ],
                    ["res_id", "done_by", "bizreg_approver_ids"],
                )
            ):
                reviewers[review.res_id].update(
                    (review.done_by | review.bizreg_approver_ids).ids
                )
        return self._bizreg_shared_records(
            employees,
            ((order.user_id.id, reviewers[order.id]) for order in orders),
        )
