# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.bizreg_base.tools import company_tz, trusted

from ..meeting_demo import meeting_flow

# States in which the meeting's agenda follows the open action items.
OPEN_AGENDA_STATES = ("planned",)


class BizregMeeting(models.Model):
    """A department meeting and its minutes (会议纪要).

    planned → held (attendance taken) → to_approve (minutes submitted by the
    secretary) → approved (= published to the participants); a planned
    meeting may be cancelled.  The minutes are approved by the chair; when the
    chair wrote them himself (he is the secretary), by the manager of the
    department's parent department, else by the Director: nobody approves
    his own minutes.  The approved terms are the discussion, the decisions,
    the attendance and the action items (name, owner, due date): a change
    after approval sends the minutes back to review.  The minutes are
    numbered when submitted and printed as a PDF (to be registered in the
    document register)."""

    _name = "bizreg.meeting"
    _description = "Department Meeting"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "start desc, id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _state_from = ["planned", "held", "to_approve", "approved"]
    _state_to = []
    _cancel_state = "cancel"
    _bizreg_review_states = ("held", "to_approve", "approved")
    _bizreg_numbering_trigger = "manual"
    _bizreg_number_in_name = True
    _bizreg_amendable = False
    _bizreg_department_from = "series_id.department_id"

    name = fields.Char(string="Subject", required=True, tracking=True)
    series_id = fields.Many2one(
        "bizreg.meeting.series",
        string="Meeting Series",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    user_id = fields.Many2one(
        string="Secretary", help="Writes and submits the minutes."
    )
    chair_id = fields.Many2one(
        "res.users",
        compute="_compute_chair",
        store=True,
        index=True,
        tracking=True,
    )
    approver_id = fields.Many2one(
        "res.users",
        compute="_compute_approver",
        store=True,
        index=True,
        help="Approves the minutes: the chair; when the chair is also the "
        "secretary, the manager of the parent department (else the Director).",
    )
    start = fields.Datetime(required=True, tracking=True)
    stop = fields.Datetime(
        compute="_compute_stop",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    date = fields.Date(compute="_compute_date", store=True, index=True, precompute=True)
    location = fields.Char()
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("held", "Held"),
            ("to_approve", "Minutes Under Review"),
            ("approved", "Published"),
            ("cancel", "Cancelled"),
        ],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    agenda_line_ids = fields.One2many(
        "bizreg.meeting.agenda.line", "meeting_id", string="Agenda"
    )
    attendance_ids = fields.One2many("bizreg.meeting.attendance", "meeting_id")
    participant_ids = fields.Many2many(
        "res.users",
        "bizreg_meeting_participant_rel",
        "meeting_id",
        "user_id",
        string="Participants",
        compute="_compute_participants",
        store=True,
    )
    discussion = fields.Html()
    decision_ids = fields.One2many(
        "bizreg.meeting.decision", "meeting_id", string="Decisions"
    )
    action_ids = fields.One2many(
        "bizreg.meeting.action", "meeting_id", string="Action Items"
    )
    action_count = fields.Integer(compute="_compute_action_count")
    attendance_rate = fields.Float(
        string="Attendance (%)", compute="_compute_attendance_rate", store=True
    )
    date_published = fields.Datetime(string="Published On", readonly=True, copy=False)

    _sql_constraints = [
        ("stop_after_start", "CHECK(stop >= start)", "A meeting ends after it starts."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("series_id")
    def _compute_chair(self):
        for meeting in self:
            meeting.chair_id = meeting.series_id.sudo().chair_id

    @api.depends("chair_id", "user_id", "department_id.parent_id.manager_id.user_id")
    def _compute_approver(self):
        for meeting in self:
            chair = meeting.chair_id
            if chair and chair != meeting.user_id:
                meeting.approver_id = chair
                continue
            parent = meeting.department_id.sudo().parent_id.manager_id.user_id
            meeting.approver_id = parent if parent and parent != chair else False

    @api.depends("start", "series_id.duration")
    def _compute_stop(self):
        for meeting in self:
            if meeting.start and not meeting.stop:
                hours = meeting.series_id.duration or 1.0
                meeting.stop = meeting.start + timedelta(hours=hours)

    @api.depends("start", "company_id")
    def _compute_date(self):
        for meeting in self:
            if not meeting.start:
                meeting.date = False
                continue
            tz = company_tz(meeting.company_id or self.env.company)
            meeting.date = pytz.utc.localize(meeting.start).astimezone(tz).date()

    @api.depends("attendance_ids.user_id", "chair_id", "user_id")
    def _compute_participants(self):
        for meeting in self:
            meeting.participant_ids = (
                meeting.attendance_ids.user_id | meeting.chair_id | meeting.user_id
            )

    @api.depends("attendance_ids.status")
    def _compute_attendance_rate(self):
        for meeting in self:
            lines = meeting.attendance_ids
            meeting.attendance_rate = (
                100.0
                * len(lines.filtered(lambda a: a.status == "present"))
                / len(lines)
                if lines
                else 0.0
            )

    def _compute_action_count(self):
        counts = dict(
            self.env["bizreg.meeting.action"]._read_group(
                [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count"]
            )
        )
        for meeting in self:
            meeting.action_count = counts.get(meeting, 0)

    # ------------------------------------------------------------------
    # Approved terms: discussion, decisions, attendance, action items
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_terms_fields(self):
        return frozenset({"discussion", "decision_ids", "attendance_ids", "action_ids"})

    def _bizreg_terms(self):
        self.ensure_one()
        return {
            "discussion": self.discussion or "",
            "decisions": [
                {"id": decision.id, "name": decision.name}
                for decision in self.decision_ids.sorted("id")
            ],
            "attendance": [
                {
                    "user": line.user_id.id,
                    "status": line.status,
                    "reason": line.reason or "",
                }
                for line in self.attendance_ids.sorted("id")
            ],
            "actions": [
                {
                    "id": action.id,
                    "name": action.name,
                    "owner": action.user_id.id,
                    "due": str(action.date_due or ""),
                }
                for action in self.action_ids.sorted("id")
            ],
        }

    def _bizreg_terms_snapshot(self):
        self.ensure_one()
        statuses = dict(
            self.env["bizreg.meeting.attendance"]
            ._fields["status"]
            ._description_selection(self.env)
        )
        lines = {}
        for decision in self.decision_ids.sorted("id"):
            lines[f"decision-{decision.id}"] = decision.name
        for line in self.attendance_ids.sorted("id"):
            lines[f"attendance-{line.id}"] = (
                f"{line.user_id.name}: {statuses.get(line.status, '')}"
                f"{' (' + line.reason + ')' if line.reason else ''}"
            )
        for action in self.action_ids.sorted("id"):
            lines[f"action-{action.id}"] = (
                f"{action.name} · {action.user_id.name} · {action.date_due}"
            )
        return {"fields": {"discussion": self.discussion or ""}, "lines": lines}

    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + ["state", "date_published"]

    def _check_allow_write_under_validation(self, vals):
        """Approved minutes may change (the change sends them back to
        review); under review they may not."""
        if self.validation_status == "validated":
            return True
        return super()._check_allow_write_under_validation(vals)

    def _bizreg_lines_changed(self):
        """A line of the minutes (decision, attendance, action item) was
        written directly: approved minutes whose terms changed go back to
        review."""
        approved = self.sudo().filtered("bizreg_approved_digest")
        if approved:
            approved._bizreg_send_back_changed()

    def _check_minutes_editable(self):
        """The minutes under review or of a cancelled meeting cannot change."""
        if self.env.su:
            return
        for meeting in self.sudo():
            if meeting.state == "cancel" or (
                meeting.state == "to_approve"
                and meeting.validation_status in ("waiting", "pending")
            ):
                raise UserError(
                    self.env._(
                        "The minutes of “%s” are under review or the meeting was "
                        "cancelled: they cannot change now.",
                        meeting.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Series = self.env["bizreg.meeting.series"].sudo()
        for vals in vals_list:
            if not vals.get("name") and vals.get("series_id") and vals.get("start"):
                series = Series.browse(vals["series_id"])
                try:
                    start = fields.Datetime.to_datetime(vals["start"])
                except (TypeError, ValueError):
                    continue  # refused as bad input below
                day = pytz.utc.localize(start).astimezone(company_tz(series.company_id))
                vals["name"] = f"{series.name} {day.date()}"
        meetings = super().create(vals_list)
        meetings.sudo()._bizreg_prepare()
        return meetings

    def write(self, vals):
        if {"discussion", "start", "stop", "series_id"} & set(vals):
            self._check_minutes_editable()
        if "series_id" in vals and any(m.state != "planned" for m in self):
            raise UserError(
                self.env._("Only a planned meeting can move to another series.")
            )
        res = super().write(vals)
        if {"start", "stop", "location", "name"} & set(vals):
            self.sudo()._bizreg_sync_event()
        return res

    def unlink(self):
        if not self.env.su and any(m.state not in ("planned", "cancel") for m in self):
            raise UserError(
                self.env._("Only planned or cancelled meetings can be deleted.")
            )
        events = self.sudo().calendar_event_id
        res = super().unlink()
        events.unlink()
        return res

    def _bizreg_prepare(self):
        """A new meeting: its attendance sheet (the series' members and the
        chair), its agenda (the standing agenda, then the open action items
        of earlier meetings) and its calendar event."""
        Attendance = self.env["bizreg.meeting.attendance"]
        Line = self.env["bizreg.meeting.agenda.line"]
        attendance_vals, agenda_vals = [], []
        for meeting in self:
            series = meeting.series_id
            if not meeting.attendance_ids:
                users = series.chair_id | series.member_ids
                attendance_vals += [
                    {"meeting_id": meeting.id, "user_id": user.id} for user in users
                ]
            if not meeting.agenda_line_ids:
                agenda_vals += [
                    {
                        "meeting_id": meeting.id,
                        "sequence": template.sequence,
                        "name": template.name,
                        "presenter_id": template.presenter_id.id,
                        "notes": template.notes,
                    }
                    for template in series.agenda_template_ids
                ]
        with trusted("engine"):
            Attendance.create(attendance_vals)
            Line.create(agenda_vals)
        self._bizreg_sync_carried_items()
        self.filtered(lambda m: not m.calendar_event_id)._bizreg_create_events()

    def _bizreg_follow_series(self):
        """Planned meetings take the series' new chair and secretary."""
        for meeting in self:
            series = meeting.series_id
            vals = {"user_id": (series.secretary_id or series.chair_id).id}
            meeting.write(vals)
            meeting._bizreg_engine_write({"chair_id": series.chair_id.id})

    def _bizreg_event_vals(self):
        self.ensure_one()
        users = self.attendance_ids.user_id | self.chair_id
        return {
            "name": self.name,
            "start": self.start,
            "stop": self.stop,
            "location": self.location,
            "user_id": self.chair_id.id or self.env.uid,
            "partner_ids": [fields.Command.set(users.partner_id.ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "description": Markup("<p>%s</p>") % (self.series_id.name or ""),
        }

    def _bizreg_create_events(self):
        Event = (
            self.env["calendar.event"]
            .sudo()
            .with_context(no_mail_to_attendees=True, mail_create_nolog=True)
        )
        events = Event.create([meeting._bizreg_event_vals() for meeting in self])
        for meeting, event in zip(self, events, strict=True):
            meeting._bizreg_engine_write({"calendar_event_id": event.id})

    def _bizreg_sync_event(self):
        for meeting in self.filtered("calendar_event_id"):
            event = meeting.calendar_event_id.sudo()
            event.write(
                {
                    "name": meeting.name,
                    "start": meeting.start,
                    "stop": meeting.stop,
                    "location": meeting.location,
                }
            )

    def _bizreg_open_items(self):
        """``{meeting: open action items of earlier meetings of its series}``."""
        Action = self.env["bizreg.meeting.action"].sudo()
        items = Action.search(
            [
                ("series_id", "in", self.series_id.ids),
                ("state", "=", "open"),
            ]
        )
        result = {}
        for meeting in self:
            result[meeting] = items.filtered(
                lambda a, m=meeting: (
                    a.series_id == m.series_id
                    and a.meeting_id != m
                    and a.meeting_id.start < m.start
                )
            )
        return result

    def _bizreg_sync_carried_items(self):
        """Planned meetings carry one agenda line per open action item of the
        earlier meetings of their series, until the item is closed."""
        planned = self.sudo().filtered(lambda m: m.state in OPEN_AGENDA_STATES)
        if not planned:
            return
        Line = self.env["bizreg.meeting.agenda.line"].sudo()
        open_items = planned._bizreg_open_items()
        to_create, to_delete = [], Line
        for meeting in planned:
            carried = meeting.agenda_line_ids.filtered("action_id")
            wanted = open_items[meeting]
            to_delete |= carried.filtered(
                lambda line, w=wanted: line.action_id not in w
            )
            have = carried.action_id
            for item in wanted - have:
                to_create.append(
                    {
                        "meeting_id": meeting.id,
                        "sequence": 1000,
                        "name": self.env._(
                            "Open action item: %(name)s (due %(date)s)",
                            name=item.name,
                            date=item.date_due,
                        ),
                        "presenter_id": item.user_id.id,
                        "action_id": item.id,
                    }
                )
        with trusted("engine"):
            to_delete.unlink()
            Line.create(to_create)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_minute_takers(self):
        """The secretary, the chair or a manager of the department take the
        attendance and submit the minutes."""
        user = self.env.user
        if self.env.su:
            return
        for meeting in self:
            if user in (meeting.user_id | meeting.chair_id) or meeting._is_manager(
                user
            ):
                continue
            raise UserError(
                self.env._(
                    "Only the secretary or the chair of “%s” can do this.",
                    meeting.display_name,
                )
            )

    def _is_manager(self, user):
        """Whether ``user`` manages the meeting's department or a department
        above it (or is the Director)."""
        self.ensure_one()
        if user.has_group("bizreg_base.group_bizreg_director"):
            return True
        department = self.sudo().department_id
        if not department or not user.has_group(
            "bizreg_meeting.group_bizreg_meeting_manager"
        ):
            return False
        Department = self.env["hr.department"].sudo()
        managed = Department.search([("manager_id.user_id", "=", user.id)])
        return bool(
            managed
            and Department.search_count(
                [("id", "=", department.id), ("id", "child_of", managed.ids)]
            )
        )

    def action_hold(self):
        """Planned → held: the meeting took place and its attendance is taken."""
        self.check_access("write")
        self._bizreg_check_state(["planned"])
        self._check_minute_takers()
        for meeting in self:
            if not meeting.attendance_ids.filtered(lambda a: a.status == "present"):
                raise UserError(
                    self.env._(
                        "Record who attended “%s” first: nobody is marked present.",
                        meeting.display_name,
                    )
                )
        self._bizreg_set_state("held")
        return True

    def action_submit(self):
        """Held → under review: the minutes go to the chair for approval."""
        self._check_minute_takers()
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        for meeting in self:
            if not (meeting.decision_ids or meeting.action_ids) and not (
                meeting.discussion and meeting.discussion.striptags().strip()
            ):
                raise UserError(
                    self.env._(
                        "The minutes of “%s” are empty: record the discussion, "
                        "the decisions or the action items first.",
                        meeting.display_name,
                    )
                )

    def action_bizreg_resubmit(self):
        self._bizreg_check_state(["held", "to_approve"])
        return super().action_bizreg_resubmit()

    def action_cancel(self):
        """A planned meeting that will not take place."""
        self.check_access("write")
        self._bizreg_check_state(["planned"])
        self._check_minute_takers()
        self._bizreg_set_state("cancel")
        self.sudo().calendar_event_id.write({"active": False})
        return True

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_meeting.bizreg_meeting_action_action"
        )
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = {"default_meeting_id": self.id}
        return action

    def action_print_minutes(self):
        return self.env.ref(
            "bizreg_meeting.action_report_bizreg_meeting_minutes"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Approval: publish to the participants
    # ------------------------------------------------------------------
    def _bizreg_store_approved_digest(self):
        res = super()._bizreg_store_approved_digest()
        self.filtered(lambda m: m.state == "approved")._bizreg_publish()
        return res

    def _bizreg_publish(self):
        """The approved minutes go to the participants (a message to the
        attendees and followers) and each open action item's owner gets an
        activity due on its date."""
        now = fields.Datetime.now()
        for meeting in self.sudo():
            partners = meeting.participant_ids.partner_id
            meeting.message_subscribe(partner_ids=partners.ids)
            meeting.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "The minutes of %(meeting)s were approved by %(user)s and are "
                    "published to the participants.",
                    meeting=meeting.display_name,
                    user=self.env.user.name,
                ),
                partner_ids=partners.ids,
                subtype_xmlid="mail.mt_comment",
            )
            meeting._bizreg_engine_write({"date_published": now})
        self.action_ids._bizreg_notify_owners()
        planned = (
            self.env["bizreg.meeting"]
            .sudo()
            .search(
                [("series_id", "in", self.series_id.ids), ("state", "=", "planned")]
            )
        )
        planned._bizreg_sync_carried_items()

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _demo_meeting_flow(self):
        """Called by the demo data: see :func:`..meeting_demo.meeting_flow`."""
        return meeting_flow(self.env)
