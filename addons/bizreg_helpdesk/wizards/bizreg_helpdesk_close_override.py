# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class BizregHelpdeskCloseOverride(models.TransientModel):
    """A Customer Service Manager closes a complaint without the usual proof."""

    _name = "bizreg.helpdesk.close.override"
    _description = "Close a Complaint with Override"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    stage_id = fields.Many2one(
        "helpdesk.ticket.stage",
        string="Closing Stage",
        domain="[('closed', '=', True), '|', ('team_ids', '=', False), "
        "('team_ids', '=', team_id)]",
        help="Closed stage the complaint ends in (e.g. Done, or Cancelled); "
        "by default the first closed stage that counts as resolved.",
    )
    team_id = fields.Many2one(related="ticket_id.team_id")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("bizreg_helpdesk.group_bizreg_service_manager"):
            raise AccessError(
                self.env._(
                    "Only a Customer Service Manager can override the closing rules."
                )
            )
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason of the override."))
        self.ticket_id._bizreg_close(reason=self.reason.strip(), stage=self.stage_id)
        return {"type": "ir.actions.act_window_close"}
