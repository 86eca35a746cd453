# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from odoo.addons.bizreg_marketing.wizards.bizreg_marketing_feedback_wizard import (
    SEARCH_LIMIT,
)


class BizregMarketingFeedbackWizard(models.TransientModel):
    _inherit = "bizreg.marketing.feedback.wizard"

    @api.model
    def _feedback_sources(self):
        return super()._feedback_sources() + [
            {
                "key": "service_consultation",
                "label": self.env._("Customer service consultations"),
                "search": lambda wizard: wizard._search_tickets("consultation"),
            },
            {
                "key": "service_complaint",
                "label": self.env._("Customer complaints"),
                "search": lambda wizard: wizard._search_tickets("complaint"),
            },
        ]

    def _search_tickets(self, kind):
        """Consultations or complaints the researcher may read (their own
        access rights: nothing when they have none)."""
        self.ensure_one()
        Ticket = self.env["helpdesk.ticket"]
        if not Ticket.has_access("read"):
            return []
        domain = [("bizreg_kind", "=", kind)]
        if self.partner_id:
            domain.append(("partner_id", "child_of", self.partner_id.id))
        domain += self._date_domain("bizreg_received_date")
        domain += self._keyword_domain(["name", "description", "bizreg_solution"])
        tickets = Ticket.search(
            domain, order="bizreg_received_date desc, id desc", limit=SEARCH_LIMIT
        )
        candidates = []
        for ticket in tickets:
            parts = [self._plain(ticket.description)]
            if ticket.bizreg_complaint_class_id:
                parts.insert(
                    0,
                    self.env._(
                        "Complaint class: %s",
                        ticket.bizreg_complaint_class_id.display_name,
                    ),
                )
            solution = self._plain(ticket.bizreg_solution)
            if solution:
                parts.append(self.env._("Answer: %s", solution))
            candidates.append(
                {
                    "source_ref": f"helpdesk.ticket,{ticket.id}",
                    "partner_id": ticket.partner_id.id,
                    "date": fields.Date.context_today(
                        self, ticket.bizreg_received_date
                    ),
                    "name": ticket.name,
                    "text": "\n".join(part for part in parts if part),
                }
            )
        return candidates
