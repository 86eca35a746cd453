# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from odoo.addons.bizreg_base.tools import any_trusted, period_bounds, trusted


class BizregWorkReport(models.Model):
    """A work report (工作汇报) of one employee for one period, expected by
    a template of his department.

    The daily cron creates the expected drafts; the author writes the
    content and submits it by the due date; the recipients (his manager and
    the template's additional recipients) read it and comment it.  A draft
    past its due date is a missing report: the author is reminded at the
    due time, his manager one working day later.

    The submitted content is the record: it does not change afterwards.  A
    correction is added in the chatter (a message, kept with its author and
    time), not as a new version of the report: one report per author and
    period keeps the submission statistics exact.
    """

    _name = "bizreg.work.report"
    _description = "Work Report"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_due desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    template_id = fields.Many2one(
        "bizreg.work.report.template",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    frequency = fields.Selection(related="template_id.frequency", store=True)
    user_id = fields.Many2one(
        "res.users", string="Author", readonly=True, default=False
    )
    company_id = fields.Many2one(readonly=True)
    date_from = fields.Date(string="Period Start", required=True, readonly=True)
    date_to = fields.Date(string="Period End", required=True, readonly=True)
    content = fields.Html()
    recipient_ids = fields.Many2many(
        "res.users",
        "bizreg_work_report_recipient_rel",
        "report_id",
        "user_id",
        string="Recipients",
        readonly=True,
    )
    manager_user_id = fields.Many2one(
        "res.users",
        string="Author's Manager",
        readonly=True,
        index=True,
        help="Told one working day after the due date of a missing report.",
    )
    date_due = fields.Datetime(string="Due", readonly=True, index=True)
    date_escalation = fields.Datetime(
        string="Escalation Due", readonly=True, index=True
    )
    date_submitted = fields.Datetime(string="Submitted On", readonly=True, copy=False)
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        store=True,
        index=True,
        help="Submitted after the due date, or not submitted when it passed.",
    )
    is_missing = fields.Boolean(
        string="Missing",
        compute="_compute_is_missing",
        search="_search_is_missing",
        help="Not submitted and past its due date.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("commented", "Commented"),
        ],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    manager_comment = fields.Text(string="Manager's Comment", tracking=True, copy=False)
    commented_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_commented = fields.Datetime(string="Commented On", readonly=True, copy=False)
    reminded_date = fields.Datetime(string="Reminded On", readonly=True, copy=False)
    escalated_date = fields.Datetime(string="Escalated On", readonly=True, copy=False)
    is_author = fields.Boolean(compute="_compute_roles")
    is_recipient = fields.Boolean(compute="_compute_roles")

    _sql_constraints = [
        (
            "one_per_period",
            "UNIQUE(template_id, user_id, date_from)",
            "An employee has one report per template and period.",
        ),
    ]

    @api.depends("template_id.name", "user_id.name", "date_from", "date_to")
    def _compute_name(self):
        for report in self:
            period = str(report.date_from or "")
            if report.date_to and report.date_to != report.date_from:
                period = f"{report.date_from} – {report.date_to}"
            report.name = " · ".join(
                part
                for part in (
                    report.template_id.sudo().name,
                    report.user_id.sudo().name,
                    period,
                )
                if part
            )

    @api.depends("date_submitted", "date_due", "reminded_date")
    def _compute_is_late(self):
        for report in self:
            if report.date_submitted:
                report.is_late = bool(
                    report.date_due and report.date_submitted > report.date_due
                )
            else:
                # the reminder fires at the due date: not submitted by then
                report.is_late = bool(report.reminded_date)

    @api.depends("state", "date_due")
    def _compute_is_missing(self):
        now = fields.Datetime.now()
        for report in self:
            report.is_missing = bool(
                report.state == "draft" and report.date_due and report.date_due < now
            )

    def _search_is_missing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on “Missing”."))
        missing = [
            ("state", "=", "draft"),
            ("date_due", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return missing
        return ["!", "&", *missing]

    @api.depends_context("uid")
    @api.depends("user_id", "recipient_ids")
    def _compute_roles(self):
        for report in self:
            report.is_author = report.user_id == self.env.user
            report.is_recipient = self.env.user in report.recipient_ids

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for report in self:
            if (
                report.date_from
                and report.date_to
                and report.date_to < report.date_from
            ):
                raise ValidationError(
                    self.env._(
                        "“Period End” of work report “%s” cannot be before its "
                        "“Period Start”.",
                        report.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD: who writes what
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and not any_trusted():
            self._check_user_write(vals)
        res = super().write(vals)
        if (
            "manager_comment" in vals
            and (vals["manager_comment"] or "").strip()
            and not any_trusted()
        ):
            self.filtered(lambda r: r.state == "submitted")._mark_commented()
        return res

    def _check_user_write(self, vals):
        user = self.env.user
        for report in self:
            if "content" in vals:
                if report.user_id != user:
                    raise AccessError(
                        self.env._(
                            "Only the author writes the content of work report “%s”.",
                            report.name,
                        )
                    )
                if report.state != "draft":
                    raise UserError(
                        self.env._(
                            "Work report “%s” was submitted: its content cannot "
                            "change. Add a correction as a message in the chatter.",
                            report.name,
                        )
                    )
            if "manager_comment" in vals:
                if user not in report.recipient_ids:
                    raise AccessError(
                        self.env._(
                            "Only a recipient of work report “%s” comments it.",
                            report.name,
                        )
                    )
                if report.state == "draft":
                    raise UserError(
                        self.env._(
                            "Work report “%s” is not submitted yet: it cannot be "
                            "commented.",
                            report.name,
                        )
                    )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_submit(self):
        user = self.env.user
        for report in self:
            if report.user_id != user:
                raise AccessError(
                    self.env._("Only the author submits work report “%s”.", report.name)
                )
            if report.state != "draft":
                raise UserError(
                    self.env._("Work report “%s” was already submitted.", report.name)
                )
            if is_html_empty(report.content):
                raise UserError(
                    self.env._(
                        "Write the content of work report “%s” before submitting it.",
                        report.name,
                    )
                )
        now = fields.Datetime.now()
        self.sudo()._bizreg_engine_write({"state": "submitted", "date_submitted": now})
        self._close_reminders()
        for report in self.sudo():
            if report.recipient_ids:
                report.message_post(
                    body=Markup("<p>%s</p>")
                    % self.env._("Work report submitted for your comment."),
                    partner_ids=report.recipient_ids.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_comment(self):
        """The recipient's comment is written: the report is commented."""
        user = self.env.user
        for report in self:
            if user not in report.recipient_ids:
                raise AccessError(
                    self.env._(
                        "Only a recipient of work report “%s” comments it.",
                        report.name,
                    )
                )
            if report.state == "draft":
                raise UserError(
                    self.env._(
                        "Work report “%s” is not submitted yet: it cannot be "
                        "commented.",
                        report.name,
                    )
                )
            if not (report.manager_comment or "").strip():
                raise UserError(
                    self.env._("Write the comment of work report “%s”.", report.name)
                )
        self._mark_commented()
        return True

    def _mark_commented(self):
        self.sudo()._bizreg_engine_write(
            {
                "state": "commented",
                "commented_by_id": self.env.uid,
                "date_commented": fields.Datetime.now(),
            }
        )

    def _close_reminders(self):
        activities = self.sudo().activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("bizreg_base.mail_activity_bizreg_followup")
            )
        )
        if activities:
            activities.action_feedback(
                feedback=self.env._("The work report was submitted.")
            )

    # ------------------------------------------------------------------
    # Deadlines (bizreg_base escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("reminder", "date_due", "reminded_date", "_remind_author"),
            ("escalation", "date_escalation", "escalated_date", "_escalate_manager"),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "draft")]

    def _remind_author(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda report: report.user_id,
            summary=lambda report, _user, _target: report.env._(
                "Work report due: %s", report.name
            ),
            note=lambda report, _user, _target: report.env._(
                "Your work report was due on %s: write and submit it.",
                report._bizreg_escalation_time(report.date_due),
            ),
        )

    def _escalate_manager(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda report: (
                report.manager_user_id
                or self.env.ref("bizreg_base.group_bizreg_director")
            ),
            summary=lambda report, _user, _target: report.env._(
                "Missing work report: %s", report.name
            ),
            note=lambda report, _user, _target: report.env._(
                "%(author)s has not submitted the work report due on %(date)s.",
                author=report.user_id.name,
                date=report._bizreg_escalation_time(report.date_due),
            ),
            post=lambda report, _user, target: report.env._(
                "Missing a working day after its due date: %s was told.", target
            ),
        )

    def _bizreg_run_escalations(self, now=None, limit=None, keys=None):
        with trusted("engine"):
            return super()._bizreg_run_escalations(now=now, limit=limit, keys=keys)

    # ------------------------------------------------------------------
    # Statistics
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_kpi_reports(self, users, date_from, date_to, company=None):
        """Work reports per author for a period, for an appraisal of
        ``company`` (default: the current company).

        ``users``: ids or records; ``date_from``/``date_to``: days
        (inclusive) in ``company``'s time zone
        (``bizreg_base.tools.period_bounds``, half-open); a report belongs
        to the period of its due date.  Records of every company count,
        whoever asks.

        - ``expected``: the reports due in the period, already due (a report
          not yet due counts once submitted);
        - ``submitted``: of them, those submitted (commented ones included);
        - ``on_time``: of them, those submitted by their due date.

        One ``_read_group`` whatever the number of users; returns
        ``{user_id: {"expected": n, "submitted": n, "on_time": n}}`` for
        every requested user.
        """
        user_ids = list(users.ids if isinstance(users, models.BaseModel) else users)
        result = {
            uid: {"expected": 0, "submitted": 0, "on_time": 0} for uid in user_ids
        }
        if not user_ids:
            return result
        start, stop = period_bounds(company or self.env.company, date_from, date_to)
        now = fields.Datetime.now()
        for user, state, late, count in (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("user_id", "in", user_ids),
                    ("date_due", ">=", start),
                    ("date_due", "<", stop),
                    "|",
                    ("date_due", "<=", now),
                    ("state", "!=", "draft"),
                ],
                ["user_id", "state", "is_late"],
                ["__count"],
            )
        ):
            values = result[user.id]
            values["expected"] += count
            if state != "draft":
                values["submitted"] += count
                if not late:
                    values["on_time"] += count
        return result
