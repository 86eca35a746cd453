# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class ProjectTask(models.Model):
    _inherit = "project.task"

    bizreg_rnd_release_id = fields.Many2one(
        "bizreg.rnd.release",
        string="Release",
        index="btree_not_null",
        tracking=True,
        help="The product release this development task belongs to: it "
        "cannot move past its first stage until the release's design review "
        "is approved.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._bizreg_rnd_check_design_gate()
        return tasks

    def write(self, vals):
        res = super().write(vals)
        if {"stage_id", "bizreg_rnd_release_id", "project_id"} & set(vals):
            self._bizreg_rnd_check_design_gate()
        return res

    def _bizreg_rnd_check_design_gate(self):
        """By result: a task of a release past the first stage of its
        project (the lowest-sequence stage) needs an approved design review
        of the release.  Plain tasks are never gated."""
        gated = self.sudo().filtered(lambda t: t.bizreg_rnd_release_id and t.stage_id)
        if not gated:
            return
        approved = self.env["bizreg.rnd.design.review"]._approved_release_ids(
            gated.bizreg_rnd_release_id
        )
        first_stages = {}
        for task in gated:
            if task.bizreg_rnd_release_id.id in approved:
                continue
            project = task.project_id
            if project not in first_stages:
                stages = project.type_ids.sorted(lambda s: (s.sequence, s.id))
                first_stages[project] = stages[:1]
            first = first_stages[project]
            if first and task.stage_id != first:
                raise UserError(
                    self.env._(
                        "Task “%(task)s” belongs to release %(release)s, whose "
                        "design review is not approved: it stays in stage "
                        "“%(stage)s” until then.",
                        task=task.name,
                        release=task.bizreg_rnd_release_id.display_name,
                        stage=first.name,
                    )
                )
