# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import period_bounds

# The fields of an activity that are terms of its plan's approval.
TERM_FIELDS = {
    "plan_id",
    "kind",
    "theme",
    "form",
    "date_start",
    "date_end",
    "place",
    "employee_ids",
    "department_ids",
    "budget_line_ids",
}
ACTIVITY_KINDS = [
    ("brand", "Brand Promotion"),
    ("promotion", "Sales Promotion"),
    ("channel", "Channel Building"),
]


class BizregMarketingActivity(models.Model):
    """A marketing activity (营销活动) of a plan: brand promotion, promotion
    or channel building, with its theme, form, dates, place, participants and
    budget lines.  Once the plan runs, it opens as a UTM campaign and moves
    planned → preparing → running → done (on-time tracked)."""

    _name = "bizreg.marketing.activity"
    _description = "Marketing Activity"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start, id"
    _rec_name = "theme"

    plan_id = fields.Many2one(
        "bizreg.marketing.plan",
        string="Marketing Plan",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    kind = fields.Selection(
        ACTIVITY_KINDS, required=True, default="brand", tracking=True
    )
    theme = fields.Char(required=True, tracking=True)
    form = fields.Char(
        help="How the activity is run: exhibition, seminar, online campaign, "
        "discount, distributor meeting..."
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    place = fields.Char(tracking=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        "bizreg_marketing_activity_employee_rel",
        "activity_id",
        "employee_id",
        string="Participants",
        help="Employees taking part in the activity.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        "bizreg_marketing_activity_department_rel",
        "activity_id",
        "department_id",
        string="Participating Departments",
    )
    budget_line_ids = fields.One2many(
        "bizreg.marketing.budget.line", "activity_id", string="Budget Lines", copy=True
    )
    request_ids = fields.One2many(
        "bizreg.marketing.request", "activity_id", string="Resource Requests"
    )
    # owner and department from bizreg.record.mixin; the company is the plan's
    company_id = fields.Many2one(
        related="plan_id.company_id",
        store=True,
        index=True,
        readonly=True,
        required=False,
        default=None,
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    budget_amount = fields.Monetary(
        string="Budget", compute="_compute_amounts", store=True
    )
    cost_amount = fields.Monetary(
        string="Actual Cost", compute="_compute_amounts", store=True
    )
    variance = fields.Monetary(compute="_compute_amounts", store=True)
    campaign_id = fields.Many2one(
        "utm.campaign",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
        help="The UTM campaign opened when the plan's execution started: "
        "leads, opportunities and orders of the activity carry it.",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Feedback Survey",
        copy=False,
        index=True,
        help="The survey that collects the participants' feedback.",
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("preparing", "Preparing"),
            ("running", "Running"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_done = fields.Datetime(string="Completed On", readonly=True, copy=False)
    is_on_time = fields.Boolean(
        string="Completed on Time",
        compute="_compute_is_on_time",
        store=True,
        index=True,
        help="Done by the end date, in the company's time zone.",
    )
    attendee_count = fields.Integer(
        string="Actual Attendees",
        copy=False,
        tracking=True,
        help="People reached by the activity (customers, visitors), entered "
        "at completion.",
    )
    participant_count = fields.Integer(
        string="Participants (people)",
        compute="_compute_participant_count",
        store=True,
        help="Actual attendees plus the employees taking part.",
    )
    color = fields.Integer()
    note = fields.Html()
    survey_answer_count = fields.Integer(
        string="Survey Answers", compute="_compute_survey_stats"
    )
    survey_score = fields.Float(
        string="Average Score (%)", compute="_compute_survey_stats"
    )
    # Effect (live)
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
        string="Return on Budget (%)", compute="_compute_effect"
    )

    # ------------------------------------------------------------------
    # Constraints and computes
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for activity in self:
            if activity.date_end < activity.date_start:
                raise ValidationError(
                    self.env._(
                        "The “End Date” of activity “%s” is before its start date.",
                        activity.theme,
                    )
                )

    @api.constrains("attendee_count")
    def _check_attendee_count(self):
        for activity in self:
            if activity.attendee_count < 0:
                raise ValidationError(
                    self.env._("“Actual Attendees” cannot be negative.")
                )

    @api.depends("budget_line_ids.amount", "budget_line_ids.amount_actual")
    def _compute_amounts(self):
        for activity in self:
            lines = activity.budget_line_ids
            activity.budget_amount = sum(lines.mapped("amount"))
            activity.cost_amount = sum(lines.mapped("amount_actual"))
            activity.variance = activity.budget_amount - activity.cost_amount

    @api.depends("state", "date_done", "date_end", "company_id")
    def _compute_is_on_time(self):
        for activity in self:
            if activity.state != "done" or not activity.date_done:
                activity.is_on_time = False
                continue
            company = activity.company_id or self.env.company
            _start, end = period_bounds(company, activity.date_end, activity.date_end)
            activity.is_on_time = activity.date_done < end

    @api.depends("attendee_count", "employee_ids")
    def _compute_participant_count(self):
        for activity in self:
            activity.participant_count = activity.attendee_count + len(
                activity.employee_ids
            )

    def _compute_survey_stats(self):
        surveys = self.survey_id
        stats = {}
        if surveys:
            for survey, count, score in (
                self.env["survey.user_input"]
                .sudo()
                ._read_group(
                    [("survey_id", "in", surveys.ids), ("state", "=", "done")],
                    ["survey_id"],
                    ["__count", "scoring_percentage:avg"],
                )
            ):
                stats[survey.id] = (count, score or 0.0)
        for activity in self:
            count, score = stats.get(activity.survey_id.id, (0, 0.0))
            activity.survey_answer_count = count
            activity.survey_score = score

    def _compute_effect(self):
        raw = self.filtered("id")._effect_raw()
        for activity in self:
            values = self._effect_ratios(
                raw.get(activity.id, dict.fromkeys(EFFECT_KEYS, 0))
            )
            activity.effect_leads = values["leads"]
            activity.effect_opportunities = values["opportunities"]
            activity.effect_won = values["won"]
            activity.effect_conversion = values["conversion"]
            activity.effect_revenue = values["revenue"]
            activity.effect_cost_per_lead = values["cost_per_lead"]
            activity.effect_return = values["return"]

    # ------------------------------------------------------------------
    # Effect
    # ------------------------------------------------------------------
    def _effect_raw(self):
        """``{activity id: {participants, leads, opportunities, won, revenue,
        cost}}`` for the whole recordset: one grouped query per source
        (leads, orders), whatever the number of activities.

        Leads: every lead and opportunity of the activity's campaign, active
        or not (lost ones included); won: active in a won stage; revenue: the
        untaxed amount of the campaign's confirmed orders."""
        activities = self.sudo()
        result = {
            activity.id: {
                "participants": activity.participant_count,
                "leads": 0,
                "opportunities": 0,
                "won": 0,
                "revenue": 0.0,
                "cost": activity.cost_amount,
            }
            for activity in activities
        }
        by_campaign = defaultdict(list)
        for activity in activities.filtered("campaign_id"):
            by_campaign[activity.campaign_id.id].append(activity.id)
        if not by_campaign:
            return result
        campaign_ids = list(by_campaign)
        groups = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("campaign_id", "in", campaign_ids)],
                ["campaign_id", "type", "active", "stage_id"],
                ["__count"],
            )
        )
        for campaign, lead_type, active, stage, count in groups:
            for activity_id in by_campaign[campaign.id]:
                values = result[activity_id]
                values["leads"] += count
                if lead_type == "opportunity":
                    values["opportunities"] += count
                if active and stage.is_won:
                    values["won"] += count
        # in the order's company currency at the order's rate (as the effect
        # analysis view), not at today's rate of whoever asks
        for campaign, rate, amount in (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", campaign_ids), ("state", "=", "sale")],
                ["campaign_id", "currency_rate"],
                ["amount_untaxed:sum"],
            )
        ):
            amount = amount / (rate or 1.0)
            for activity_id in by_campaign[campaign.id]:
                result[activity_id]["revenue"] += amount
        return result

    @api.model
    def _effect_ratios(self, totals):
        """Add conversion rate, cost per lead and return on budget to raw
        figures."""
        values = dict(totals)
        leads, cost = values["leads"], values["cost"]
        values["conversion"] = 100.0 * values["won"] / leads if leads else 0.0
        values["cost_per_lead"] = cost / leads if leads else 0.0
        values["return"] = 100.0 * (values["revenue"] - cost) / cost if cost else 0.0
        return values

    # ------------------------------------------------------------------
    # CRUD: every change of a term goes through the plan's approval
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["bizreg.marketing.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )
        plans._check_terms_editable()
        activities = super().create(vals_list)
        activities.plan_id._bizreg_send_back_changed()
        return activities

    def write(self, vals):
        plans = self.plan_id
        if vals.get("plan_id"):
            plans |= self.env["bizreg.marketing.plan"].browse(vals["plan_id"])
        if TERM_FIELDS & set(vals):
            plans._check_terms_editable()
        res = super().write(vals)
        if TERM_FIELDS & set(vals):
            plans._bizreg_send_back_changed()
        return res

    def unlink(self):
        plans = self.plan_id
        plans._check_terms_editable()
        if any(activity.campaign_id for activity in self):
            raise UserError(
                self.env._(
                    "An activity that opened a campaign cannot be deleted: cancel "
                    "it instead."
                )
            )
        res = super().unlink()
        plans.exists()._bizreg_send_back_changed()
        return res

    # ------------------------------------------------------------------
    # Execution
    # ------------------------------------------------------------------
    def _open_campaigns(self):
        """Open a UTM campaign for each activity without one (engine)."""
        Campaign = self.env["utm.campaign"].sudo()
        Tag = self.env["utm.tag"].sudo()
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for activity in self.filtered(lambda a: not a.campaign_id):
            label = kinds[activity.kind]
            tag = Tag.search([("name", "=", label)], limit=1) or Tag.create(
                {"name": label}
            )
            campaign = Campaign.create(
                {
                    "title": f"{activity.plan_id.bizreg_number} {activity.theme}",
                    "user_id": (activity.user_id or self.env.user).id,
                    "tag_ids": [fields.Command.set(tag.ids)],
                }
            )
            activity._bizreg_engine_write({"campaign_id": campaign.id})
        return True

    def _check_step(self, states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for activity in self:
            if activity.plan_id.state != "running":
                raise UserError(
                    self.env._(
                        "Activity “%s” moves only while its plan is in execution.",
                        activity.theme,
                    )
                )
            if activity.state not in states:
                raise UserError(
                    self.env._(
                        "Activity “%(activity)s” is “%(state)s”: this step is not "
                        "possible now.",
                        activity=activity.theme,
                        state=labels[activity.state],
                    )
                )

    def action_prepare(self):
        self.check_access("write")
        self._check_step(["planned"])
        # a plan revised in execution: its approved terms hold
        self.plan_id._bizreg_check_approved()
        self._open_campaigns()
        self._bizreg_engine_write({"state": "preparing"})
        return True

    def action_run(self):
        self.check_access("write")
        self._check_step(["preparing"])
        self._bizreg_engine_write({"state": "running"})
        return True

    def action_done(self):
        self.check_access("write")
        self._check_step(["running"])
        self._bizreg_engine_write({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def action_cancel(self):
        self.check_access("write")
        self._check_step(["planned", "preparing", "running"])
        self._bizreg_engine_write({"state": "cancel"})
        return True

    def action_create_survey(self):
        """Create the activity's feedback survey from the template survey
        (a copy), or a blank one when there is no template."""
        self.ensure_one()
        self.check_access("write")
        if self.survey_id:
            raise UserError(
                self.env._("Activity “%s” already has a feedback survey.", self.theme)
            )
        template = self.env.ref(
            "bizreg_marketing.survey_activity_feedback_template",
            raise_if_not_found=False,
        )
        title = self.env._("Feedback: %s", self.theme)
        if template:
            survey = template.sudo().copy({"title": title})
        else:
            survey = self.env["survey.survey"].sudo().create({"title": title})
        self.survey_id = survey
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.survey",
            "res_id": survey.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_campaign_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_all_leads")
        action["domain"] = [("campaign_id", "=", self.campaign_id.id)]
        action["context"] = {
            "active_test": False,
            "default_campaign_id": self.campaign_id.id,
        }
        return action


EFFECT_KEYS = ("participants", "leads", "opportunities", "won", "revenue", "cost")
