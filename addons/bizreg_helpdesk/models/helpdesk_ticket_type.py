# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

KINDS = [
    ("consultation", "Consultation"),
    ("complaint", "Complaint"),
    ("request", "Request"),
]


class HelpdeskTicketType(models.Model):
    _inherit = "helpdesk.ticket.type"

    bizreg_kind = fields.Selection(
        KINDS,
        string="Regulation Kind",
        default="request",
        required=True,
        help="How the customer-service regulation treats tickets of this type: "
        "complaints get a number, deadlines, escalation and a satisfaction check.",
    )
