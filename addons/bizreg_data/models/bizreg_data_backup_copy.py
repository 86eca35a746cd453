# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregDataBackupCopy(models.Model):
    """A copy of a backup at one destination (written by the engine)."""

    _name = "bizreg.data.backup.copy"
    _description = "Backup Copy"
    _order = "backup_id desc, id"

    backup_id = fields.Many2one(
        "bizreg.data.backup",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(related="backup_id.company_id", store=True, index=True)
    destination_id = fields.Many2one(
        "bizreg.data.destination",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    offsite = fields.Boolean(related="destination_id.offsite", string="Off-site")
    location = fields.Char(readonly=True, help="The folder or key prefix of the copy.")
    state = fields.Selection(
        [("present", "Present"), ("failed", "Failed"), ("deleted", "Deleted")],
        required=True,
        default="present",
        readonly=True,
    )
    error = fields.Char(readonly=True)
