# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ProjectMilestone(models.Model):
    _inherit = "project.milestone"

    bizreg_baseline_date = fields.Date(
        string="Baseline Date",
        readonly=True,
        copy=False,
        help="The milestone's date in the approved plan set (the baseline); "
        "the schedule slip is measured against it.",
    )

    # --- plans: slip against the baseline (bizreg_project_plan) ---------
    bizreg_slip_days = fields.Integer(
        string="Slip (Days)",
        compute="_compute_bizreg_slip_days",
        help="Days the milestone is late against its baseline date (its deadline "
        "without a baseline): reached date, else today, minus the baseline "
        "date; 0 when on time.",
    )
    bizreg_on_time = fields.Boolean(
        string="Reached on Time",
        compute="_compute_bizreg_on_time",
        store=True,
        help="Reached by its baseline date (its deadline without a baseline).",
    )

    def _compute_bizreg_slip_days(self):
        today = fields.Date.context_today(self)
        for milestone in self:
            reference = milestone.bizreg_baseline_date or milestone.deadline
            seen = (
                milestone.reached_date
                if milestone.is_reached and milestone.reached_date
                else today
            )
            milestone.bizreg_slip_days = (
                max((seen - reference).days, 0) if reference else 0
            )

    @api.depends("is_reached", "reached_date", "bizreg_baseline_date", "deadline")
    def _compute_bizreg_on_time(self):
        for milestone in self:
            reference = milestone.bizreg_baseline_date or milestone.deadline
            milestone.bizreg_on_time = bool(
                milestone.is_reached
                and milestone.reached_date
                and reference
                and milestone.reached_date <= reference
            )

    @api.model
    def default_get(self, fields_list):
        """With sales installed, Odoo's sale_project (auto-installed) defaults
        a milestone's sales order item by searching the order lines, which a
        project user without sales rights may not read: creating a milestone
        failed for the project staff. Such a user gets no default sales order
        item (they cannot see one anyway)."""
        if (
            "sale_line_id" in fields_list
            and "sale.order.line" in self.env
            and not self.env["sale.order.line"].has_access("read")
        ):
            fields_list = [name for name in fields_list if name != "sale_line_id"]
        return super().default_get(fields_list)
