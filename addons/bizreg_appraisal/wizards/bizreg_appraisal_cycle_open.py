# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError


class BizregAppraisalCycleOpen(models.TransientModel):
    """Open an appraisal cycle for every employee in scope."""

    _name = "bizreg.appraisal.cycle.open"
    _description = "Open Appraisal Cycle"

    cycle_type = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("annual", "Annual")],
        required=True,
        default="monthly",
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    period = fields.Integer(
        default=lambda self: fields.Date.today().month,
        help="Month (1-12) or quarter (1-4).",
    )
    department_ids = fields.Many2many(
        "hr.department", string="Departments", help="Empty = every department."
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Only These Employees",
        help="Empty = every employee of the departments in scope.",
    )
    with_evaluations = fields.Boolean(string="360 Evaluations", default=True)
    suggest_peers = fields.Boolean(
        help="Choose the peer evaluators of every appraisal from the colleagues "
        "the employee shared the most records with in the period, other "
        "departments first (as many as set in the appraisal settings).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def action_open(self):
        self.ensure_one()
        cycle = self.env["bizreg.appraisal.cycle"].create(
            {
                "cycle_type": self.cycle_type,
                "year": self.year,
                "period": self.period if self.cycle_type != "annual" else 0,
                "department_ids": [fields.Command.set(self.department_ids.ids)],
                "with_evaluations": self.with_evaluations,
                "company_id": self.company_id.id,
            }
        )
        employees = self.employee_ids or cycle._bizreg_employees_in_scope()
        appraisals = cycle._bizreg_add_employees(employees)
        if not appraisals:
            raise UserError(
                self.env._(
                    "No employee in scope has an appraisal template: the cycle "
                    "would be empty. Check the departments and the templates."
                )
            )
        if self.with_evaluations and self.suggest_peers:
            cycle._bizreg_suggest_peers()
        return {
            "type": "ir.actions.act_window",
            "res_model": "bizreg.appraisal.cycle",
            "res_id": cycle.id,
            "view_mode": "form",
            "target": "current",
        }
