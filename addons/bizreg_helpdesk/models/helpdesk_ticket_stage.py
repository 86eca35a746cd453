# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    bizreg_resolved = fields.Boolean(
        string="Counts as Resolved",
        default=True,
        help="For closed stages: a ticket closed in this stage counts as resolved "
        "(untick it for stages such as Cancelled or Rejected).",
    )
