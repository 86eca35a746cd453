# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregSaleChannel(models.Model):
    _name = "bizreg.sale.channel"
    _description = "Customer Development Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    channel_type = fields.Selection(
        [
            ("promotion", "Market promotion"),
            ("referral", "Customer referral"),
            ("exhibition", "Industry exhibition"),
            ("other", "Other"),
        ],
        string="Kind",
        required=True,
        default="other",
        help="Referral channels ask for the referrer, exhibition channels for "
        "the exhibition.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    lead_count = fields.Integer(compute="_compute_lead_count")

    def _compute_lead_count(self):
        counts = dict(
            self.env["crm.lead"]._read_group(
                [("bizreg_channel_id", "in", self.ids)],
                ["bizreg_channel_id"],
                ["__count"],
            )
        )
        for channel in self:
            channel.lead_count = counts.get(channel, 0)
