# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    bizreg_department_id = fields.Many2one(
        "hr.department",
        string="Department",
        index=True,
        help="Department the team belongs to: its managers see the team's tickets.",
    )
