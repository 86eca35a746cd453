# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import company_today, period_bounds, trusted

# Working days after the due date before the owner's manager, then the
# Director, are told (DEFAULTS: meeting action items).
MANAGER_DAYS = 2
DIRECTOR_DAYS = 5


class BizregMeetingAction(models.Model):
    """An action item of a meeting's minutes: what, who (the owner), by when.

    open → done (by its owner, the chair or a manager of the department) or
    cancelled (by the chair or a manager).  At the due date the owner gets a
    reminder; two working days later his department's manager, five working
    days later the Director are told.  An open item stays on the agenda of
    the next meetings of the series until it is closed."""

    _name = "bizreg.meeting.action"
    _description = "Meeting Action Item"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.meeting.minutes.line",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_due, id"
    _bizreg_minutes_terms = ("name", "user_id", "date_due")

    name = fields.Char(string="Action", required=True, tracking=True)
    meeting_id = fields.Many2one(
        "bizreg.meeting", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        string="Owner", required=True, help="Carries the action out and closes it."
    )
    series_id = fields.Many2one(
        related="meeting_id.series_id", store=True, index=True, string="Meeting Series"
    )
    meeting_department_id = fields.Many2one(
        related="meeting_id.department_id",
        store=True,
        index=True,
        string="Meeting Department",
    )
    chair_id = fields.Many2one(related="meeting_id.chair_id", string="Chair")
    date_due = fields.Date(string="Due Date", required=True, tracking=True, index=True)
    note = fields.Text()
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancel", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_done = fields.Date(string="Closed On", readonly=True, copy=False)
    is_on_time = fields.Boolean(
        string="On Time",
        compute="_compute_is_on_time",
        store=True,
        aggregator="bool_and",
        help="Done on or before its due date.",
    )
    on_time_rate = fields.Float(
        string="On Time (%)",
        compute="_compute_is_on_time",
        store=True,
        aggregator="avg",
        help="100 for an item done on time, 0 for one done late or overdue; "
        "empty while it is open and not due.",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
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
    director_date = fields.Datetime(
        string="Director Escalation Due",
        compute="_compute_escalation_dates",
        store=True,
        index=True,
    )
    reminded_date = fields.Datetime(string="Reminded On", readonly=True, copy=False)
    escalated_date = fields.Datetime(string="Escalated On", readonly=True, copy=False)
    director_escalated_date = fields.Datetime(
        string="Escalated to the Director On", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("state", "date_done", "date_due")
    def _compute_is_on_time(self):
        for item in self:
            on_time = bool(
                item.state == "done"
                and item.date_done
                and item.date_due
                and item.date_done <= item.date_due
            )
            item.is_on_time = on_time
            item.on_time_rate = 100.0 if on_time else 0.0

    def _compute_is_overdue(self):
        for item in self:
            today = company_today(item.company_id or self.env.company)
            item.is_overdue = bool(
                item.state == "open" and item.date_due and item.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        today = company_today(self.env.company)
        overdue = [("state", "=", "open"), ("date_due", "<", today)]
        if (operator == "=") == bool(value):
            return overdue
        return ["!", "&", *overdue]

    @api.depends("date_due", "company_id")
    def _compute_escalation_dates(self):
        """At the start of the due day, then two and five working days after
        the due day (company calendar, public holidays skipped); one
        calendar computation per due date and company."""
        cache = {}
        for item in self:
            if not item.date_due:
                item.reminder_date = item.escalation_date = item.director_date = False
                continue
            company = item.company_id or self.env.company
            key = (company.id, item.date_due)
            if key not in cache:
                start, end = period_bounds(company, item.date_due, item.date_due)
                calendar = company.resource_calendar_id
                cache[key] = (
                    start,
                    calendar._bizreg_add_working_days(end, MANAGER_DAYS),
                    calendar._bizreg_add_working_days(end, DIRECTOR_DAYS),
                )
            item.reminder_date, item.escalation_date, item.director_date = cache[key]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Meeting = self.env["bizreg.meeting"]
        for vals in vals_list:
            if not vals.get("date_due"):
                raise ValidationError(
                    self.env._(
                        "“%s” of an action item is required.",
                        self._fields["date_due"]._description_string(self.env),
                    )
                )
            if vals.get("meeting_id") and not vals.get("company_id"):
                vals["company_id"] = Meeting.browse(vals["meeting_id"]).company_id.id
        items = super().create(vals_list)
        items._bizreg_sync_agendas()
        return items

    def write(self, vals):
        if {"name", "user_id", "date_due", "meeting_id"} & set(vals) and not (
            self.env.su
        ):
            # the terms of the minutes: written by who writes the minutes
            self.meeting_id.check_access("write")
            for item in self:
                if item.state != "open":
                    raise UserError(
                        self.env._(
                            "Action item “%s” is closed: it cannot change.", item.name
                        )
                    )
        res = super().write(vals)
        if "date_due" in vals:
            # a new due date: its reminder and escalations are due again
            self._bizreg_engine_write(
                {
                    "reminded_date": False,
                    "escalated_date": False,
                    "director_escalated_date": False,
                }
            )
        return res

    def unlink(self):
        series = self.series_id
        if not self.env.su and any(item.state == "done" for item in self):
            raise UserError(self.env._("A done action item cannot be deleted."))
        res = super().unlink()
        series._bizreg_planned_meetings()._bizreg_sync_carried_items()
        return res

    def _bizreg_sync_agendas(self):
        """The planned meetings of the items' series carry the open items."""
        self.series_id._bizreg_planned_meetings()._bizreg_sync_carried_items()

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------
    def _check_closer(self, owner_allowed=True):
        """The owner (when allowed), the meeting's chair, or a manager of the
        meeting's department (or the Director)."""
        user = self.env.user
        if self.env.su:
            return
        for item in self:
            meeting = item.sudo().meeting_id
            if owner_allowed and item.sudo().user_id == user:
                continue
            if meeting.chair_id == user or meeting._is_manager(user):
                continue
            raise AccessError(
                self.env._(
                    "Only the owner of action item “%(item)s”, the chair of its "
                    "meeting or a manager of the department can close it.",
                    item=item.sudo().name,
                )
            )

    def _set_state(self, state, date_done=False):
        self.sudo()._bizreg_engine_write({"state": state, "date_done": date_done})
        self.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.env.user
        ).action_feedback()
        self.sudo()._bizreg_sync_agendas()

    def action_done(self):
        """The owner (or the chair, or a manager) closes the item."""
        self.check_access("read")
        self._check_closer()
        self._check_open()
        for item in self:
            today = company_today(item.company_id or self.env.company)
            item._set_state("done", today)
        return True

    def action_cancel(self):
        """The chair or a manager drops the item."""
        self.check_access("read")
        self._check_closer(owner_allowed=False)
        self._check_open()
        self._set_state("cancel")
        return True

    def action_reopen(self):
        self.check_access("read")
        self._check_closer(owner_allowed=False)
        for item in self:
            if item.state == "open":
                raise UserError(
                    self.env._("Action item “%s” is already open.", item.name)
                )
        self._set_state("open")
        return True

    def _check_open(self):
        for item in self:
            if item.state != "open":
                raise UserError(
                    self.env._("Action item “%s” is already closed.", item.sudo().name)
                )

    def _bizreg_notify_owners(self):
        """The owners of the open items of published minutes get an activity
        due on the item's date (once)."""
        todo = self.sudo().filtered(
            lambda a: (
                a.state == "open"
                and not a.activity_ids.filtered(
                    lambda act, a=a: act.user_id == a.user_id
                )
            )
        )
        for item in todo:
            item.activity_schedule(
                "bizreg_base.mail_activity_bizreg_followup",
                date_deadline=item.date_due,
                summary=item.env._("Action item: %s", item.name),
                user_id=item.user_id.id,
            )

    # ------------------------------------------------------------------
    # Deadlines (bizreg_base escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("reminder", "reminder_date", "reminded_date", "_remind_owner"),
            ("manager", "escalation_date", "escalated_date", "_escalate_manager"),
            (
                "director",
                "director_date",
                "director_escalated_date",
                "_escalate_director",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "open")]

    def _escalate(self, level):
        """The escalation ladder: the owner on the due date, his manager two
        working days later, the Director after five."""
        return self._bizreg_escalation_ladder(
            level,
            lambda item, action: item.env._(
                "Action item “%(item)s” of meeting %(meeting)s, owned by "
                "%(owner)s, was due on %(date)s. %(action)s",
                item=item.name,
                meeting=item.meeting_id.display_name,
                owner=item.user_id.name,
                date=item.date_due,
                action=action,
            ),
            lambda item: item.env._("Action item due today: %s", item.name),
        )

    def _remind_owner(self):
        return self._escalate(1)

    def _escalate_manager(self):
        return self._escalate(2)

    def _escalate_director(self):
        return self._escalate(3)

    def _bizreg_escalation_announce(self, activities):
        """The owners reminded of their items due today are told in one
        notice per language (the activity in their activity menu names the
        item) rather than one "assigned to you" message each: a reminder
        batch has as many recipients as items.  The escalations (a few
        managers, the Director) keep the mixin's notices."""
        singles = self.env["mail.activity"]
        for user, mine in activities.grouped("user_id").items():
            if user and user != self.env.user and len(mine) == 1:
                singles |= mine
        if len(singles) <= 1:
            return super()._bizreg_escalation_announce(activities)
        super()._bizreg_escalation_announce(activities - singles)
        default_lang = self.env.lang or "en_US"
        for lang, mine in singles.grouped(
            lambda a: a.user_id.lang or default_lang
        ).items():
            env = mine.with_context(lang=lang).env
            env["mail.thread"].sudo().message_notify(
                partner_ids=mine.user_id.partner_id.ids,
                subject=env._("Meeting action item due"),
                body=Markup("<p>%s</p>")
                % env._(
                    "One of your meeting action items is due: see your activities."
                ),
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _bizreg_run_escalations(self, now=None, limit=None, keys=None):
        with trusted("engine"):
            return super()._bizreg_run_escalations(now=now, limit=limit, keys=keys)

    @api.model
    def _cron_deadlines(self):
        return self._bizreg_run_escalations()
