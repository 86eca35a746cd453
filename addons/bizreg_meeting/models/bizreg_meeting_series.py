# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import calendar as pycalendar
from datetime import datetime, time, timedelta

import pytz

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.bizreg_base.tools import company_today, company_tz

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class BizregMeetingSeries(models.Model):
    """A department's regular meeting (部门例会): who chairs it, who attends,
    when it recurs and its standing agenda.  The meetings of the coming days
    are generated ahead (``horizon_days``) as ``bizreg.meeting`` records, each
    with its event in the attendees' calendars.

    The series generates its own occurrences rather than using the
    recurrence of ``calendar.event``: every occurrence is a regulated record
    (attendance, minutes, approval, number) that must exist before the
    meeting, and the department's rules (weekday or day of month, time,
    duration) stay on the series, not on a calendar event one attendee may
    move or delete."""

    _name = "bizreg.meeting.series"
    _description = "Meeting Series"
    _inherit = ["mail.thread"]
    _order = "name, id"
    _bizreg_user_fields = ("chair_id", "member_ids")

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    chair_id = fields.Many2one(
        "res.users",
        compute="_compute_chair",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Chairs the meetings and approves their minutes; by default the "
        "department's manager.",
    )
    secretary_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Writes the minutes of the meetings (the chair when empty).",
    )
    member_ids = fields.Many2many(
        "res.users",
        "bizreg_meeting_series_member_rel",
        "series_id",
        "user_id",
        string="Members",
        compute="_compute_members",
        store=True,
        readonly=False,
        domain="[('share', '=', False)]",
        help="Invited to every meeting; by default the department's employees.",
    )
    recurrence = fields.Selection(
        [("weekly", "Weekly"), ("biweekly", "Every Two Weeks"), ("monthly", "Monthly")],
        required=True,
        default="weekly",
        tracking=True,
    )
    weekday = fields.Selection(WEEKDAYS, default="0", tracking=True)
    month_day = fields.Integer(
        string="Day of Month", default=1, help="Monthly meetings: 1 to 28."
    )
    time_start = fields.Float(
        string="Time", default=9.0, help="Local time of the company."
    )
    duration = fields.Float(default=1.0, help="Hours.")
    location = fields.Char()
    date_start = fields.Date(
        string="First Meeting From",
        required=True,
        default=fields.Date.context_today,
    )
    date_end = fields.Date(string="Until")
    horizon_days = fields.Integer(
        string="Plan Ahead (days)",
        default=14,
        help="Meetings are generated this many days ahead.",
    )
    agenda_template_ids = fields.One2many(
        "bizreg.meeting.agenda.template", "series_id", string="Standing Agenda"
    )
    meeting_ids = fields.One2many("bizreg.meeting", "series_id", string="Meetings")
    meeting_count = fields.Integer(compute="_compute_meeting_count")

    @api.depends("department_id")
    def _compute_chair(self):
        for series in self:
            series.chair_id = series.department_id.sudo().manager_id.user_id

    @api.depends("department_id")
    def _compute_members(self):
        for series in self:
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search([("department_id", "=", series.department_id.id)])
                if series.department_id
                else self.env["hr.employee"]
            )
            series.member_ids = employees.user_id - series.chair_id

    def _compute_meeting_count(self):
        counts = dict(
            self.env["bizreg.meeting"]._read_group(
                [("series_id", "in", self.ids)], ["series_id"], ["__count"]
            )
        )
        for series in self:
            series.meeting_count = counts.get(series, 0)

    @api.constrains(
        "month_day", "time_start", "duration", "horizon_days", "date_start", "date_end"
    )
    def _check_schedule(self):
        for series in self:
            fields_ = series._fields
            if series.recurrence == "monthly" and not 1 <= series.month_day <= 28:
                raise ValidationError(
                    self.env._(
                        "“%s” must be between 1 and 28.",
                        fields_["month_day"]._description_string(self.env),
                    )
                )
            if not 0 <= series.time_start < 24:
                raise ValidationError(
                    self.env._(
                        "“%s” must be a time of the day (0 to 24).",
                        fields_["time_start"]._description_string(self.env),
                    )
                )
            if not 0 < series.duration <= 24:
                raise ValidationError(
                    self.env._(
                        "“%s” must be more than 0 and at most 24 hours.",
                        fields_["duration"]._description_string(self.env),
                    )
                )
            if not 0 <= series.horizon_days <= 366:
                raise ValidationError(
                    self.env._(
                        "“%s” must be between 0 and 366 days.",
                        fields_["horizon_days"]._description_string(self.env),
                    )
                )
            if series.date_end and series.date_end < series.date_start:
                raise ValidationError(
                    self.env._(
                        "“%s” is before the first meeting.",
                        fields_["date_end"]._description_string(self.env),
                    )
                )

    @api.constrains("recurrence", "weekday")
    def _check_weekday(self):
        for series in self:
            if series.recurrence in ("weekly", "biweekly") and not series.weekday:
                raise ValidationError(
                    self.env._(
                        "“%s” is required for weekly meetings.",
                        series._fields["weekday"]._description_string(self.env),
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "chair_id" in vals or "secretary_id" in vals:
            # the meetings still to be held follow the new chair or secretary
            planned = self.meeting_ids.filtered(lambda m: m.state == "planned")
            planned.sudo()._bizreg_follow_series()
        return res

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    def _occurrences(self, date_from, date_to):
        """The meeting days of the series between ``date_from`` and
        ``date_to`` (inclusive)."""
        self.ensure_one()
        first = max(date_from, self.date_start)
        last = min(date_to, self.date_end) if self.date_end else date_to
        days = []
        day = first
        while day <= last:
            if self.recurrence == "monthly":
                month_days = pycalendar.monthrange(day.year, day.month)[1]
                if day.day == min(self.month_day, month_days):
                    days.append(day)
            elif day.weekday() == int(self.weekday or 0):
                weeks = (day - self.date_start).days // 7
                if self.recurrence == "weekly" or weeks % 2 == 0:
                    days.append(day)
            day += timedelta(days=1)
        return days

    def _start_of(self, day):
        """The UTC start of the meeting on ``day`` (local time of the company)."""
        self.ensure_one()
        tz = company_tz(self.company_id)
        hours = int(self.time_start)
        minutes = int(round((self.time_start - hours) * 60))
        local = tz.localize(datetime.combine(day, time(hours, min(minutes, 59))))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _generate_meetings(self, date_from=None):
        """Create the meetings of the series due in their planning horizon
        (from ``date_from``, default today), once per day: a day that already
        has a meeting of the series (even cancelled) is skipped.  The
        meetings are created by the system (the series' schedule), not by
        whoever triggered the generation: their chair approves the minutes."""
        Meeting = self.env["bizreg.meeting"].with_user(SUPERUSER_ID).sudo()
        series = self.filtered("active")
        if not series:
            return Meeting
        starts = {}
        for rec in series:
            today = date_from or company_today(rec.company_id)
            for day in rec._occurrences(today, today + timedelta(rec.horizon_days)):
                starts[(rec.id, day)] = rec._start_of(day)
        if not starts:
            return Meeting
        existing = {
            (meeting.series_id.id, meeting.date)
            for meeting in Meeting.with_context(active_test=False).search(
                [
                    ("series_id", "in", series.ids),
                    ("date", ">=", min(day for _s, day in starts)),
                    ("date", "<=", max(day for _s, day in starts)),
                ]
            )
        }
        by_id = {rec.id: rec for rec in series}
        vals_list = []
        for (series_id, day), start in sorted(starts.items()):
            if (series_id, day) in existing:
                continue
            rec = by_id[series_id]
            vals_list.append(
                {
                    "series_id": rec.id,
                    "start": start,
                    "user_id": (rec.secretary_id or rec.chair_id).id,
                    "location": rec.location,
                    "company_id": rec.company_id.id,
                }
            )
        return Meeting.create(vals_list)

    def action_generate_meetings(self):
        """Button: generate the meetings of the planning horizon now."""
        self.check_access("write")
        meetings = self._generate_meetings()
        return self.with_context(bizreg_generated=len(meetings)).action_view_meetings()

    def _bizreg_planned_meetings(self):
        return (
            self.env["bizreg.meeting"]
            .sudo()
            .search([("series_id", "in", self.ids), ("state", "=", "planned")])
            if self
            else self.env["bizreg.meeting"]
        )

    @api.model
    def _cron_generate_meetings(self):
        return self.search([])._generate_meetings()

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_meeting.bizreg_meeting_action"
        )
        action["domain"] = [("series_id", "=", self.id)]
        action["context"] = {"default_series_id": self.id}
        return action
