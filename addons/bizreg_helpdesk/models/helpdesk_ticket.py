# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import timedelta

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import is_trusted, trusted

from .bizreg_complaint_class import SEVERITIES

_logger = logging.getLogger(__name__)

SATISFACTION = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]
LOW_RATING_PARAM = "bizreg_helpdesk.low_rating_threshold"
TRUST_SCOPE = "bizreg_helpdesk"
# Written by the server only (closing override, first response, escalations).
PROTECTED_FIELDS = {
    "bizreg_close_override_reason",
    "bizreg_close_override_user_id",
    "bizreg_first_response_date",
    "bizreg_escalation_l1_date",
    "bizreg_escalation_l2_date",
    "bizreg_escalation_l3_date",
}


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = [
        "helpdesk.ticket",
        "bizreg.escalation.mixin",
        "bizreg.numbering.mixin",
        "bizreg.department.mixin",
    ]
    _bizreg_numbering_trigger = "manual"
    _bizreg_department_field = "bizreg_department_id"
    _bizreg_department_depends = ("team_id.bizreg_department_id", "user_id")
    # OCA's own ticket reference (read-only in OCA's definition) is set by
    # OCA's ``create``/``copy``, which run below the engine guard: not the
    # regulation's number (``bizreg_number``), it stays as OCA has it.
    _bizreg_user_fields = ("number",)

    bizreg_kind = fields.Selection(
        related="type_id.bizreg_kind", store=True, index=True, string="Kind"
    )
    bizreg_severity = fields.Selection(SEVERITIES, string="Severity", tracking=True)
    bizreg_complaint_class_id = fields.Many2one(
        "bizreg.complaint.class",
        string="Complaint Class",
        compute="_compute_bizreg_complaint_class_id",
        store=True,
        index=True,
        tracking=True,
    )
    bizreg_department_id = fields.Many2one(
        "hr.department",
        string="Department",
        compute="_compute_bizreg_department",
        store=True,
        readonly=False,
        index=True,
        help="Department in charge of the ticket (the team's): its managers see it.",
    )
    bizreg_received_date = fields.Datetime(
        string="Received on",
        default=fields.Datetime.now,
        required=True,
        copy=False,
        index=True,
        help="When the customer contacted us; the deadlines start here.",
    )
    bizreg_response_deadline = fields.Datetime(
        string="Response Deadline",
        compute="_compute_bizreg_deadlines",
        store=True,
        index=True,
    )
    bizreg_resolution_deadline = fields.Datetime(
        string="Resolution Deadline",
        compute="_compute_bizreg_deadlines",
        store=True,
        index=True,
    )
    bizreg_first_response_date = fields.Datetime(
        string="First Response on", readonly=True, copy=False, tracking=True
    )
    bizreg_first_response_hours = fields.Float(
        string="First Response Time (h)",
        compute="_compute_bizreg_first_response_hours",
        store=True,
        aggregator="avg",
        help="Working hours between reception and the first answer to the customer.",
    )
    bizreg_breach_date = fields.Datetime(
        string="Breach on",
        compute="_compute_bizreg_escalation_deadlines",
        store=True,
        index=True,
        help="The deadline the complaint misses first: the response deadline until "
        "it is answered in time, then the resolution deadline. Level 1 fires here.",
    )
    bizreg_escalation_l2_deadline = fields.Datetime(
        string="Level 2 on",
        compute="_compute_bizreg_escalation_deadlines",
        store=True,
        index=True,
    )
    bizreg_escalation_l3_deadline = fields.Datetime(
        string="Level 3 on",
        compute="_compute_bizreg_escalation_deadlines",
        store=True,
        index=True,
    )
    bizreg_escalation_l1_date = fields.Datetime(
        string="Assignee Reminded on", readonly=True, copy=False
    )
    bizreg_escalation_l2_date = fields.Datetime(
        string="Escalated to Manager on", readonly=True, copy=False
    )
    bizreg_escalation_l3_date = fields.Datetime(
        string="Escalated to Director on", readonly=True, copy=False
    )
    bizreg_escalation_level = fields.Integer(
        string="Escalation Level",
        compute="_compute_bizreg_escalation_level",
        store=True,
        index=True,
        aggregator="max",
    )
    bizreg_closed = fields.Boolean(
        related="stage_id.closed", store=True, index=True, string="Is Closed"
    )
    bizreg_resolved = fields.Boolean(
        string="Resolved",
        compute="_compute_bizreg_resolved",
        store=True,
        index=True,
    )
    bizreg_resolved_on_time = fields.Boolean(
        string="Resolved on Time",
        compute="_compute_bizreg_resolved",
        store=True,
    )
    bizreg_resolution = fields.Selection(
        [
            ("open", "Open"),
            ("on_time", "Resolved on time"),
            ("late", "Resolved late"),
            ("unresolved", "Closed unresolved"),
        ],
        string="Resolution",
        compute="_compute_bizreg_resolved",
        store=True,
        index=True,
        help="Open; resolved (in a closed stage that counts as resolved) by the "
        "resolution deadline or after it; or closed in a stage that does not "
        "count as resolved.",
    )
    bizreg_solution = fields.Html(
        string="Answer / Solution",
        help="The answer given to the customer or the solution of the complaint.",
    )
    bizreg_satisfaction = fields.Selection(
        SATISFACTION,
        string="Customer Satisfaction",
        tracking=True,
        copy=False,
        help="Satisfaction stated by the customer (set by the customer's rating, "
        "or entered by the agent after a call).",
    )
    bizreg_satisfaction_score = fields.Integer(
        string="Satisfaction (1-5)",
        compute="_compute_bizreg_satisfaction_score",
        store=True,
        aggregator="avg",
    )
    bizreg_close_override_reason = fields.Text(
        string="Closing Override Reason", readonly=True, copy=False, tracking=True
    )
    bizreg_close_override_user_id = fields.Many2one(
        "res.users", string="Closing Override by", readonly=True, copy=False
    )
    bizreg_product_id = fields.Many2one(
        "product.product", string="Product", index=True, tracking=True
    )
    bizreg_call_duration = fields.Float(
        string="Call Duration (min)", help="Duration of the call, in minutes."
    )
    bizreg_investigation_ids = fields.One2many(
        "bizreg.helpdesk.investigation", "ticket_id", string="Investigations"
    )
    bizreg_investigation_count = fields.Integer(
        compute="_compute_bizreg_investigation_count", string="Investigation Count"
    )

    # Constraints ------------------------------------------------------
    @api.constrains("bizreg_call_duration")
    def _check_bizreg_call_duration(self):
        for ticket in self:
            if ticket.bizreg_call_duration < 0:
                raise ValidationError(
                    self.env._(
                        "%s cannot be negative.",
                        self._fields["bizreg_call_duration"]._description_string(
                            self.env
                        ),
                    )
                )

    # Computes ---------------------------------------------------------
    @api.depends("bizreg_kind", "bizreg_severity", "category_id", "company_id")
    def _compute_bizreg_complaint_class_id(self):
        Class = self.env["bizreg.complaint.class"]
        for ticket in self:
            if ticket.bizreg_kind != "complaint":
                ticket.bizreg_complaint_class_id = False
                continue
            ticket.bizreg_complaint_class_id = Class._bizreg_find(
                ticket.category_id, ticket.bizreg_severity, ticket.company_id
            )

    def _bizreg_department_source(self):
        # the team's department; else the one chosen; else the agent's
        self.ensure_one()
        return (
            self.team_id.bizreg_department_id
            or self.bizreg_department_id
            or self.user_id.sudo().employee_id.department_id
        )

    def _bizreg_calendar(self):
        self.ensure_one()
        return self.team_id.resource_calendar_id or self.company_id.resource_calendar_id

    @api.depends(
        "bizreg_complaint_class_id.response_hours",
        "bizreg_complaint_class_id.resolution_days",
        "bizreg_received_date",
        "team_id.resource_calendar_id",
        "company_id.resource_calendar_id",
    )
    def _compute_bizreg_deadlines(self):
        for ticket in self:
            cls = ticket.bizreg_complaint_class_id
            start = ticket.bizreg_received_date
            if not cls or not start:
                ticket.bizreg_response_deadline = False
                ticket.bizreg_resolution_deadline = False
                continue
            calendar = ticket._bizreg_calendar()
            ticket.bizreg_response_deadline = calendar._bizreg_add_working_hours(
                start, cls.response_hours
            )
            ticket.bizreg_resolution_deadline = calendar._bizreg_add_working_days(
                start, cls.resolution_days
            )

    @api.depends("bizreg_first_response_date", "bizreg_received_date")
    def _compute_bizreg_first_response_hours(self):
        for ticket in self:
            start = ticket.bizreg_received_date
            end = ticket.bizreg_first_response_date
            if not start or not end or end <= start:
                ticket.bizreg_first_response_hours = 0.0
                continue
            calendar = ticket._bizreg_calendar()
            if calendar:
                hours = calendar.get_work_hours_count(
                    pytz.utc.localize(start),
                    pytz.utc.localize(end),
                    compute_leaves=True,
                )
            else:
                hours = (end - start).total_seconds() / 3600.0
            ticket.bizreg_first_response_hours = round(hours, 2)

    @api.depends(
        "bizreg_response_deadline",
        "bizreg_resolution_deadline",
        "bizreg_first_response_date",
        "bizreg_complaint_class_id.level2_delay_hours",
        "bizreg_complaint_class_id.level3_delay_hours",
        "team_id.resource_calendar_id",
        "company_id.resource_calendar_id",
    )
    def _compute_bizreg_escalation_deadlines(self):
        for ticket in self:
            response = ticket.bizreg_response_deadline
            first = ticket.bizreg_first_response_date
            if response and (not first or first > response):
                breach = response
            else:
                breach = ticket.bizreg_resolution_deadline
            ticket.bizreg_breach_date = breach
            if not breach:
                ticket.bizreg_escalation_l2_deadline = False
                ticket.bizreg_escalation_l3_deadline = False
                continue
            calendar = ticket._bizreg_calendar()
            cls = ticket.bizreg_complaint_class_id
            ticket.bizreg_escalation_l2_deadline = calendar._bizreg_add_working_hours(
                breach, cls.level2_delay_hours
            )
            ticket.bizreg_escalation_l3_deadline = calendar._bizreg_add_working_hours(
                breach, cls.level3_delay_hours
            )

    @api.depends(
        "bizreg_escalation_l1_date",
        "bizreg_escalation_l2_date",
        "bizreg_escalation_l3_date",
    )
    def _compute_bizreg_escalation_level(self):
        for ticket in self:
            ticket.bizreg_escalation_level = (
                3
                if ticket.bizreg_escalation_l3_date
                else 2
                if ticket.bizreg_escalation_l2_date
                else 1
                if ticket.bizreg_escalation_l1_date
                else 0
            )

    @api.depends(
        "stage_id.closed",
        "stage_id.bizreg_resolved",
        "closed_date",
        "bizreg_resolution_deadline",
    )
    def _compute_bizreg_resolved(self):
        for ticket in self:
            resolved = bool(ticket.stage_id.closed and ticket.stage_id.bizreg_resolved)
            ticket.bizreg_resolved = resolved
            deadline = ticket.bizreg_resolution_deadline
            on_time = bool(
                resolved
                and (
                    not deadline
                    or (ticket.closed_date and ticket.closed_date <= deadline)
                )
            )
            ticket.bizreg_resolved_on_time = on_time
            if resolved:
                ticket.bizreg_resolution = "on_time" if on_time else "late"
            else:
                ticket.bizreg_resolution = (
                    "unresolved" if ticket.stage_id.closed else "open"
                )

    @api.depends("bizreg_satisfaction")
    def _compute_bizreg_satisfaction_score(self):
        for ticket in self:
            ticket.bizreg_satisfaction_score = int(ticket.bizreg_satisfaction or 0)

    def _compute_bizreg_investigation_count(self):
        counts = dict(
            self.env["bizreg.helpdesk.investigation"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.bizreg_investigation_count = counts.get(ticket, 0)

    # CRUD --------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._bizreg_check_protected(vals)
            self._bizreg_check_received_date(vals)
        tickets = super().create(vals_list)
        complaints = tickets.filtered(lambda t: t.bizreg_kind == "complaint")
        if complaints:
            # created already closed, cancelled or archived: the closing rules
            complaints.filtered(lambda t: t._bizreg_ending())._bizreg_check_can_end()
            complaints._bizreg_on_new_complaint()
        return tickets

    def _bizreg_check_protected(self, vals):
        protected = PROTECTED_FIELDS.intersection(vals)
        if protected and not self.env.su and not is_trusted(TRUST_SCOPE):
            raise AccessError(
                self.env._(
                    "These fields are set by the system only: %s",
                    ", ".join(
                        self._fields[f]._description_string(self.env)
                        for f in sorted(protected)
                    ),
                )
            )

    def _bizreg_check_received_date(self, vals):
        """The deadlines start at the reception: a user may date it back (an
        earlier call), never in the future nor later than recorded."""
        if (
            not vals.get("bizreg_received_date")
            or self.env.su
            or is_trusted(TRUST_SCOPE)
        ):
            return
        # a value that is no date gets the generic, translated refusal
        self._bizreg_check_input({"bizreg_received_date": vals["bizreg_received_date"]})
        received = fields.Datetime.to_datetime(vals["bizreg_received_date"])
        now = fields.Datetime.now()
        if received > now + timedelta(minutes=5) or any(
            ticket.bizreg_received_date and received > ticket.bizreg_received_date
            for ticket in self
        ):
            raise ValidationError(
                self.env._(
                    "%(field)s: the reception of a ticket cannot be in the future "
                    "nor moved later (its deadlines start there).",
                    field=self._fields["bizreg_received_date"]._description_string(
                        self.env
                    ),
                )
            )

    def _bizreg_ending(self):
        """Whether the ticket is ended: in a closed stage (resolved or
        cancelled) or archived."""
        self.ensure_one()
        return bool(self.bizreg_closed or not self.active)

    def write(self, vals):
        self._bizreg_check_protected(vals)
        self._bizreg_check_received_date(vals)
        # Guard by the outcome, whatever the route (stage, cancel, archive,
        # type, a recomputed stage): remember what each ticket was.
        before = {
            ticket.id: (ticket.bizreg_kind == "complaint", ticket._bizreg_ending())
            for ticket in self
        }
        res = super().write(vals)
        ended = self.browse()
        reopened = self.browse()
        new_complaints = self.browse()
        for ticket in self:
            was_complaint, was_ended = before[ticket.id]
            is_complaint = ticket.bizreg_kind == "complaint"
            is_ended = ticket._bizreg_ending()
            if was_complaint and not is_complaint and was_ended:
                raise UserError(
                    self.env._(
                        "Complaint %s is closed or archived: reopen it before "
                        "changing its type.",
                        ticket.display_name,
                    )
                )
            if was_complaint and not was_ended and (is_ended or not is_complaint):
                ended |= ticket
            elif not was_complaint and is_complaint:
                new_complaints |= ticket
                if is_ended:
                    ended |= ticket
            elif was_complaint and was_ended and is_complaint and not is_ended:
                reopened |= ticket
        if ended:
            ended._bizreg_check_can_end()
        if reopened.filtered("bizreg_close_override_reason"):
            # an override closed the complaint once, not for ever
            with trusted(TRUST_SCOPE, "engine"):
                reopened.filtered("bizreg_close_override_reason").write(
                    {
                        "bizreg_close_override_reason": False,
                        "bizreg_close_override_user_id": False,
                    }
                )
        if new_complaints:
            new_complaints._bizreg_on_new_complaint()
        return res

    def _get_sla(self):
        """One deadline system per ticket: a complaint's deadlines are those
        of its complaint class (the regulation's), so OCA's SLAs
        (helpdesk_mgmt_sla) apply to the other tickets of an SLA team only."""
        if self.bizreg_kind == "complaint":
            return self.env["helpdesk.sla"]
        return super()._get_sla()

    def _bizreg_on_new_complaint(self):
        """Number the complaint and acknowledge it to the customer (a ticket
        that becomes a complaint leaves OCA's SLAs: see :meth:`_get_sla`)."""
        self.sudo().ticket_sla_ids.unlink()
        self._bizreg_assign_number()
        template = self.env.ref(
            "bizreg_helpdesk.mail_template_complaint_ack", raise_if_not_found=False
        )
        if not template:
            return
        for ticket in self.filtered(lambda t: t.partner_id or t.partner_email):
            ticket.with_context(bizreg_auto_message=True).message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )

    # Closing rules ----------------------------------------------------
    @api.model
    def _bizreg_low_rating_threshold(self):
        value = self.env["ir.config_parameter"].sudo().get_param(LOW_RATING_PARAM, "2")
        try:
            return int(value)
        except ValueError:
            return 2

    def _bizreg_end_outcome(self):
        """What ending the ticket is, in words (for the messages)."""
        self.ensure_one()
        if self.bizreg_kind != "complaint":
            return self.env._("changed into another type")
        if not self.active:
            return self.env._("archived")
        if self.stage_id.closed and not self.stage_id.bizreg_resolved:
            return self.env._("cancelled")
        return self.env._("closed")

    def _bizreg_check_can_end(self):
        """A complaint ends (closed, cancelled, archived or changed into another
        type) with a solution and the customer's satisfaction, or with a
        manager's override (recorded with its reason)."""
        threshold = self._bizreg_low_rating_threshold()
        for ticket in self:
            if ticket.bizreg_close_override_reason:
                continue
            if tools.is_html_empty(ticket.bizreg_solution):
                raise UserError(
                    self.env._(
                        "Complaint %(name)s cannot be %(outcome)s without a recorded "
                        "solution.",
                        name=ticket.display_name,
                        outcome=ticket._bizreg_end_outcome(),
                    )
                )
            if ticket.bizreg_satisfaction_score <= threshold:
                raise UserError(
                    self.env._(
                        "Complaint %(name)s cannot be %(outcome)s before the customer "
                        "states being satisfied: record the customer's satisfaction, "
                        "or ask a Customer Service Manager to close it with a reason.",
                        name=ticket.display_name,
                        outcome=ticket._bizreg_end_outcome(),
                    )
                )

    def _bizreg_closing_stages(self):
        """Closed stages the ticket can end in (its team's, or shared)."""
        self.ensure_one()
        return self.env["helpdesk.ticket.stage"].search(
            [
                ("closed", "=", True),
                "|",
                ("team_ids", "=", False),
                ("team_ids", "=", self.team_id.id),
            ],
            order="sequence, id",
        )

    def _bizreg_close(self, reason=False, stage=False):
        """Move to ``stage`` or to the first closed, resolved stage (used by
        wizards); ``reason`` records a manager's override of the closing rules."""
        for ticket in self:
            stages = ticket._bizreg_closing_stages()
            if stage and stage not in stages:
                raise UserError(
                    self.env._(
                        "%(stage)s is not a closing stage of ticket %(ticket)s.",
                        stage=stage.display_name,
                        ticket=ticket.display_name,
                    )
                )
            target = stage or stages.filtered("bizreg_resolved")[:1]
            if not target:
                raise UserError(self.env._("No closing stage is configured."))
            vals = {"stage_id": target.id}
            if reason:
                vals.update(
                    bizreg_close_override_reason=reason,
                    bizreg_close_override_user_id=self.env.uid,
                )
            with trusted(TRUST_SCOPE, "engine"):
                ticket.write(vals)

    def _bizreg_reopen_stage(self):
        self.ensure_one()
        return self.env["helpdesk.ticket.stage"].search(
            [
                ("closed", "=", False),
                "|",
                ("team_ids", "=", False),
                ("team_ids", "=", self.team_id.id),
            ],
            order="sequence desc, id",
            limit=1,
        )

    # Satisfaction -----------------------------------------------------
    def rating_apply(
        self,
        rate,
        token=None,
        rating=None,
        feedback=None,
        subtype_xmlid=None,
        notify_delay_send=False,
    ):
        if token:
            rating = self.env["rating.rating"].search(
                [("access_token", "=", token)], limit=1
            )
        if rating and (rating.res_model != self._name or rating.res_id not in self.ids):
            # the token's rating belongs to another record: never act on it
            raise AccessError(
                self.env._(
                    "This rating does not belong to ticket %s.", self[:1].display_name
                )
            )
        rating = super().rating_apply(
            rate,
            token=token,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        ticket = self.browse(rating.res_id).exists() if rating else self.browse()
        if ticket:
            ticket._bizreg_apply_rating(rate)
        return rating

    def _bizreg_apply_rating(self, rate):
        """Record the customer's rating; a low rating reopens the complaint and
        notifies the Customer Service Manager."""
        self.ensure_one()
        score = max(1, min(5, round(rate)))
        self.sudo().write({"bizreg_satisfaction": str(score)})
        if score > self._bizreg_low_rating_threshold():
            return
        ticket = self.sudo()
        if ticket.bizreg_kind == "complaint" and ticket.bizreg_closed:
            stage = ticket._bizreg_reopen_stage()
            if stage:
                # reopening clears a closing override (see ``write``)
                ticket.write({"stage_id": stage.id})
        body = self.env._(
            "The customer rated the service %(rate)s/5 (at or below %(level)s): "
            "the Customer Service Manager is notified.",
            rate=score,
            level=self._bizreg_low_rating_threshold(),
        )
        ticket.message_post(body=body, subtype_xmlid="mail.mt_note")
        for manager in ticket._bizreg_service_managers():
            ticket.activity_schedule(
                "bizreg_base.mail_activity_bizreg_followup",
                summary=self.env._("Low satisfaction rating"),
                note=body,
                user_id=manager.id,
            )

    # First response ---------------------------------------------------
    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if (
            not self.env.context.get("bizreg_auto_message")
            and message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and message.author_id.user_ids.filtered(lambda u: not u.share)
        ):
            pending = self.filtered(lambda t: not t.bizreg_first_response_date)
            if pending:
                pending.sudo().write({"bizreg_first_response_date": message.date})
        return message

    def action_bizreg_mark_responded(self):
        """Record the first response given outside the chatter (e.g. by phone)."""
        self.check_access("write")
        pending = self.filtered(lambda t: not t.bizreg_first_response_date)
        with trusted(TRUST_SCOPE, "engine"):
            pending.write({"bizreg_first_response_date": fields.Datetime.now()})
        return True

    @api.model
    def _bizreg_log_call(self, vals):
        """Create a consultation answered at first contact, already closed."""
        consultation = self.env.ref("bizreg_helpdesk.helpdesk_ticket_type_consultation")
        stage = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True), ("bizreg_resolved", "=", True)],
            order="sequence, id",
            limit=1,
        )
        self._bizreg_check_received_date(vals)
        now = fields.Datetime.now()
        vals = dict(
            vals,
            type_id=consultation.id,
            user_id=self.env.uid,
            stage_id=stage.id,
            closed_date=now,
            rating_status="no_rate",
        )
        with trusted(TRUST_SCOPE, "engine"):
            vals["bizreg_first_response_date"] = vals.get("bizreg_received_date") or now
            return self.create(vals)

    # Escalation -------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            (
                "level1",
                "bizreg_breach_date",
                "bizreg_escalation_l1_date",
                "_bizreg_escalate_level1",
            ),
            (
                "level2",
                "bizreg_escalation_l2_deadline",
                "bizreg_escalation_l2_date",
                "_bizreg_escalate_level2",
            ),
            (
                "level3",
                "bizreg_escalation_l3_deadline",
                "bizreg_escalation_l3_date",
                "_bizreg_escalate_level3",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return [("bizreg_kind", "=", "complaint"), ("bizreg_closed", "=", False)]

    def _bizreg_service_managers(self):
        self.ensure_one()
        manager = self.bizreg_department_id.manager_id.user_id
        if manager:
            return manager
        return self.env.ref("bizreg_helpdesk.group_bizreg_service_manager").sudo().users

    def _bizreg_breached_label(self):
        self.ensure_one()
        if self.bizreg_breach_date == self.bizreg_response_deadline:
            return self.env._("first response")
        return self.env._("resolution")

    def _bizreg_escalation_managers(self):
        return self._bizreg_service_managers()

    def _bizreg_escalate(self, level):
        """Level ``level`` of the ladder, the missed deadline in the reader's
        time zone."""
        return self._bizreg_escalation_ladder(
            level,
            lambda ticket, action: ticket.env._(
                "Escalation level %(level)s: the %(what)s deadline (%(deadline)s) "
                "of this complaint has passed. %(action)s",
                level=level,
                what=ticket._bizreg_breached_label(),
                deadline=ticket._bizreg_escalation_time(ticket.bizreg_breach_date),
                action=action,
            ),
            lambda ticket: ticket.env._("Reminder: the complaint is overdue."),
        )

    def _bizreg_escalate_level1(self):
        return self._bizreg_escalate(1)

    def _bizreg_escalate_level2(self):
        return self._bizreg_escalate(2)

    def _bizreg_escalate_level3(self):
        return self._bizreg_escalate(3)

    @api.model
    def _cron_bizreg_ticket_deadlines(self):
        with trusted("engine"):
            fired = self._bizreg_run_escalations()
        _logger.info("Complaint escalations fired: %s", fired)
        return fired

    # Actions ----------------------------------------------------------
    def action_bizreg_assign_department(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign to a Department"),
            "res_model": "bizreg.helpdesk.investigation",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_bizreg_view_investigations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Investigations"),
            "res_model": "bizreg.helpdesk.investigation",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
            "context": {"default_ticket_id": self.id},
        }

    def action_bizreg_close_override(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close with Override"),
            "res_model": "bizreg.helpdesk.close.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }
