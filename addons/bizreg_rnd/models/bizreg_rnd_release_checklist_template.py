# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

CHECKLIST_KINDS = [
    ("deployment", "Deployment"),
    ("data_migration", "Data Migration"),
    ("user_training", "User Training"),
    ("other", "Other"),
]


class BizregRndReleaseChecklistTemplate(models.Model):
    """A line every new release's checklist starts with (configuration)."""

    _name = "bizreg.rnd.release.checklist.template"
    _description = "Release Checklist Template"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Description", required=True, translate=True)
    kind = fields.Selection(CHECKLIST_KINDS, required=True, default="other")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for every company.",
    )
