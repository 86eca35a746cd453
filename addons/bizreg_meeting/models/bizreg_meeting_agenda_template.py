# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregMeetingAgendaTemplate(models.Model):
    """A standing agenda item of a meeting series, copied to each meeting."""

    _name = "bizreg.meeting.agenda.template"
    _description = "Meeting Standing Agenda Item"
    _order = "series_id, sequence, id"

    series_id = fields.Many2one(
        "bizreg.meeting.series", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Topic", required=True, translate=True)
    presenter_id = fields.Many2one("res.users", domain="[('share', '=', False)]")
    duration = fields.Integer(string="Duration (min)", default=10)
    notes = fields.Text()
