# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, fields, models
from odoo.exceptions import ValidationError


class BizregSaleSigningWizard(models.TransientModel):
    _name = "bizreg.sale.signing.wizard"
    _description = "Record Contract Signing"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    signed_date = fields.Date(
        string="Signing Date", required=True, default=fields.Date.context_today
    )
    customer_signatory = fields.Char(required=True)
    company_signatory_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    seal_done = fields.Boolean(string="Seals Affixed")
    signed_copy = fields.Binary(required=True)
    signed_copy_name = fields.Char(string="File Name")

    def action_record(self):
        self.ensure_one()
        if not self.seal_done:
            raise ValidationError(
                self.env._("The contract is signed only once both seals are affixed.")
            )
        order = self.order_id
        order._bizreg_check_signing_allowed()
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.signed_copy_name
                or self.env._("Signed contract %s", order.bizreg_number or order.name),
                "datas": self.signed_copy,
                "res_model": "sale.order",
                "res_id": order.id,
            }
        )
        order._bizreg_record_signing(
            {
                "bizreg_signed_date": self.signed_date,
                "bizreg_customer_signatory": self.customer_signatory,
                "bizreg_company_signatory_id": self.company_signatory_id.id,
                "bizreg_seal_done": True,
                "bizreg_signed_attachment_ids": [Command.link(attachment.id)],
            }
        )
        return {"type": "ir.actions.act_window_close"}
