# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import any_trusted, period_bounds, trusted


class BizregMarketingRequest(models.Model):
    """A request of a marketing activity to another department for people,
    material or money (资源申请).  The asked department's manager accepts or
    refuses it; at the deadline he is reminded, one day later the Director
    is told."""

    _name = "bizreg.marketing.request"
    _description = "Marketing Resource Request"
    _inherit = ["bizreg.escalation.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"

    name = fields.Char(string="Subject", required=True, tracking=True)
    activity_id = fields.Many2one(
        "bizreg.marketing.activity",
        required=True,
        index=True,
        ondelete="cascade",
    )
    plan_id = fields.Many2one(
        related="activity_id.plan_id", store=True, index=True, string="Marketing Plan"
    )
    company_id = fields.Many2one(
        related="activity_id.company_id", store=True, index=True
    )
    requester_department_id = fields.Many2one(
        related="activity_id.department_id",
        store=True,
        index=True,
        string="Requesting Department",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Asked Department",
        required=True,
        index=True,
        tracking=True,
        help="The department asked for people, material or money; its manager decides.",
    )
    manager_user_id = fields.Many2one(
        "res.users",
        string="Deciding Manager",
        compute="_compute_manager_user",
        store=True,
        index=True,
    )
    kind = fields.Selection(
        [("people", "People"), ("material", "Material"), ("money", "Money")],
        required=True,
        default="people",
        tracking=True,
    )
    description = fields.Text()
    quantity = fields.Float(help="People or units of material asked for.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(help="Money asked for (company currency).")
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("done", "Done"),
        ],
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    decision_note = fields.Text(tracking=True)
    decided_by = fields.Many2one("res.users", readonly=True)
    reminder_date = fields.Datetime(
        string="Reminder Due",
        compute="_compute_escalation_dates",
        store=True,
        index=True,
    )
    escalation_date = fields.Datetime(
        string="Escalation Due",
        compute="_compute_escalation_dates",
        store=True,
        index=True,
    )
    reminded_date = fields.Datetime(string="Reminded On", readonly=True, copy=False)
    escalated_date = fields.Datetime(string="Escalated On", readonly=True, copy=False)

    @api.constrains("quantity", "amount")
    def _check_figures(self):
        for request in self:
            for name in ("quantity", "amount"):
                if request[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "“%s” of a resource request cannot be negative.",
                            request._fields[name]._description_string(self.env),
                        )
                    )

    @api.depends("department_id.manager_id.user_id")
    def _compute_manager_user(self):
        for request in self:
            request.manager_user_id = request.department_id.sudo().manager_id.user_id

    @api.depends("date_deadline", "company_id")
    def _compute_escalation_dates(self):
        for request in self:
            if not request.date_deadline:
                request.reminder_date = request.escalation_date = False
                continue
            company = request.company_id or self.env.company
            _start, end = period_bounds(
                company, request.date_deadline, request.date_deadline
            )
            # at the end of the deadline day, then one day later
            request.reminder_date = end
            request.escalation_date = end + timedelta(days=1)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and not any_trusted() and not set(vals) <= {"decision_note"}:
            for request in self:
                if request.state != "requested":
                    raise UserError(
                        self.env._(
                            "Request “%s” was decided: it cannot change.",
                            request.name,
                        )
                    )
        res = super().write(vals)
        if "date_deadline" in vals:
            # a new deadline: its reminder and escalation are due again
            self._bizreg_engine_write({"reminded_date": False, "escalated_date": False})
        return res

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def _check_decider(self):
        user = self.env.user
        for request in self:
            if self.env.su or user.has_group("bizreg_base.group_bizreg_director"):
                continue
            if request.manager_user_id != user:
                raise AccessError(
                    self.env._(
                        "Only the manager of %(department)s decides on request "
                        "“%(request)s”.",
                        department=request.department_id.display_name,
                        request=request.name,
                    )
                )

    def _decide(self, states, new_state):
        self._check_decider()
        for request in self:
            if request.state not in states:
                raise UserError(
                    self.env._("Request “%s” cannot take this step now.", request.name)
                )
        self.sudo()._bizreg_engine_write(
            {"state": new_state, "decided_by": self.env.uid}
        )
        self.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.env.user
        ).action_feedback()
        return True

    def action_accept(self):
        return self._decide(["requested"], "accepted")

    def action_refuse(self):
        for request in self:
            if not (request.decision_note or "").strip():
                raise UserError(
                    self.env._("Give the reason of the refusal in the decision note.")
                )
        return self._decide(["requested"], "refused")

    def action_done(self):
        """The accepted resources were provided."""
        self._check_decider()
        for request in self:
            if request.state != "accepted":
                raise UserError(
                    self.env._("Only an accepted request can be marked as done.")
                )
        self.sudo()._bizreg_engine_write({"state": "done"})
        return True

    # ------------------------------------------------------------------
    # Deadlines (bizreg_base escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("reminder", "reminder_date", "reminded_date", "_remind_manager"),
            ("escalation", "escalation_date", "escalated_date", "_escalate"),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "in", ("requested", "accepted"))]

    def _remind_manager(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda request: (
                request.manager_user_id
                or self.env.ref("bizreg_base.group_bizreg_director")
            ),
            summary=lambda request, _user, _target: request.env._(
                "Resource request due: %s", request.name
            ),
            note=lambda request, _user, _target: request.env._(
                "The marketing activity “%(activity)s” needs an answer to its "
                "request for %(kind)s by %(date)s.",
                activity=request.activity_id.theme,
                kind=dict(request._fields["kind"]._description_selection(request.env))[
                    request.kind
                ],
                date=request.date_deadline,
            ),
        )

    def _escalate(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda request: self.env.ref("bizreg_base.group_bizreg_director"),
            summary=lambda request, _user, _target: request.env._(
                "Overdue resource request: %s", request.name
            ),
            post=lambda request, _user, target: request.env._(
                "The deadline passed a day ago: escalated to %s.", target
            ),
        )

    def _bizreg_run_escalations(self, now=None, limit=None, keys=None):
        with trusted("engine"):
            return super()._bizreg_run_escalations(now=now, limit=limit, keys=keys)

    @api.model
    def _cron_deadlines(self):
        return self._bizreg_run_escalations()
