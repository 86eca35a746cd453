# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class BizregHelpdeskTicketController(HelpdeskTicketController):
    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, ticket_id=None, stage_id=None, **kw):
        """Close a ticket from the portal (OCA's route, made safe).

        POST only, with the CSRF token; only a ticket the caller may close:
        an employee who may write it, a portal user whose company is the
        ticket's customer; only into a closed stage offered on the portal for
        the ticket's team; the closing rules of complaints apply (the write
        checks the outcome, even as superuser).
        """
        try:
            ticket = request.env["helpdesk.ticket"].browse(int(ticket_id))
            stage = request.env["helpdesk.ticket.stage"].browse(int(stage_id))
        except (TypeError, ValueError) as exc:
            raise BadRequest() from exc
        ticket = self._bizreg_closable_ticket(ticket)
        ticket_sudo = ticket.sudo()
        stages = ticket_sudo.team_id._get_applicable_stages().filtered(
            lambda s: s.close_from_portal and s.closed
        )
        # as OCA: an invalid target stage changes nothing
        if stage in stages and not ticket_sudo.closed:
            if request.env.user._is_internal():
                ticket.write({"stage_id": stage.id})
            else:
                ticket_sudo.write({"stage_id": stage.id})
        return request.redirect(f"/my/ticket/{ticket.id}", code=302)

    def _bizreg_closable_ticket(self, ticket):
        """The ticket if the current user may close it, else 404 (nothing
        tells whether another customer's ticket exists)."""
        user = request.env.user
        try:
            ticket.check_access("write" if user._is_internal() else "read")
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        if not user._is_internal():
            customer = ticket.sudo().partner_id.commercial_partner_id
            if not customer or customer != user.commercial_partner_id:
                raise NotFound()
        return ticket
