# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ProjectAssignment(models.Model):
    _inherit = "project.assignment"

    bizreg_responsibility = fields.Text(
        string="Responsibility",
        help="What the member is responsible for in the project (from the "
        "approved project request).",
    )
