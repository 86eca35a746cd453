# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError

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

    def write(self, vals):
        if "bizreg_kind" in vals and not self.env.su:
            # The tickets' kind follows their type without passing through
            # their ``write``: a complaint would end, or a ticket become a
            # complaint, outside the closing rules and the numbering.
            changed = self.filtered(lambda t: t.bizreg_kind != vals["bizreg_kind"])
            used = (
                self.env["helpdesk.ticket"]
                .sudo()
                .with_context(active_test=False)
                .search([("type_id", "in", changed.ids)], limit=1)
            )
            if used:
                raise UserError(
                    self.env._(
                        "The regulation kind of ticket type %s cannot change: it "
                        "already has tickets. Create a new type instead.",
                        used.type_id.display_name,
                    )
                )
        return super().write(vals)
