# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import period_bounds, trusted

CLOSED_STATES = ("published", "cancel")


class BizregMarketingResearchReport(models.Model):
    """The market research report of a plan (regulation 1.1 and 7.1: number
    ``MR-…``): findings, conclusions and recommendations, reviewed by the
    Marketing Manager before it is published and used.

    draft → under review → approved → published, or cancelled.  The number is
    given when the report is first submitted for review; a cancelled or
    deleted report's number is voided, never reused.  A report published after
    its plan's report due date (company time zone) is late.
    """

    _name = "bizreg.marketing.research.report"
    _description = "Research Report"
    _inherit = [
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "bizreg.record.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _state_from = ["draft", "to_approve", "approved"]
    _state_to = ["published"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "to_approve", "approved")
    _bizreg_numbering_trigger = "manual"
    _bizreg_number_in_name = True
    _bizreg_amendable = False

    name = fields.Char(string="Title", required=True, tracking=True)
    plan_id = fields.Many2one(
        "bizreg.marketing.research.plan",
        string="Research Plan",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('state', 'in', ('approved', 'done'))]",
    )
    findings = fields.Html()
    conclusions = fields.Html()
    recommendations = fields.Html()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "bizreg_marketing_research_report_attachment_rel",
        "report_id",
        "attachment_id",
        string="Attachments",
    )
    entry_ids = fields.Many2many(
        "bizreg.marketing.research.entry",
        "bizreg_marketing_research_report_entry_rel",
        "report_id",
        "entry_id",
        string="Based On",
        domain="[('plan_id', '=', plan_id)]",
        help="The information of the plan the report draws on.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Under Review"),
            ("approved", "Approved"),
            ("published", "Published"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_published = fields.Datetime(
        string="Published On", readonly=True, copy=False, index=True, tracking=True
    )
    date_report_due = fields.Date(
        related="plan_id.date_report_due",
        store=True,
        index=True,
        string="Report Due Date",
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        store=True,
        index=True,
        help="Published after the report due date of its plan (in the "
        "company's time zone).",
    )
    segment_ids = fields.Many2many(
        "bizreg.marketing.segment",
        "bizreg_marketing_segment_report_rel",
        "report_id",
        "segment_id",
        string="Target Markets",
        readonly=True,
        copy=False,
    )

    # ------------------------------------------------------------------
    # Constraints and computes
    # ------------------------------------------------------------------
    @api.constrains("plan_id")
    def _check_plan_approved(self):
        for report in self:
            if report.plan_id.state not in ("approved", "done"):
                raise ValidationError(
                    self.env._(
                        "“Research Plan” of a report must be an approved plan; "
                        "%s is not approved.",
                        report.plan_id.display_name,
                    )
                )

    @api.constrains("entry_ids", "plan_id")
    def _check_entries(self):
        for report in self:
            if report.entry_ids.plan_id - report.plan_id:
                raise ValidationError(
                    self.env._(
                        "“Based On” of report %s may only list the information of "
                        "its own research plan.",
                        report.display_name,
                    )
                )

    @api.depends("date_published", "date_report_due", "company_id")
    def _compute_is_late(self):
        for report in self:
            if not report.date_published or not report.date_report_due:
                report.is_late = False
                continue
            due = report.date_report_due
            end = period_bounds(report.company_id or self.env.company, due, due)[1]
            report.is_late = report.date_published >= end

    # ------------------------------------------------------------------
    # Approval engine
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + [
            "state",
            "bizreg_number",
            "date_published",
        ]

    def _bizreg_terms(self):
        terms = super()._bizreg_terms()
        terms["entries"] = sorted(self.entry_ids.ids)
        terms["attachments"] = sorted(self.attachment_ids.ids)
        return terms

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        closed = self.filtered(lambda r: r.state in CLOSED_STATES)
        if closed and not self.env.su:
            terms = set(closed[:1]._bizreg_terms()) | {
                "entry_ids",
                "attachment_ids",
                "findings",
                "conclusions",
                "recommendations",
            }
            if terms.intersection(vals):
                raise UserError(
                    self.env._(
                        "Research report %s is published or cancelled: it cannot "
                        "be changed. Write a new report instead.",
                        closed[0].display_name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Number the report (first submission) and submit it for review."""
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        for report in self:
            if report.plan_id.state not in ("approved", "done"):
                raise UserError(
                    self.env._(
                        "Research plan %s is not approved: its report cannot be "
                        "submitted.",
                        report.plan_id.display_name,
                    )
                )

    def action_publish(self):
        """Publish the report (guarded: approved and unchanged since)."""
        self.check_access("write")
        self._bizreg_check_state(("approved",))
        self._bizreg_check_approved()
        for report in self:
            if report.plan_id.state not in ("approved", "done"):
                raise UserError(
                    self.env._(
                        "Research plan %s is not approved: its report cannot be "
                        "published.",
                        report.plan_id.display_name,
                    )
                )
        self._bizreg_set_state("published")
        self._bizreg_engine_write({"date_published": fields.Datetime.now()})
        return True

    def action_cancel(self):
        self.check_access("write")
        self._bizreg_check_state(("draft", "to_approve", "approved"))
        self._bizreg_set_state("cancel")
        return True

    def action_draft(self):
        """Back to draft: the approval is void; the number stays (a report
        coming back from cancellation gets a new one at its next
        submission)."""
        self.check_access("write")
        self._bizreg_check_state(("to_approve", "approved", "cancel"))
        self._bizreg_set_state("draft")
        with trusted("review"):
            self.filtered("review_ids").restart_validation()
            self._bizreg_engine_write({"bizreg_approved_digest": False})
        return True

    def action_print(self):
        """Print the research report on the regulation's paper form."""
        self.check_access("read")
        return self.env.ref(
            "bizreg_marketing.action_report_bizreg_marketing_research_report"
        ).report_action(self)

    def _review_trail(self):
        """The tier reviews of the report, in order, for the printed form
        (read as superuser: the caller's read access on the report is
        checked)."""
        self.ensure_one()
        self.check_access("read")
        return self.sudo().review_ids.sorted(lambda r: (r.sequence, r.id))

    def _bizreg_set_state(self, state):
        # the numbering mixin voids/clears numbers on state exits: engine work
        with trusted("engine"):
            return super()._bizreg_set_state(state)
