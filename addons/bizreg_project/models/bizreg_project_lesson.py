# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class BizregProjectLesson(models.Model):
    """A lessons-learned record (经验教训) of a project: what went well, what
    did not, and the recommendations for later projects.  Every project user
    reads every lesson, whatever the department, so that later projects can
    search them; the author and the project's manager write it until the
    project is closed."""

    _name = "bizreg.project.lesson"
    _description = "Project Lessons Learned"
    _inherit = ["bizreg.record.mixin", "mail.thread"]
    _order = "date desc, id desc"
    _bizreg_department_from = "project_id.bizreg_department_id"
    _bizreg_department_depends = ("project_id", "project_id.bizreg_department_id")

    name = fields.Char(string="Title", required=True, tracking=True)
    project_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one(string="Author")
    date = fields.Date(default=fields.Date.context_today, required=True)
    went_well = fields.Text(string="What Went Well")
    went_wrong = fields.Text(string="What Did Not Go Well")
    recommendations = fields.Text()
    tags = fields.Char(
        help="Keywords later projects search by, separated by commas "
        "(e.g. supplier, schedule, requirements)."
    )
    project_phase = fields.Selection(
        related="project_id.bizreg_phase", string="Project Phase"
    )

    def _check_project_open(self):
        if self.env.su:
            return
        closed = self.filtered(lambda r: r.sudo().project_id.bizreg_phase == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Project “%s” is closed: its lessons learned can no longer change.",
                    closed[0].project_id.display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_project_open()
        return records

    def write(self, vals):
        self._check_project_open()
        res = super().write(vals)
        if "project_id" in vals:
            self._check_project_open()
        return res

    def unlink(self):
        self._check_project_open()
        return super().unlink()
