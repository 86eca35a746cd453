# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ProjectUpdate(models.Model):
    """A project update is the periodic check of a regulated project (status,
    progress, what changed); posting one restarts the reminder cadence of the
    plan's status update."""

    _inherit = "project.update"

    bizreg_changes = fields.Text(
        string="What Changed",
        help="What changed since the last check: scope, schedule, team, risks, "
        "issues and decisions.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        updates = super().create(vals_list)
        projects = updates.project_id.sudo().filtered("bizreg_phase")
        if projects:
            projects._bizreg_update_posted()
        return updates
