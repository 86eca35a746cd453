# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError

# Who sets the kind of a medium (it decides what a lead of that medium needs):
# the configuration of the regulation, as the other sales settings.
CHANNEL_KIND_GROUP = "bizreg_base.group_bizreg_admin"


class UtmMedium(models.Model):
    """A lead's UTM medium is its customer development channel (regulation
    2.1): its kind says what a lead from it needs (referral: who referred the
    customer; exhibition: the exhibition, as the lead's UTM source)."""

    _inherit = "utm.medium"

    bizreg_channel_type = fields.Selection(
        [
            ("promotion", "Market promotion"),
            ("referral", "Customer referral"),
            ("exhibition", "Industry exhibition"),
            ("other", "Other"),
        ],
        string="Channel Kind",
        required=True,
        default="other",
        help="The kind of customer development channel: a lead from a referral "
        "needs who referred the customer (Referred By), a lead from an exhibition "
        "needs the exhibition as its source.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        mediums = super().create(vals_list)
        if mediums.filtered(lambda medium: medium.bizreg_channel_type != "other"):
            self._bizreg_check_channel_kind_access()
        return mediums

    def write(self, vals):
        if "bizreg_channel_type" in vals and any(
            medium.bizreg_channel_type != vals["bizreg_channel_type"] for medium in self
        ):
            self._bizreg_check_channel_kind_access()
        return super().write(vals)

    def _bizreg_check_channel_kind_access(self):
        if self.env.su or self.env.user.has_group(CHANNEL_KIND_GROUP):
            return
        raise AccessError(
            self.env._(
                "Only a Regulation Administrator sets the Channel Kind of a medium."
            )
        )
