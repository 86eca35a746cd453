# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..plan_demo_builder import plan_flow

# Plan states in which the activities and budget are still being planned.
PLANNING_STATES = ("draft", "to_approve", "approved")


class BizregMarketingPlan(models.Model):
    """A marketing plan (营销策划方案) for a target market: activities of three
    kinds with their budget lines, approved by budget before execution.

    draft → to_approve → approved → (Start Execution, the guarded action)
    running → done; cancel.  The approved terms are the plan's fields, every
    activity and every budget line: a change after approval sends the plan
    back to review; once running, the terms change only through an amendment
    (a plan revision)."""

    _name = "bizreg.marketing.plan"
    _description = "Marketing Plan"
    _bizreg_number_in_name = True
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_start desc, id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _state_from = ["draft", "to_approve", "approved"]
    _state_to = ["running", "done"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "to_approve", "approved")
    # a rejected plan stays under review: its author revises and resubmits it
    _bizreg_rejected_to_draft = False

    name = fields.Char(string="Plan Name", required=True, tracking=True)
    segment_id = fields.Many2one(
        "bizreg.marketing.segment",
        string="Target Market",
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    objective = fields.Text(help="What the plan must achieve in the target market.")
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Under Review"),
            ("approved", "Approved"),
            ("running", "In Execution"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    marketing_activity_ids = fields.One2many(
        "bizreg.marketing.activity",
        "plan_id",
        string="Marketing Activities",
        copy=True,
    )
    budget_line_ids = fields.One2many(
        "bizreg.marketing.budget.line", "plan_id", string="Budget Lines"
    )
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    budget_total = fields.Monetary(
        string="Budget",
        compute="_compute_amounts",
        store=True,
        tracking=True,
        help="Sum of the budget lines of the activities (company currency).",
    )
    cost_total = fields.Monetary(
        string="Actual Cost", compute="_compute_amounts", store=True
    )
    variance = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        help="Budget minus actual cost: negative when the plan overspends.",
    )
    target_participants = fields.Integer(help="People the activities should reach.")
    target_leads = fields.Integer()
    target_revenue = fields.Monetary(help="Untaxed revenue of confirmed orders.")
    marketing_activity_count = fields.Integer(
        compute="_compute_marketing_activity_count"
    )
    # Effect (live, computed for the whole recordset in a constant number of
    # queries)
    effect_participants = fields.Integer(
        string="Participants", compute="_compute_effect"
    )
    effect_leads = fields.Integer(string="Leads", compute="_compute_effect")
    effect_opportunities = fields.Integer(
        string="Opportunities", compute="_compute_effect"
    )
    effect_won = fields.Integer(string="Won Opportunities", compute="_compute_effect")
    effect_conversion = fields.Float(
        string="Conversion Rate (%)", compute="_compute_effect"
    )
    effect_revenue = fields.Monetary(string="Revenue", compute="_compute_effect")
    effect_cost_per_lead = fields.Monetary(
        string="Cost per Lead", compute="_compute_effect"
    )
    effect_return = fields.Float(
        string="Return on Budget (%)",
        compute="_compute_effect",
        help="(Revenue - actual cost) / actual cost.",
    )

    # ------------------------------------------------------------------
    # Constraints and computes
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for plan in self:
            if plan.date_start and plan.date_end and plan.date_end < plan.date_start:
                raise ValidationError(
                    self.env._(
                        "The “End Date” of plan “%s” is before its start date.",
                        plan.name,
                    )
                )

    @api.constrains("target_participants", "target_leads", "target_revenue")
    def _check_targets(self):
        for plan in self:
            for name in ("target_participants", "target_leads", "target_revenue"):
                if plan[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "“%s” cannot be negative.",
                            plan._fields[name]._description_string(self.env),
                        )
                    )

    @api.depends(
        "marketing_activity_ids.budget_line_ids.amount",
        "marketing_activity_ids.budget_line_ids.amount_actual",
    )
    def _compute_amounts(self):
        for plan in self:
            lines = plan.marketing_activity_ids.budget_line_ids
            plan.budget_total = sum(lines.mapped("amount"))
            plan.cost_total = sum(lines.mapped("amount_actual"))
            plan.variance = plan.budget_total - plan.cost_total

    def _compute_marketing_activity_count(self):
        counts = dict(
            self.env["bizreg.marketing.activity"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.marketing_activity_count = counts.get(plan, 0)

    def _compute_effect(self):
        figures = self._effect()
        for plan in self:
            values = figures.get(plan.id, {})
            plan.effect_participants = values.get("participants", 0)
            plan.effect_leads = values.get("leads", 0)
            plan.effect_opportunities = values.get("opportunities", 0)
            plan.effect_won = values.get("won", 0)
            plan.effect_conversion = values.get("conversion", 0.0)
            plan.effect_revenue = values.get("revenue", 0.0)
            plan.effect_cost_per_lead = values.get("cost_per_lead", 0.0)
            plan.effect_return = values.get("return", 0.0)

    def _effect(self):
        """``{plan id: figures}`` summed over the plans' activities (see
        :meth:`bizreg.marketing.activity._effect_raw`), in a constant
        number of queries."""
        plans = self.filtered("id")
        activities = (
            self.env["bizreg.marketing.activity"]
            .sudo()
            .search([("plan_id", "in", plans.ids)])
        )
        raw = activities._effect_raw()
        result = {}
        Activity = self.env["bizreg.marketing.activity"]
        by_plan = activities.grouped("plan_id")
        for plan in plans:
            totals = dict.fromkeys(
                ("participants", "leads", "opportunities", "won", "revenue", "cost"), 0
            )
            for activity in by_plan.get(plan, Activity):
                for key, value in raw.get(activity.id, {}).items():
                    totals[key] += value
            result[plan.id] = Activity._effect_ratios(totals)
        return result

    # ------------------------------------------------------------------
    # Approved terms
    # ------------------------------------------------------------------
    def _bizreg_terms(self):
        """The plan's fields, every activity (kind, theme, form, dates, place,
        participants, departments) and every budget line (name, category,
        amount)."""
        terms = super()._bizreg_terms()
        activities = self.marketing_activity_ids.sorted("id")
        terms["activities"] = [
            {
                "id": activity.id,
                "kind": activity.kind,
                "theme": activity.theme,
                "form": activity.form or "",
                "date_start": str(activity.date_start or ""),
                "date_end": str(activity.date_end or ""),
                "place": activity.place or "",
                "employees": sorted(activity.employee_ids.ids),
                "departments": sorted(activity.department_ids.ids),
                "lines": [
                    {
                        "id": line.id,
                        "name": line.name,
                        "category": line.category,
                        "amount": round(line.amount, 2),
                    }
                    for line in activity.budget_line_ids.sorted("id")
                ],
            }
            for activity in activities
        ]
        return terms

    def _bizreg_terms_snapshot(self):
        snapshot = super()._bizreg_terms_snapshot()
        kinds = dict(
            self.env["bizreg.marketing.activity"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        categories = dict(
            self.env["bizreg.marketing.budget.line"]
            ._fields["category"]
            ._description_selection(self.env)
        )
        lines = {}
        for activity in self.marketing_activity_ids.sorted("id"):
            lines[f"activity-{activity.id}"] = (
                f"{kinds.get(activity.kind, '')} · {activity.theme} · "
                f"{activity.form or ''} · {activity.date_start or ''}–"
                f"{activity.date_end or ''} · {activity.place or ''} · "
                f"{', '.join(activity.employee_ids.mapped('name'))} · "
                f"{', '.join(activity.department_ids.mapped('name'))}"
            )
            for line in activity.budget_line_ids.sorted("id"):
                lines[f"line-{line.id}"] = (
                    f"{activity.theme} / {line.name} "
                    f"({categories.get(line.category, '')}): "
                    f"{line.amount:.2f}"
                )
        snapshot["lines"] = lines
        return snapshot

    def _bizreg_amendment_amount(self):
        self.ensure_one()
        return self.budget_total

    @api.model
    def _bizreg_engine_fields(self):
        # written by the plan's own code while the plan is under review or
        # approved (state changes, amounts following the lines)
        return super()._bizreg_engine_fields() + [
            "state",
            "budget_total",
            "cost_total",
            "variance",
        ]

    def _check_terms_editable(self):
        """The activities and budget of a plan under review cannot change
        (the reviewers decide on what was submitted)."""
        if self.env.su:
            return
        locked = self.filtered(
            lambda p: (
                p.state == "to_approve"
                and p.validation_status in ("waiting", "pending")
            )
        )
        if locked:
            raise UserError(
                self.env._(
                    "Plan “%s” is under review: its activities and budget cannot "
                    "change now.",
                    locked[0].display_name,
                )
            )
        closed = self.filtered(lambda p: p.state in ("done", "cancel"))
        if closed:
            raise UserError(
                self.env._(
                    "Plan “%s” is closed: its activities and budget cannot change.",
                    closed[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def unlink(self):
        if any(plan.state not in ("draft", "cancel") for plan in self):
            raise UserError(
                self.env._("Only draft or cancelled marketing plans can be deleted.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Draft → under review: the reviews of the budget's approval chain."""
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        for plan in self:
            if not plan.marketing_activity_ids:
                raise UserError(
                    self.env._(
                        "Plan “%s” has no activity: plan its activities and their "
                        "budget first.",
                        plan.display_name,
                    )
                )

    def action_draft(self):
        """Back to draft after a rejection or a cancellation."""
        return self._bizreg_reset_to_draft()

    def action_start_execution(self):
        """Approved → running (the guarded action): each activity opens as a
        UTM campaign, so that leads, opportunities and orders carry it."""
        self.check_access("write")
        self._bizreg_check_state(["approved"])
        self.invalidate_recordset(["need_validation"])
        self._bizreg_check_approved()
        for plan in self:
            plan.marketing_activity_ids.filtered(
                lambda a: a.state != "cancel"
            )._open_campaigns()
        self._bizreg_set_state("running")
        return True

    def action_done(self):
        self.check_access("write")
        self._bizreg_check_state(["running"])
        for plan in self:
            open_activities = plan.marketing_activity_ids.filtered(
                lambda a: a.state not in ("done", "cancel")
            )
            if open_activities:
                raise UserError(
                    self.env._(
                        "Activity “%(activity)s” of plan “%(plan)s” is not done "
                        "or cancelled yet.",
                        activity=open_activities[0].theme,
                        plan=plan.display_name,
                    )
                )
        self._bizreg_set_state("done")
        return True

    def action_cancel(self):
        self.check_access("write")
        self._bizreg_check_state(["draft", "to_approve", "approved"])
        self.filtered("review_ids").restart_validation()
        self._bizreg_set_state("cancel")
        return True

    def action_view_activities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_marketing.bizreg_marketing_activity_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def action_print_effect(self):
        return self.env.ref(
            "bizreg_marketing.action_report_bizreg_marketing_plan_effect"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _demo_plan_flow(self, plan_xmlid):
        """Called by the demo data: see :func:`..plan_demo_builder.plan_flow`."""
        return plan_flow(self.env, plan_xmlid)
