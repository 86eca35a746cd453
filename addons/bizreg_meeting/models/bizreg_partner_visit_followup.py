# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.bizreg_base.tools import any_trusted, period_bounds

MANAGER = "bizreg_meeting.group_bizreg_meeting_manager"


class BizregPartnerVisitFollowup(models.Model):
    """A follow-up agreed with a partner during a visit: an owner, a due date
    and a state; reminded the day before it is due and escalated to the
    owner's head of department when overdue (bizreg_base's escalation
    mechanism)."""

    _name = "bizreg.partner.visit.followup"
    _description = "Partner Visit Follow-up"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_deadline, id"

    visit_id = fields.Many2one(
        "bizreg.partner.visit",
        required=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        related="visit_id.partner_id", store=True, index=True, string="Partner"
    )
    name = fields.Char(string="Follow-up", required=True, tracking=True)
    user_id = fields.Many2one(string="Owner")
    date_deadline = fields.Date(
        string="Due Date", required=True, index=True, tracking=True
    )
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date_done = fields.Date(string="Done on", readonly=True, copy=False)
    done_on_time = fields.Boolean(
        string="Done on Time", compute="_compute_done_on_time", store=True
    )
    result = fields.Text(help="What was done, for the partner and the visitor.")
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

    @api.depends("date_done", "date_deadline")
    def _compute_done_on_time(self):
        for followup in self:
            followup.done_on_time = bool(
                followup.date_done
                and followup.date_deadline
                and followup.date_done <= followup.date_deadline
            )

    @api.depends("date_deadline", "company_id")
    def _compute_escalation_dates(self):
        for followup in self:
            if not followup.date_deadline:
                followup.reminder_date = followup.escalation_date = False
                continue
            company = followup.company_id or self.env.company
            start, end = period_bounds(
                company, followup.date_deadline, followup.date_deadline
            )
            # the day before it is due, then once the due day is over
            followup.reminder_date = start - timedelta(days=1)
            followup.escalation_date = end

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _is_organiser(self):
        """The visitor of the follow-up's visit, or a head of department
        (who sees it through the record rules), or the superuser."""
        self.ensure_one()
        user = self.env.user
        return self.env.su or self.visit_id.user_id == user or user.has_group(MANAGER)

    def _check_organiser(self):
        for followup in self:
            if not followup._is_organiser():
                raise AccessError(
                    self.env._(
                        "Only the visitor or a head of department changes the "
                        "follow-up “%s”.",
                        followup.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        followups = super().create(vals_list)
        if not self.env.su:
            followups._check_organiser()
        return followups

    def write(self, vals):
        if not self.env.su and not any_trusted():
            if set(vals) - {"result"}:
                self._check_organiser()
            for followup in self:
                if followup.state != "open":
                    raise UserError(
                        self.env._(
                            "The follow-up “%s” is closed: it can no longer change.",
                            followup.name,
                        )
                    )
                if followup.user_id != self.env.user and not followup._is_organiser():
                    raise AccessError(
                        self.env._(
                            "Only the owner, the visitor or a head of department "
                            "changes the follow-up “%s”.",
                            followup.name,
                        )
                    )
        res = super().write(vals)
        if "date_deadline" in vals:
            # a new due date: reminded and escalated again
            self._bizreg_engine_write({"reminded_date": False, "escalated_date": False})
        return res

    def unlink(self):
        if not self.env.su:
            self._check_organiser()
            if any(followup.state != "open" for followup in self):
                raise UserError(self.env._("Only an open follow-up can be deleted."))
        return super().unlink()

    def action_done(self):
        self.check_access("write")
        for followup in self:
            if followup.state != "open":
                raise UserError(
                    self.env._("Only an open follow-up can be marked as done.")
                )
            if followup.user_id != self.env.user and not followup._is_organiser():
                raise AccessError(
                    self.env._(
                        "Only the owner, the visitor or a head of department "
                        "closes the follow-up “%s”.",
                        followup.name,
                    )
                )
        self._bizreg_engine_write(
            {"state": "done", "date_done": fields.Date.context_today(self)}
        )
        self.activity_ids.action_feedback(feedback=self.env._("Follow-up done."))
        return True

    def action_cancel(self):
        self.check_access("write")
        self._check_organiser()
        self.filtered(lambda f: f.state == "open")._bizreg_engine_write(
            {"state": "cancelled"}
        )
        self.activity_ids.unlink()
        return True

    # ------------------------------------------------------------------
    # Deadlines (bizreg_base escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("reminder", "reminder_date", "reminded_date", "_remind_owner"),
            ("escalation", "escalation_date", "escalated_date", "_escalate_manager"),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "open")]

    def _escalate(self, level):
        """The owner on the reminder date, the manager of his department
        (the Director when he is the manager) once overdue."""
        return self._bizreg_escalation_ladder(
            level,
            lambda followup, action: followup.env._(
                "The follow-up “%(name)s” agreed with %(partner)s (owner "
                "%(owner)s) is due on %(date)s. %(action)s",
                name=followup.name,
                partner=followup.partner_id.name,
                owner=followup.user_id.name,
                date=followup.date_deadline,
                action=action,
            ),
            lambda followup: followup.env._("Partner follow-up due: %s", followup.name),
            date_deadline=lambda followup, _user: (
                (followup.date_deadline if level == 1 else False)
                or fields.Date.context_today(followup)
            ),
        )

    def _remind_owner(self):
        return self._escalate(1)

    def _escalate_manager(self):
        return self._escalate(2)

    @api.model
    def _cron_deadlines(self):
        return self._bizreg_run_escalations()
