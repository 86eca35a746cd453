# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, api, fields, models


class BizregCollabEvent(models.Model):
    """A team activity of a cross-department group (团队活动): a workshop, a
    team-building activity or a review, with who took part and what came
    out of it.

    Kept as the group's own record rather than as a calendar event: it
    stays with the group (and under its access rules) whatever happens to
    the attendees' calendars, it records who actually took part and the
    outcome, and the statistics count it.  "Add to Calendars" puts it in the
    participants' calendars as a ``calendar.event`` when it is planned."""

    _name = "bizreg.collab.event"
    _description = "Team Activity"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    group_id = fields.Many2one(
        "bizreg.collab.group",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    duration = fields.Float(default=2.0, help="Hours.")
    kind = fields.Selection(
        [
            ("workshop", "Workshop"),
            ("team_building", "Team Building"),
            ("review", "Review"),
        ],
        required=True,
        default="workshop",
        tracking=True,
    )
    participant_ids = fields.Many2many(
        "res.users",
        "bizreg_collab_event_user_rel",
        "event_id",
        "user_id",
        string="Participants",
        domain="[('share', '=', False)]",
    )
    notes = fields.Html()
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)

    @api.onchange("group_id")
    def _onchange_group_id(self):
        if self.group_id and not self.participant_ids:
            self.participant_ids = self.group_id.member_user_ids

    def action_add_to_calendars(self):
        """Put the activity in its participants' calendars."""
        self.check_access("write")
        for event in self.filtered(lambda e: not e.calendar_event_id):
            calendar_event = (
                self.env["calendar.event"]
                .sudo()
                .create(
                    {
                        "name": f"{event.group_id.name}: {event.name}",
                        "start": event.date,
                        "stop": fields.Datetime.add(
                            event.date, minutes=int((event.duration or 1.0) * 60)
                        ),
                        "user_id": self.env.uid,
                        "partner_ids": [
                            Command.set(event.participant_ids.partner_id.ids)
                        ],
                        "description": event.notes,
                    }
                )
            )
            event._bizreg_engine_write({"calendar_event_id": calendar_event.id})
        return True
