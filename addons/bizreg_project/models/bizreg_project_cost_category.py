# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregProjectCostCategory(models.Model):
    """A cost category of project budgets and actual costs (labour,
    equipment, travel, ...).  Timesheet costs count in the labour
    category; recorded expenses name their category."""

    _name = "bizreg.project.cost.category"
    _description = "Project Cost Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_labour = fields.Boolean(
        string="Labour (Timesheets)",
        help="The employees' timesheet costs count in this category.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a cost category is unique.",
        ),
    ]
