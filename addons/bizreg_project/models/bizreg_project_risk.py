# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import period_bounds, trusted

HIGH_SCORE = 15
MEDIUM_SCORE = 8
REVIEW_ESCALATION_DAYS = 2


class BizregProjectRisk(models.Model):
    """A risk of a regulated project's risk register (风险登记): probability
    and impact from 1 to 5, their product the score, the level from the score
    (high from 15, medium from 8).  The owner answers with a response
    strategy, may create tasks for it, and reviews the risk by its review
    date: the owner is reminded on that day, the project manager two working
    days later; a high risk still open is escalated to the Director once."""

    _name = "bizreg.project.risk"
    _description = "Project Risk"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "score desc, review_date, id"

    _bizreg_department_from = "project_id.bizreg_department_id"

    name = fields.Char(string="Risk", required=True, tracking=True)
    description = fields.Text()
    project_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain="[('bizreg_phase', 'not in', (False, 'closed'))]",
    )
    user_id = fields.Many2one(string="Owner")
    probability = fields.Integer(
        required=True,
        default=3,
        tracking=True,
        help="How likely the risk occurs: 1 (rare) to 5 (almost certain).",
    )
    impact = fields.Integer(
        required=True,
        default=3,
        tracking=True,
        help="How badly it hurts the project if it occurs: 1 (minor) to 5 (severe).",
    )
    score = fields.Integer(
        compute="_compute_score",
        store=True,
        help="Probability × impact (1 to 25).",
    )
    level = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        compute="_compute_score",
        store=True,
        index=True,
        tracking=True,
        help="High from a score of 15, medium from 8.",
    )
    strategy = fields.Selection(
        [
            ("avoid", "Avoid"),
            ("mitigate", "Mitigate"),
            ("transfer", "Transfer"),
            ("accept", "Accept"),
        ],
        string="Response Strategy",
        tracking=True,
    )
    response = fields.Text(tracking=True)
    review_date = fields.Date(tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("monitoring", "Monitoring"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    task_ids = fields.Many2many(
        "project.task",
        "bizreg_project_risk_task_rel",
        "risk_id",
        "task_id",
        string="Response Tasks",
        readonly=True,
        copy=False,
    )
    task_count = fields.Integer(compute="_compute_task_count")
    # deadlines (bizreg_base escalation mechanism)
    review_reminder_date = fields.Datetime(
        string="Review Reminder Due",
        compute="_compute_review_deadlines",
        store=True,
        index=True,
    )
    review_escalation_date = fields.Datetime(
        string="Review Escalation Due",
        compute="_compute_review_deadlines",
        store=True,
        index=True,
    )
    review_reminded_date = fields.Datetime(readonly=True, copy=False)
    review_escalated_date = fields.Datetime(readonly=True, copy=False)
    high_escalation_date = fields.Datetime(
        string="High Risk Escalation Due",
        compute="_compute_high_escalation_date",
        store=True,
        index=True,
        copy=False,
    )
    high_escalated_date = fields.Datetime(
        string="Escalated to the Director On", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("probability", "impact")
    def _compute_score(self):
        for risk in self:
            risk.score = (risk.probability or 0) * (risk.impact or 0)
            risk.level = (
                "high"
                if risk.score >= HIGH_SCORE
                else "medium"
                if risk.score >= MEDIUM_SCORE
                else "low"
            )

    @api.depends("level")
    def _compute_high_escalation_date(self):
        # set once when the risk becomes high; the stamp keeps it from
        # escalating a second time
        now = fields.Datetime.now()
        for risk in self:
            if risk.level == "high":
                risk.high_escalation_date = risk.high_escalation_date or now
            elif not risk.high_escalated_date:
                risk.high_escalation_date = False

    @api.depends("review_date", "company_id")
    def _compute_review_deadlines(self):
        for risk in self:
            if not risk.review_date:
                risk.review_reminder_date = risk.review_escalation_date = False
                continue
            company = risk.company_id or self.env.company
            start, end = period_bounds(company, risk.review_date, risk.review_date)
            risk.review_reminder_date = start
            calendar = company.resource_calendar_id
            risk.review_escalation_date = calendar._bizreg_add_working_days(
                end, REVIEW_ESCALATION_DAYS
            )

    @api.depends("task_ids")
    def _compute_task_count(self):
        for risk in self:
            risk.task_count = len(risk.task_ids)

    @api.constrains("probability", "impact")
    def _check_scale(self):
        for risk in self:
            for name in ("probability", "impact"):
                if not 1 <= (risk[name] or 0) <= 5:
                    raise ValidationError(
                        self.env._(
                            "“%s” of a risk is rated from 1 to 5.",
                            risk._fields[name]._description_string(self.env),
                        )
                    )

    @api.constrains("project_id")
    def _check_project(self):
        for risk in self:
            if not risk.project_id.bizreg_phase:
                raise ValidationError(
                    self.env._(
                        "“Project”: the risk register is kept for regulated "
                        "projects only (%s is not one).",
                        risk.project_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        res = super().write(vals)
        if "review_date" in vals:
            # a new review date: its reminder and escalation are due again
            self._bizreg_engine_write(
                {"review_reminded_date": False, "review_escalated_date": False}
            )
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _set_state(self, allowed, new_state):
        self.check_access("write")
        for risk in self:
            if risk.state not in allowed:
                raise UserError(
                    self.env._("Risk “%s” cannot take this step now.", risk.name)
                )
        self._bizreg_engine_write({"state": new_state})
        return True

    def action_monitor(self):
        return self._set_state(("open",), "monitoring")

    def action_close(self):
        return self._set_state(("open", "monitoring"), "closed")

    def action_reopen(self):
        return self._set_state(("closed",), "open")

    def action_create_task(self):
        """A task in the risk's project carrying out the response, assigned
        to the risk's owner and linked to the risk."""
        self.check_access("write")
        tasks = self.env["project.task"]
        for risk in self:
            if risk.state == "closed":
                raise UserError(
                    self.env._("Risk “%s” is closed: reopen it first.", risk.name)
                )
            if not (risk.response or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the response to risk “%s” before creating a task.",
                        risk.name,
                    )
                )
            # the owner may not be allowed to create tasks in the project:
            # the task is the risk's, created by the application
            task = (
                self.env["project.task"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Risk response: %s", risk.name),
                        "project_id": risk.project_id.id,
                        "user_ids": [fields.Command.set(risk.user_id.ids)],
                        "description": risk.response,
                        "company_id": risk.project_id.company_id.id
                        or risk.company_id.id,
                    }
                )
            )
            risk._bizreg_engine_write({"task_ids": [fields.Command.link(task.id)]})
            risk.message_post(
                body=self.env._("Response task created: %s", task.display_name)
            )
            tasks |= task
        if len(self) == 1 and len(tasks) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "project.task",
                "res_id": tasks.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return True

    def action_view_tasks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Response Tasks"),
            "res_model": "project.task",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self.task_ids.ids)],
            "context": {"default_project_id": self.project_id.id},
        }

    # ------------------------------------------------------------------
    # Deadlines (bizreg_base escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            (
                "review_reminder",
                "review_reminder_date",
                "review_reminded_date",
                "_remind_review",
            ),
            (
                "review_escalation",
                "review_escalation_date",
                "review_escalated_date",
                "_escalate_review",
            ),
            ("high", "high_escalation_date", "high_escalated_date", "_escalate_high"),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "in", ("open", "monitoring"))]

    def _director_group(self):
        return self.env.ref("bizreg_base.group_bizreg_director")

    def _remind_review(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda risk: risk.user_id or risk.project_id.user_id,
            summary=lambda risk, _user, _target: risk.env._(
                "Review risk: %s", risk.name
            ),
            note=lambda risk, _user, _target: risk.env._(
                "Risk “%(risk)s” of project %(project)s is due for review on "
                "%(date)s: check its probability, impact and response.",
                risk=risk.name,
                project=risk.project_id.name,
                date=risk.review_date,
            ),
        )

    def _escalate_review(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda risk: risk.project_id.user_id or self._director_group(),
            summary=lambda risk, _user, _target: risk.env._(
                "Overdue risk review: %s", risk.name
            ),
            note=lambda risk, _user, _target: risk.env._(
                "The review of risk “%(risk)s” (owner %(owner)s) was due on "
                "%(date)s and is overdue.",
                risk=risk.name,
                owner=risk.user_id.name,
                date=risk.review_date,
            ),
            post=lambda risk, _user, target: risk.env._(
                "The risk review is overdue: escalated to %s.", target
            ),
        )

    def _escalate_high(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda risk: self._director_group(),
            summary=lambda risk, _user, _target: risk.env._(
                "High project risk: %s", risk.name
            ),
            note=lambda risk, _user, _target: risk.env._(
                "Project %(project)s has a high risk “%(risk)s” (score "
                "%(score)s, owner %(owner)s).",
                project=risk.project_id.name,
                risk=risk.name,
                score=risk.score,
                owner=risk.user_id.name,
            ),
            post=lambda risk, _user, target: risk.env._(
                "High risk: escalated to %s.", target
            ),
        )

    def _bizreg_run_escalations(self, now=None, limit=None, keys=None):
        with trusted("engine"):
            return super()._bizreg_run_escalations(now=now, limit=limit, keys=keys)

    @api.model
    def _cron_deadlines(self):
        return self._bizreg_run_escalations()

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_demo_populate(self, xmlid):
        """Demo risks, expenses and timesheets of the demo project ``xmlid``
        (a project, or a project request: the project it created); nothing
        when there is no such project or it has risks already."""
        record = self.env.ref(xmlid, raise_if_not_found=False)
        project = (
            record.project_id
            if record is not None and record._name == "bizreg.project.request"
            else record
        )
        if not project or not project.bizreg_phase or project.bizreg_risk_ids:
            return False
        return project._bizreg_demo_risks_costs()
