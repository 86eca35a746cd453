# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class BizregSaleDepartmentMixin(models.AbstractModel):
    """Sales department of a record, taken from its salesperson (``user_id``).

    Stored and indexed: the department record rules of opportunities and
    orders filter on it. It follows the salesperson's employee department
    (HR's structure), keeps the last one when the salesperson has no employee,
    and is never written by hand: who sees a record is not its author's
    choice.
    """

    _bizreg_engine_fields_extra = ("bizreg_department_id",)

    _name = "bizreg.sale.department.mixin"
    _description = "Sales Department of a Record"

    bizreg_department_id = fields.Many2one(
        "hr.department",
        string="Sales Department",
        compute="_compute_bizreg_department_id",
        store=True,
        index=True,
        tracking=True,
        help="Department of the salesperson; used by the department's access rules.",
    )

    @api.depends("user_id")
    def _compute_bizreg_department_id(self):
        for record in self:
            department = record.user_id.sudo().employee_id.department_id
            if department or not record.bizreg_department_id:
                record.bizreg_department_id = department
