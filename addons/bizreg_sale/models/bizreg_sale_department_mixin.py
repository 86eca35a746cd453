# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregSaleDepartmentMixin(models.AbstractModel):
    """Sales department of an opportunity or an order: the department scope
    of bizreg_base (:class:`BizregDepartmentMixin`) taken from the
    salesperson (``user_id``), declared once for both models.

    It is the salesperson's employee department when the salesperson is set
    or changed, keeps the last one when the salesperson has no employee, and
    is never written by hand.
    """

    _name = "bizreg.sale.department.mixin"
    _inherit = ["bizreg.department.mixin"]
    _description = "Sales Department of a Record"

    _bizreg_department_field = "bizreg_department_id"

    bizreg_department_id = fields.Many2one(
        "hr.department",
        string="Sales Department",
        compute="_compute_bizreg_department",
        store=True,
        index=True,
        tracking=True,
        help="Department of the salesperson; used by the department's access rules.",
    )
