# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregMeetingDecision(models.Model):
    """A decision recorded in a meeting's minutes."""

    _name = "bizreg.meeting.decision"
    _description = "Meeting Decision"
    _inherit = ["bizreg.meeting.minutes.line"]
    _order = "meeting_id, sequence, id"
    _bizreg_minutes_terms = ("name",)

    meeting_id = fields.Many2one(
        "bizreg.meeting", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Decision", required=True)
