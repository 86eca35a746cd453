# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregMeetingAttendance(models.Model):
    """Whether a member attended a meeting: present, absent, or excused
    with a reason."""

    _name = "bizreg.meeting.attendance"
    _description = "Meeting Attendance"
    _inherit = ["bizreg.meeting.minutes.line"]
    _order = "meeting_id, id"
    _bizreg_minutes_terms = ("user_id", "status", "reason")

    meeting_id = fields.Many2one(
        "bizreg.meeting", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Participant",
        required=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    status = fields.Selection(
        [("present", "Present"), ("absent", "Absent"), ("excused", "Excused")],
        required=True,
        default="present",
    )
    reason = fields.Char(help="Why the participant was excused.")

    _sql_constraints = [
        (
            "meeting_user_uniq",
            "unique(meeting_id, user_id)",
            "A participant is listed once per meeting.",
        ),
    ]

    @api.constrains("status", "reason")
    def _check_reason(self):
        for line in self:
            if line.status == "excused" and not (line.reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "“%(field)s” is required when %(user)s is excused.",
                        field=line._fields["reason"]._description_string(self.env),
                        user=line.user_id.name,
                    )
                )
