# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class BizregMeetingMinutesLine(models.AbstractModel):
    """A line of a meeting's minutes (attendance, decision, action item):
    it cannot change while the minutes are under review, and a change after
    approval sends the minutes back to review."""

    _name = "bizreg.meeting.minutes.line"
    _description = "Meeting Minutes Line"

    # fields of the line that are terms of the approved minutes
    _bizreg_minutes_terms = ()

    @api.model_create_multi
    def create(self, vals_list):
        meetings = self.env["bizreg.meeting"].browse(
            {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
        )
        meetings._check_minutes_editable()
        lines = super().create(vals_list)
        lines.meeting_id._bizreg_lines_changed()
        return lines

    def write(self, vals):
        terms = set(self._bizreg_minutes_terms) & set(vals)
        meetings = self.meeting_id
        if vals.get("meeting_id"):
            meetings |= self.env["bizreg.meeting"].browse(vals["meeting_id"])
        if terms or "meeting_id" in vals:
            meetings._check_minutes_editable()
        res = super().write(vals)
        if terms or "meeting_id" in vals:
            meetings._bizreg_lines_changed()
        return res

    def unlink(self):
        meetings = self.meeting_id
        meetings._check_minutes_editable()
        res = super().unlink()
        meetings.exists()._bizreg_lines_changed()
        return res
