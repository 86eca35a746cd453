# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregMeetingAgendaLine(models.Model):
    """An item of a meeting's agenda: from the series' standing agenda,
    added by the secretary, or an open action item of an earlier meeting
    carried over until it is closed."""

    _name = "bizreg.meeting.agenda.line"
    _description = "Meeting Agenda Item"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one(
        "bizreg.meeting", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Topic", required=True)
    presenter_id = fields.Many2one("res.users", domain="[('share', '=', False)]")
    notes = fields.Text()
    action_id = fields.Many2one(
        "bizreg.meeting.action",
        string="Carried Action Item",
        readonly=True,
        index=True,
        ondelete="cascade",
        help="An open action item of an earlier meeting: it stays on the "
        "agenda of the next meetings until it is closed.",
    )
    action_state = fields.Selection(related="action_id.state", string="Item Status")
