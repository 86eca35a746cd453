# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import copy_selection_translations, period_bounds

VISIT_STATES = [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")]


class BizregVisitMixin(models.AbstractModel):
    """A visit to a partner, planned by a ``bizreg.visit.plan.mixin`` plan
    (or by hand): the periodic-visit mechanism.

    The visitor is the record's owner (``user_id`` of the record mixin: the
    department rules read it).  A planned visit is completed
    (:meth:`action_done`: ``date_done``, ``done_on_time`` when done by the
    planned day) or cancelled; ``state``, ``date_done`` and ``done_on_time``
    are the engine's.

    Overdue visits go through the escalation mechanism: at the end of the
    planned day (company time zone) the visitor is reminded, and
    ``_bizreg_visit_escalation_days`` later the visitor's department manager
    (else the Director) gets an activity.  A new planned day starts both
    again.  The model's cron calls :meth:`_bizreg_run_escalations`
    (the plan's :meth:`_bizreg_cron_visits` does).

    A model may keep the visitor and the planned day to its managers: the
    group ``_bizreg_visit_manager_group`` (XML id) changes the fields
    ``_bizreg_visit_locked_fields`` of the visits of others (a visitor does
    not move his own deadline, which the "done as planned" figure reads).
    """

    _name = "bizreg.visit.mixin"
    _inherit = ["bizreg.record.mixin", "bizreg.escalation.mixin"]
    _description = "Periodic Visit"

    _bizreg_visit_escalation_days = 3
    _bizreg_visit_manager_group = None
    _bizreg_visit_locked_fields = ("user_id", "date_planned")

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True
    )
    date_planned = fields.Date(
        string="Planned on",
        required=True,
        default=fields.Date.context_today,
        index=True,
        tracking=True,
    )
    date_done = fields.Date(
        string="Visited on", index=True, tracking=True, copy=False, readonly=True
    )
    state = fields.Selection(
        VISIT_STATES,
        default="planned",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    done_on_time = fields.Boolean(
        string="Done as Planned",
        compute="_compute_done_on_time",
        store=True,
        index=True,
        help="The visit was done by its planned day.",
    )
    feedback = fields.Text()
    overdue_date = fields.Datetime(
        string="Overdue From",
        compute="_compute_overdue_dates",
        store=True,
        index=True,
        help="End of the planned day in the company's time zone: the visitor "
        "is reminded then if the visit is not done.",
    )
    escalation_date = fields.Datetime(
        string="Escalation Due",
        compute="_compute_overdue_dates",
        store=True,
        index=True,
    )
    overdue_reminded_date = fields.Datetime(
        string="Overdue Reminder Sent", readonly=True, copy=False
    )
    escalated_date = fields.Datetime(string="Escalated On", readonly=True, copy=False)

    def _register_hook(self):
        """Return visits and partner visits show the translated status."""
        res = super()._register_hook()
        if self._name == "bizreg.visit.mixin":
            copy_selection_translations(self, "state")
        return res

    @api.depends("date_done", "date_planned")
    def _compute_done_on_time(self):
        for visit in self:
            visit.done_on_time = bool(
                visit.date_done
                and visit.date_planned
                and visit.date_done <= visit.date_planned
            )

    @api.depends("date_planned", "company_id")
    def _compute_overdue_dates(self):
        for visit in self:
            if not visit.date_planned:
                visit.overdue_date = visit.escalation_date = False
                continue
            company = visit.company_id or self.env.company
            _start, end = period_bounds(company, visit.date_planned, visit.date_planned)
            visit.overdue_date = end
            visit.escalation_date = end + timedelta(
                days=self._bizreg_visit_escalation_days
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _bizreg_visit_check_locked(self, vals):
        """Only managers change the locked fields of a visit (as the
        superuser and the engine)."""
        group = self._bizreg_visit_manager_group
        if not group or self.env.su or self.env.user.has_group(group):
            return
        for name in self._bizreg_visit_locked_fields:
            if name not in vals:
                continue
            field = self._fields[name]
            for visit in self:
                new = field.convert_to_record(
                    field.convert_to_cache(vals[name], visit), visit
                )
                if new != visit[name]:
                    raise AccessError(
                        self.env._(
                            "Only a manager changes “%(field)s” of a visit.",
                            field=field._description_string(self.env),
                        )
                    )

    def write(self, vals):
        self._bizreg_visit_check_locked(vals)
        res = super().write(vals)
        if "date_planned" in vals:
            # a new planned day: the visit may be overdue again
            self._bizreg_engine_write(
                {"overdue_reminded_date": False, "escalated_date": False}
            )
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _bizreg_visit_check_done(self):
        """Hook: refuse to complete a visit whose report is missing."""
        self.ensure_one()

    def action_done(self):
        self.check_access("write")
        for visit in self:
            if visit.state != "planned":
                raise UserError(self.env._("Only a planned visit can be completed."))
            visit._bizreg_visit_check_done()
        self._bizreg_engine_write(
            {"state": "done", "date_done": fields.Date.context_today(self)}
        )
        if "activity_ids" in self._fields:
            self.activity_ids.action_feedback(feedback=self.env._("Visit completed."))
        return True

    def action_cancel(self):
        self.check_access("write")
        self.filtered(lambda v: v.state == "planned")._bizreg_engine_write(
            {"state": "cancelled"}
        )
        if "activity_ids" in self._fields:
            self.activity_ids.unlink()
        return True

    # ------------------------------------------------------------------
    # Overdue visits (bizreg_base escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return super()._bizreg_escalation_levels() + [
            (
                "visit_overdue",
                "overdue_date",
                "overdue_reminded_date",
                "_bizreg_visit_remind_overdue",
            ),
            (
                "visit_escalation",
                "escalation_date",
                "escalated_date",
                "_bizreg_visit_escalate",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return super()._bizreg_escalation_domain() + [("state", "=", "planned")]

    def _bizreg_visit_escalation_recipients(self):
        """The visitor's department manager, else the Director."""
        self.ensure_one()
        manager = self.sudo().department_id.manager_id.user_id
        if manager and manager != self.user_id:
            return manager
        return self.env.ref("bizreg_base.group_bizreg_director")

    def _bizreg_visit_remind_overdue(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda visit: visit.user_id,
            summary=lambda visit, _user, _target: visit.env._(
                "Overdue visit: %s", visit.partner_id.name
            ),
            note=lambda visit, _user, _target: visit.env._(
                "The visit to %(partner)s planned on %(date)s is not done: "
                "do it or ask your manager to plan it again.",
                partner=visit.partner_id.name,
                date=visit.date_planned,
            ),
        )

    def _bizreg_visit_escalate(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            "_bizreg_visit_escalation_recipients",
            summary=lambda visit, _user, _target: visit.env._(
                "Overdue visit: %s", visit.partner_id.name
            ),
            note=lambda visit, _user, _target: visit.env._(
                "The visit of %(visitor)s to %(partner)s planned on %(date)s is "
                "still not done.",
                visitor=visit.user_id.name,
                partner=visit.partner_id.name,
                date=visit.date_planned,
            ),
            post=lambda visit, _user, target: visit.env._(
                "The visit is overdue: escalated to %s.", target
            ),
        )
