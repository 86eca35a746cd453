# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import any_trusted, trusted

# days of the Director's escalation after the resolution deadline
DIRECTOR_AFTER_DAYS = 2


class BizregCollabIssue(models.Model):
    """A collaboration issue (协作问题): what one department's work waits for
    from another.  It must be resolved within the company's resolution time
    (working days, Settings); at the deadline both departments' managers get
    an activity, two working days later the Director."""

    _name = "bizreg.collab.issue"
    _description = "Collaboration Issue"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "state, date_due, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    group_id = fields.Many2one(
        "bizreg.collab.group", string="Project Group", index=True, tracking=True
    )
    user_id = fields.Many2one(string="Raised By")
    blocking_department_id = fields.Many2one(
        "hr.department",
        required=True,
        index=True,
        tracking=True,
        help="The department whose action, answer or resource is awaited.",
    )
    blocked_department_id = fields.Many2one(
        "hr.department",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user.employee_id.department_id,
        help="The department whose work waits.",
    )
    description = fields.Html(required=True)
    impact = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
        tracking=True,
    )
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved"), ("cancel", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    resolution = fields.Text(tracking=True)
    date_raised = fields.Datetime(
        string="Raised On", default=fields.Datetime.now, readonly=True, copy=False
    )
    date_due = fields.Datetime(
        string="Resolve By",
        compute="_compute_deadlines",
        store=True,
        index=True,
        tracking=True,
    )
    date_escalation = fields.Datetime(
        string="Escalation to the Director",
        compute="_compute_deadlines",
        store=True,
        index=True,
    )
    date_resolved = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    managers_notified_date = fields.Datetime(
        string="Managers Notified On", readonly=True, copy=False
    )
    director_notified_date = fields.Datetime(
        string="Director Notified On", readonly=True, copy=False
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    @api.constrains("blocking_department_id", "blocked_department_id")
    def _check_departments(self):
        for issue in self:
            if issue.blocking_department_id == issue.blocked_department_id:
                raise ValidationError(
                    self.env._(
                        "“%(blocking)s” and “%(blocked)s” must be different "
                        "departments.",
                        blocking=issue._fields[
                            "blocking_department_id"
                        ]._description_string(self.env),
                        blocked=issue._fields[
                            "blocked_department_id"
                        ]._description_string(self.env),
                    )
                )

    @api.depends("date_raised", "company_id")
    def _compute_deadlines(self):
        for issue in self:
            if not issue.date_raised:
                issue.date_due = issue.date_escalation = False
                continue
            company = issue.company_id or self.env.company
            calendar = company.resource_calendar_id
            issue.date_due = calendar._bizreg_add_working_days(
                issue.date_raised, company.bizreg_collab_issue_days
            )
            issue.date_escalation = calendar._bizreg_add_working_days(
                issue.date_due, DIRECTOR_AFTER_DAYS
            )

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for issue in self:
            issue.is_overdue = bool(
                issue.state == "open" and issue.date_due and issue.date_due < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on “Overdue”."))
        domain = [
            ("state", "=", "open"),
            ("date_due", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and not any_trusted():
            closed = self.filtered(lambda i: i.state != "open")
            if closed:
                raise UserError(
                    self.env._(
                        "Issue “%s” is closed: it cannot change.", closed[0].name
                    )
                )
        return super().write(vals)

    def unlink(self):
        if not self.env.su and any(issue.state != "open" for issue in self):
            raise UserError(
                self.env._("A resolved issue is kept: it cannot be deleted.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_resolve(self):
        """Open → resolved: the resolution says what was done."""
        self.check_access("write")
        for issue in self:
            if issue.state != "open":
                raise UserError(self.env._("Issue “%s” is not open.", issue.name))
            if not (issue.resolution or "").strip():
                raise UserError(
                    self.env._(
                        "Fill in “%(field)s” to resolve issue “%(issue)s”.",
                        field=issue._fields["resolution"]._description_string(self.env),
                        issue=issue.name,
                    )
                )
        self._bizreg_close("resolved", fields.Datetime.now())
        return True

    def action_cancel(self):
        self.check_access("write")
        for issue in self:
            if issue.state != "open":
                raise UserError(self.env._("Issue “%s” is not open.", issue.name))
        self._bizreg_close("cancel", False)
        return True

    def _bizreg_close(self, state, date_resolved):
        with trusted("engine"):
            self.write({"state": state, "date_resolved": date_resolved})
        # the reminders of the issue are done
        self.sudo().activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("bizreg_base.mail_activity_bizreg_followup")
            )
        ).action_feedback(feedback=self.env._("Issue closed."))

    # ------------------------------------------------------------------
    # Deadlines (bizreg_base escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("managers", "date_due", "managers_notified_date", "_escalate_managers"),
            (
                "director",
                "date_escalation",
                "director_notified_date",
                "_escalate_director",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "open")]

    def _bizreg_escalation_managers(self):
        """The managers of both departments (the Director when neither has
        one)."""
        self.ensure_one()
        departments = (self.blocking_department_id | self.blocked_department_id).sudo()
        users = departments.manager_id.user_id
        return users or self.env.ref("bizreg_base.group_bizreg_director").sudo()

    def _escalate(self, level):
        """Levels 2 and 3 of the ladder: the issue is the departments' own
        (nobody owns it alone): their managers at its deadline, the Director
        two working days later."""
        return self._bizreg_escalation_ladder(
            level,
            lambda issue, action: issue.env._(
                "%(blocked)s waits for %(blocking)s since %(date)s: resolve the "
                "issue together. %(action)s",
                blocked=issue.blocked_department_id.display_name,
                blocking=issue.blocking_department_id.display_name,
                date=issue._bizreg_escalation_time(issue.date_raised),
                action=action,
            ),
            None,
        )

    def _escalate_managers(self):
        return self._escalate(2)

    def _escalate_director(self):
        return self._escalate(3)

    def _bizreg_run_escalations(self, now=None, limit=None, keys=None):
        with trusted("engine"):
            return super()._bizreg_run_escalations(now=now, limit=limit, keys=keys)

    @api.model
    def _cron_deadlines(self):
        return self._bizreg_run_escalations()
