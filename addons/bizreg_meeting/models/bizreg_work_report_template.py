# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import datetime as dt
from collections import defaultdict

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.bizreg_base.tools import company_today, company_tz, trusted

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
COMMENT = "内容清楚，请继续跟进合同评审。"


class BizregWorkReportTemplate(models.Model):
    """A work report a department expects (工作汇报): who writes it, how
    often, for whom, with which sections, and by when.

    The deadline is in the company's time zone: a daily report is due at the
    hour on the working day itself, a weekly one on the weekday of the week
    (the last working day before it when that day is a holiday), a monthly
    one on the last working day of the month; working days are those of the
    company's working calendar (public holidays included).  One working day
    after the deadline the author's manager is told of a missing report.
    """

    _name = "bizreg.work.report.template"
    _description = "Work Report Template"
    _inherit = ["mail.thread"]
    _order = "department_id, sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    frequency = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        required=True,
        default="weekly",
        tracking=True,
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Authors",
        help="The employees who write this report; empty: every employee of "
        "the department.",
    )
    recipient_user_ids = fields.Many2many(
        "res.users",
        string="Additional Recipients",
        domain="[('share', '=', False)]",
        help="Besides the author's manager (the employee's manager, else the "
        "department's manager), who always receives the report.",
    )
    content_template = fields.Html(
        string="Sections",
        help="The sections every report starts from.",
    )
    deadline_weekday = fields.Selection(
        WEEKDAYS,
        string="Due Weekday",
        default="4",
        help="Weekly reports: the day of the week they are due.",
    )
    deadline_hour = fields.Float(
        string="Due Hour",
        default=18.0,
        help="Hour of the due day (company time zone) the report is due.",
    )
    report_count = fields.Integer(compute="_compute_report_count")

    @api.constrains("deadline_hour")
    def _check_deadline_hour(self):
        for template in self:
            if not 0 <= template.deadline_hour < 24:
                raise ValidationError(
                    self.env._(
                        "“Due Hour” of work report template “%s” must be "
                        "between 0 and 24.",
                        template.name,
                    )
                )

    @api.constrains("frequency", "deadline_weekday")
    def _check_weekday(self):
        for template in self:
            if template.frequency == "weekly" and not template.deadline_weekday:
                raise ValidationError(
                    self.env._(
                        "Choose the “Due Weekday” of weekly template “%s”.",
                        template.name,
                    )
                )

    def _compute_report_count(self):
        counts = dict(
            self.env["bizreg.work.report"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.report_count = counts.get(template, 0)

    # ------------------------------------------------------------------
    # Periods and deadlines
    # ------------------------------------------------------------------
    def _period(self, day):
        """``(date_from, date_to)`` of the period that contains ``day``."""
        self.ensure_one()
        if self.frequency == "daily":
            return day, day
        if self.frequency == "weekly":
            monday = day - dt.timedelta(days=day.weekday())
            return monday, monday + dt.timedelta(days=6)
        first = day.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)

    def _working_days(self, date_from, date_to):
        """The working days from ``date_from`` to ``date_to`` of the company's
        calendar (public holidays excluded); every day without a calendar."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        days = {
            date_from + dt.timedelta(days=n)
            for n in range((date_to - date_from).days + 1)
        }
        if not calendar:
            return days
        tz = company_tz(self.company_id)
        start = tz.localize(dt.datetime.combine(date_from, dt.time.min))
        stop = tz.localize(dt.datetime.combine(date_to, dt.time.max))
        intervals = calendar._work_intervals_batch(start, stop, tz=tz)[False]
        return {begin.astimezone(tz).date() for begin, _end, _rec in intervals}

    def _due_day(self, date_from, date_to):
        """The day a report of the period is due, or False when none is
        expected (a daily report on a day off)."""
        self.ensure_one()
        if self.frequency == "daily":
            return (
                date_from
                if date_from in self._working_days(date_from, date_to)
                else False
            )
        if self.frequency == "weekly":
            day = date_from + dt.timedelta(days=int(self.deadline_weekday or 4))
            working = self._working_days(date_from, day)
        else:
            day = date_to
            working = self._working_days(date_from, date_to)
        # the day itself when it is worked, else the last working day before
        # it in the period (a Friday holiday: due on Thursday)
        before = sorted(d for d in working if d <= day)
        return before[-1] if before else day

    def _deadlines(self, date_from, date_to):
        """``(date_due, date_escalation)`` (naive UTC) of a period, or
        ``(False, False)`` when no report is expected."""
        self.ensure_one()
        day = self._due_day(date_from, date_to)
        if not day:
            return False, False
        tz = company_tz(self.company_id)
        hours = int(self.deadline_hour)
        minutes = round((self.deadline_hour - hours) * 60)
        local = tz.localize(dt.datetime.combine(day, dt.time(hours, min(minutes, 59))))
        due = local.astimezone(pytz.utc).replace(tzinfo=None)
        calendar = self.company_id.resource_calendar_id
        return due, calendar._bizreg_add_working_days(due, 1)

    # ------------------------------------------------------------------
    # Authors and recipients
    # ------------------------------------------------------------------
    def _authors(self):
        """The employees (with a user) who write this report."""
        self.ensure_one()
        employees = self.sudo().employee_ids or self.env["hr.employee"].sudo().search(
            [("department_id", "=", self.department_id.id)]
        )
        return employees.filtered(lambda e: e.active and e.user_id)

    @api.model
    def _manager_user(self, employee):
        """The author's manager: the employee's manager, else the manager of
        the department (of the parent department for its own manager)."""
        employee = employee.sudo()
        manager = employee.parent_id
        department = employee.department_id
        while (not manager or manager == employee) and department:
            manager = department.manager_id
            department = department.parent_id
        if manager == employee:
            return self.env["res.users"]
        return manager.user_id

    # ------------------------------------------------------------------
    # Expected reports
    # ------------------------------------------------------------------
    def _bizreg_generate_reports(self, day=None):
        """Create the draft reports expected of the period containing ``day``
        (default: today in the company's time zone) for every author of
        every template of ``self``; a report already there is not created
        again (one per template, author and period).  Returns the new
        reports."""
        Report = self.env["bizreg.work.report"].sudo()
        todo = defaultdict(list)  # (template, date_from) -> authors
        periods = {}
        for template in self.sudo().filtered("active"):
            today = day or company_today(template.company_id)
            date_from, date_to = template._period(today)
            due, escalation = template._deadlines(date_from, date_to)
            if not due:
                continue
            periods[template] = (date_from, date_to, due, escalation)
            todo[template, date_from] = template._authors()
        if not todo:
            return Report
        existing = set()
        domain = [
            ("template_id", "in", [t.id for t in periods]),
            ("date_from", "in", list({p[0] for p in periods.values()})),
        ]
        for template, user, date_from in Report.with_context(
            active_test=False
        )._read_group(domain, ["template_id", "user_id", "date_from:day"]):
            existing.add((template.id, user.id, date_from))
        vals_list = []
        for (template, date_from), authors in todo.items():
            _from, date_to, due, escalation = periods[template]
            for employee in authors:
                if (template.id, employee.user_id.id, date_from) in existing:
                    continue
                recipients = (
                    self._manager_user(employee) | template.recipient_user_ids
                ) - employee.user_id
                vals_list.append(
                    {
                        "template_id": template.id,
                        "user_id": employee.user_id.id,
                        "company_id": template.company_id.id,
                        "date_from": date_from,
                        "date_to": date_to,
                        "date_due": due,
                        "date_escalation": escalation,
                        "manager_user_id": self._manager_user(employee).id,
                        "recipient_ids": [Command.set(recipients.ids)],
                        "content": template.content_template,
                    }
                )
        if not vals_list:
            return Report
        with trusted("engine"):
            return Report.with_context(
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                tracking_disable=True,
            ).create(vals_list)

    def action_generate_reports(self):
        """Create the expected reports of the current period now (they are
        also created by the daily cron)."""
        self.check_access("write")
        reports = self._bizreg_generate_reports()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "%s expected work reports created.", len(reports)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_meeting.bizreg_work_report_action"
        )
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def _cron_work_reports(self):
        """Hourly: create the expected reports of the current periods, then
        remind and escalate the missing ones."""
        self.search([])._bizreg_generate_reports()
        return self.env["bizreg.work.report"]._bizreg_run_escalations()

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_demo_past_reports(self, weekly_id, monthly_id):
        """Demo: past reports of the two demo templates (the two previous
        weeks and the previous month): submitted on time, late, one missing,
        one commented by the manager."""
        Report = self.env["bizreg.work.report"].sudo()
        weekly, monthly = self.browse(weekly_id), self.browse(monthly_id)
        today = company_today(weekly.company_id)
        body = (
            "<h3>本周完成</h3><p>拜访客户 3 家，跟进报价 2 份。</p>"
            "<h3>下周计划</h3><p>完成合同评审。</p>"
        )
        old = weekly._bizreg_generate_reports(today - dt.timedelta(days=14))
        last = weekly._bizreg_generate_reports(today - dt.timedelta(days=7))
        month = monthly._bizreg_generate_reports(
            today.replace(day=1) - dt.timedelta(days=1)
        )

        def submit(report, delay_hours, comment=None):
            vals = {
                "content": body,
                "state": "commented" if comment else "submitted",
                "date_submitted": report.date_due + dt.timedelta(hours=delay_hours),
                "reminded_date": report.date_due if delay_hours > 0 else False,
            }
            if comment:
                vals["manager_comment"] = comment
            report._bizreg_engine_write(vals)

        for reports, missing, commented in (
            (old, False, True),
            (last, True, False),
            (month, False, False),
        ):
            reports = reports.sorted(lambda r: r.user_id.id)
            for index, report in enumerate(reports):
                if missing and index == 1:
                    report._bizreg_engine_write({"reminded_date": report.date_due})
                    continue
                late = index == 1
                comment = COMMENT if commented and not late else None
                submit(report, 20 if late else -3, comment)
        return Report.browse((old | last | month).ids)
