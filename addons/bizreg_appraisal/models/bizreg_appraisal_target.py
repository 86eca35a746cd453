# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregAppraisalTarget(models.Model):
    """A monthly KPI target for one employee or one job position."""

    _name = "bizreg.appraisal.target"
    _description = "Appraisal KPI Target"
    _order = "kpi_id, employee_id, job_id"

    kpi_id = fields.Many2one(
        "bizreg.appraisal.kpi", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one("hr.employee", index=True, ondelete="cascade")
    job_id = fields.Many2one("hr.job", string="Job Position", index=True)
    target = fields.Float(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.constrains("target", "employee_id", "job_id")
    def _check_target(self):
        for rec in self:
            if rec.target < 0:
                raise ValidationError(
                    self.env._(
                        "The target of KPI “%s” cannot be negative.", rec.kpi_id.name
                    )
                )
            if bool(rec.employee_id) == bool(rec.job_id):
                raise ValidationError(
                    self.env._(
                        "A target applies to either one employee or one job position."
                    )
                )

    @api.model
    def _bizreg_targets(self, employees, kpis):
        """``{(employee_id, kpi_id): target}`` (employee target wins over job)."""
        records = self.search(
            [
                ("kpi_id", "in", kpis.ids),
                "|",
                ("employee_id", "in", employees.ids),
                ("job_id", "in", employees.job_id.ids),
            ]
        )
        by_job = {(t.job_id.id, t.kpi_id.id): t.target for t in records if t.job_id}
        by_emp = {
            (t.employee_id.id, t.kpi_id.id): t.target for t in records if t.employee_id
        }
        result = {}
        for employee in employees:
            for kpi in kpis:
                key = (employee.id, kpi.id)
                if key in by_emp:
                    result[key] = by_emp[key]
                elif (employee.job_id.id, kpi.id) in by_job:
                    result[key] = by_job[(employee.job_id.id, kpi.id)]
        return result
