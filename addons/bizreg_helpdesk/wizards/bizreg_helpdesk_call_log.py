# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregHelpdeskCallLog(models.TransientModel):
    """Log a consultation answered at first contact: one step, closed record."""

    _name = "bizreg.helpdesk.call.log"
    _description = "Log a Call"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    name = fields.Char(string="Subject", required=True)
    category_id = fields.Many2one("helpdesk.ticket.category", string="Topic")
    product_id = fields.Many2one("product.product")
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        default=lambda self: self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_phone", raise_if_not_found=False
        ),
    )
    question = fields.Text(required=True)
    answer = fields.Html(required=True)
    duration = fields.Float(string="Duration (min)")
    received_date = fields.Datetime(
        string="Call Started", required=True, default=fields.Datetime.now
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        default=lambda self: self.env.user.helpdesk_team_ids[:1],
    )

    @api.constrains("duration")
    def _check_duration(self):
        for wizard in self:
            if wizard.duration < 0:
                raise ValidationError(
                    self.env._("The call duration cannot be negative.")
                )

    def action_log(self):
        self.ensure_one()
        ticket = self.env["helpdesk.ticket"]._bizreg_log_call(
            {
                "partner_id": self.partner_id.id,
                "name": self.name,
                "category_id": self.category_id.id,
                "bizreg_product_id": self.product_id.id,
                "channel_id": self.channel_id.id,
                "description": self.question,
                "bizreg_solution": self.answer,
                "bizreg_call_duration": self.duration,
                "bizreg_received_date": self.received_date,
                "team_id": self.team_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
        }
