# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import period_bounds, trusted

from ..research_demo import research_flow

_logger = logging.getLogger(__name__)

CLOSED_STATES = ("done", "cancel")


class BizregMarketingResearchPlan(models.Model):
    """A market research plan (regulation 1.1): objectives, subjects,
    methods and dated milestones, approved by the Marketing Manager before
    the research starts; the information gathered and the reports follow it.

    draft → under review → approved → done, or cancelled.  The approved terms
    include the milestones: a change of a milestone after approval, by
    whatever route, sends the plan back to review.
    """

    _name = "bizreg.marketing.research.plan"
    _description = "Research Plan"
    _inherit = [
        "bizreg.approval.mixin",
        "bizreg.record.mixin",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_report_due desc, id desc"
    _state_from = ["draft", "to_approve", "approved"]
    _state_to = ["done"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "to_approve", "approved")
    # a finished plan is not amended: its research is over
    _bizreg_amendable = False

    name = fields.Char(string="Title", required=True, tracking=True)
    objective = fields.Html(
        help="What the research must find out and which decisions it feeds."
    )
    subject = fields.Text(
        string="Subjects",
        help="Who or what is researched: customers, competitors, regions, products.",
    )
    method_ids = fields.Many2many(
        "bizreg.marketing.research.method",
        "bizreg_marketing_research_plan_method_rel",
        "plan_id",
        "method_id",
        string="Methods",
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_report_due = fields.Date(
        string="Report Due Date",
        required=True,
        tracking=True,
        index=True,
        help="The planned date of the research report: a report published "
        "after this day is late.",
    )
    milestone_ids = fields.One2many(
        "bizreg.marketing.research.milestone",
        "plan_id",
        string="Milestones",
        copy=True,
    )
    entry_ids = fields.One2many(
        "bizreg.marketing.research.entry", "plan_id", string="Research Information"
    )
    report_ids = fields.One2many(
        "bizreg.marketing.research.report", "plan_id", string="Research Reports"
    )
    milestone_count = fields.Integer(compute="_compute_counts")
    entry_count = fields.Integer(compute="_compute_counts")
    report_count = fields.Integer(compute="_compute_counts")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Under Review"),
            ("approved", "Approved"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_done = fields.Datetime(string="Completed On", readonly=True, copy=False)
    has_published_report = fields.Boolean(
        string="Report Published",
        compute="_compute_has_published_report",
        store=True,
        index=True,
    )
    # Deadlines of the escalation levels (stored, indexed: the cron reads them)
    report_reminder_deadline = fields.Datetime(
        string="Report Reminder On",
        compute="_compute_report_deadlines",
        store=True,
        index=True,
    )
    report_overdue_deadline = fields.Datetime(
        string="Report Overdue From",
        compute="_compute_report_deadlines",
        store=True,
        index=True,
    )
    report_reminder_date = fields.Datetime(
        string="Report Reminder Sent", readonly=True, copy=False
    )
    report_overdue_date = fields.Datetime(
        string="Report Overdue Notice Sent", readonly=True, copy=False
    )
    note = fields.Html(string="Notes")

    # ------------------------------------------------------------------
    # Constraints and computes
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_report_due")
    def _check_dates(self):
        for plan in self:
            if (
                plan.date_start
                and plan.date_report_due
                and plan.date_report_due < plan.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "“Report Due Date” of research plan %s cannot be before "
                        "its “Start Date”.",
                        plan.display_name,
                    )
                )

    def _compute_counts(self):
        def count(model):
            return dict(
                self.env[model]._read_group(
                    [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
                )
            )

        milestones = count("bizreg.marketing.research.milestone")
        entries = count("bizreg.marketing.research.entry")
        reports = count("bizreg.marketing.research.report")
        for plan in self:
            plan.milestone_count = milestones.get(plan, 0)
            plan.entry_count = entries.get(plan, 0)
            plan.report_count = reports.get(plan, 0)

    @api.depends("report_ids.state")
    def _compute_has_published_report(self):
        for plan in self:
            plan.has_published_report = any(
                report.state == "published" for report in plan.sudo().report_ids
            )

    @api.depends(
        "date_report_due",
        "company_id",
        "company_id.bizreg_marketing_report_reminder_days",
    )
    def _compute_report_deadlines(self):
        for plan in self:
            due = plan.date_report_due
            if not due:
                plan.report_reminder_deadline = plan.report_overdue_deadline = False
                continue
            company = plan.company_id or self.env.company
            days = company.bizreg_marketing_report_reminder_days
            remind_day = due - timedelta(days=days)
            plan.report_reminder_deadline = period_bounds(
                company, remind_day, remind_day
            )[0]
            # overdue once the due day has ended in the company's time zone
            plan.report_overdue_deadline = period_bounds(company, due, due)[1]

    # ------------------------------------------------------------------
    # Approval engine
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_engine_fields(self):
        # the milestones are edited on the form; their own model decides
        # (a change of an approved milestone sends the plan back to review)
        return super()._bizreg_engine_fields() + [
            "state",
            "milestone_ids",
            "report_reminder_date",
            "report_overdue_date",
            "date_done",
        ]

    @api.model
    def _get_all_validation_exceptions(self):
        # the milestones stay editable on the form (progress; term changes
        # send the plan back to review)
        return super()._get_all_validation_exceptions() + ["milestone_ids"]

    def _bizreg_terms(self):
        """The approved terms: the plan's fields and its milestones (what
        and when), not their progress."""
        terms = super()._bizreg_terms()
        terms["methods"] = sorted(self.method_ids.ids)
        terms["milestones"] = [
            [milestone.name or "", fields.Date.to_string(milestone.date) or ""]
            for milestone in self.milestone_ids.sorted(lambda m: (m.date, m.id))
        ]
        return terms

    def _bizreg_terms_snapshot(self):
        snapshot = super()._bizreg_terms_snapshot()
        snapshot["lines"] = {
            str(milestone.id): f"{milestone.date or ''} {milestone.name or ''}"
            for milestone in self.milestone_ids
        }
        return snapshot

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        closed = self.filtered(lambda p: p.state in CLOSED_STATES)
        if closed and not self.env.su:
            terms = set(closed[:1]._bizreg_terms()) | {
                "method_ids",
                "milestone_ids",
                "objective",
                "subject",
            }
            if terms.intersection(vals):
                raise UserError(
                    self.env._(
                        "Research plan %s is closed: it cannot be changed.",
                        closed[0].display_name,
                    )
                )
        res = super().write(vals)
        if "date_report_due" in vals:
            # a new due date: its reminders are due again
            self.filtered(
                lambda p: p.report_reminder_date or p.report_overdue_date
            )._bizreg_engine_write(
                {"report_reminder_date": False, "report_overdue_date": False}
            )
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Submit the plan to the Marketing Manager."""
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        for plan in self:
            if not plan.milestone_ids:
                raise UserError(
                    self.env._(
                        "Research plan %s has no milestone: give its time "
                        "milestones before submitting it.",
                        plan.display_name,
                    )
                )

    def action_done(self):
        """Close the research (guarded: approved, and its report published)."""
        self.check_access("write")
        self._bizreg_check_state(("approved",))
        self._bizreg_check_approved()
        for plan in self:
            if not plan.has_published_report:
                raise UserError(
                    self.env._(
                        "Research plan %s has no published report yet: publish "
                        "its research report first.",
                        plan.display_name,
                    )
                )
        self._bizreg_set_state("done")
        self._bizreg_engine_write({"date_done": fields.Datetime.now()})
        return True

    def action_cancel(self):
        self.check_access("write")
        self._bizreg_check_state(("draft", "to_approve", "approved"))
        if self.report_ids.filtered(lambda r: r.state == "published"):
            raise UserError(
                self.env._(
                    "A research plan with a published report cannot be cancelled."
                )
            )
        self._bizreg_set_state("cancel")
        return True

    def action_draft(self):
        """Back to draft (to change a plan under review, approved or
        cancelled): the approval is void."""
        self.check_access("write")
        self._bizreg_check_state(("to_approve", "approved", "cancel"))
        self._bizreg_set_state("draft")
        with trusted("review"):
            self.filtered("review_ids").restart_validation()
            self._bizreg_engine_write({"bizreg_approved_digest": False})
        return True

    def _open_related(self, xmlid, model):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def action_view_entries(self):
        return self._open_related(
            "bizreg_marketing.bizreg_marketing_research_entry_action",
            "bizreg.marketing.research.entry",
        )

    def action_view_reports(self):
        return self._open_related(
            "bizreg_marketing.bizreg_marketing_research_report_action",
            "bizreg.marketing.research.report",
        )

    def action_gather_feedback(self):
        """Open the wizard that pulls customer feedback from existing records."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Gather Customer Feedback"),
            "res_model": "bizreg.marketing.feedback.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            (
                "report_due",
                "report_reminder_deadline",
                "report_reminder_date",
                "_escalate_report_due",
            ),
            (
                "report_overdue",
                "report_overdue_deadline",
                "report_overdue_date",
                "_escalate_report_overdue",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "approved"), ("has_published_report", "=", False)]

    def _escalate_report_due(self):
        def message(plan, _user, _target):
            return plan.env._(
                "The research report of this plan is due on %s.",
                fields.Date.to_string(plan.date_report_due),
            )

        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda plan: plan.user_id,
            summary=lambda plan, _user, _target: plan.env._("Research report due soon"),
            note=message,
            post=message,
            date_deadline=lambda plan, _user: plan.date_report_due,
        )

    def _escalate_report_overdue(self):
        managers = self.env.ref(
            "bizreg_marketing.group_bizreg_marketing_manager"
        ).sudo()

        def message(plan, _user, target):
            return plan.env._(
                "The research report of this plan was due on %(date)s and is not "
                "published: escalated to %(target)s.",
                date=fields.Date.to_string(plan.date_report_due),
                target=target,
            )

        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda plan: managers,
            summary=lambda plan, _user, _target: plan.env._("Research report overdue"),
            note=message,
            post=message,
        )

    @api.model
    def _demo_research_flow(
        self, plan_xmlid, manager_xmlid, report_xmlid=None, report_vals=None
    ):
        """Called by the demo data: see :func:`..research_demo.research_flow`."""
        return research_flow(
            self.env, plan_xmlid, manager_xmlid, report_xmlid, report_vals
        )

    @api.model
    def _cron_deadlines(self):
        with trusted("engine"):
            fired = self._bizreg_run_escalations()
        _logger.info("Research report deadlines fired: %s", fired)
        return fired
