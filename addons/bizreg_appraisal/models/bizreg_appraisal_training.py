# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from odoo.addons.bizreg_base.tools import trusted


class BizregAppraisalTraining(models.Model):
    """A training need recorded for a result below standard."""

    _name = "bizreg.appraisal.training"
    _description = "Appraisal Training Need"
    _inherit = ["mail.thread", "mail.activity.mixin", "bizreg.department.mixin"]
    _bizreg_department_from = "employee_id.department_id"
    _bizreg_department_depends = ("employee_id.department_id",)
    _order = "id desc"

    name = fields.Char(required=True, tracking=True, translate=True)
    appraisal_id = fields.Many2one("bizreg.appraisal", index=True, ondelete="cascade")
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True, index=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index=True, string="Employee User"
    )
    department_id = fields.Many2one(
        "hr.department", compute="_compute_bizreg_department", store=True, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", index=True, tracking=True
    )
    kpi_ids = fields.Many2many("bizreg.appraisal.kpi", string="Weak KPIs")
    plan = fields.Text(string="Training Plan")
    date_planned = fields.Date(string="Planned Date", tracking=True)
    state = fields.Selection(
        [("todo", "To Plan"), ("planned", "Planned"), ("done", "Done")],
        default="todo",
        required=True,
        tracking=True,
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    def action_plan(self):
        self.check_access("write")
        with trusted("engine"):
            self.write({"state": "planned"})
        return True

    def action_done(self):
        self.check_access("write")
        with trusted("engine"):
            self.write({"state": "done"})
        return True
