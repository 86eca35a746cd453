# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregRecordMixin(models.AbstractModel):
    """Owner, department and company of a business record.

    These are the fields the record-rule building blocks of every bizreg model
    read (all indexed):

    - own records: ``[('user_id', '=', user.id)]``
    - my department's records:
      ``[('department_id', 'child_of', user.bizreg_department_ids.ids)]``
    - all records: ``[(1, '=', 1)]``
    - company: ``['|', ('company_id', '=', False), ('company_id', 'in', company_ids)]``

    The department is the responsible user's (:class:`BizregDepartmentMixin`).
    """

    _name = "bizreg.record.mixin"
    _inherit = ["bizreg.department.mixin"]
    _description = "Business Record Ownership"

    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_bizreg_department",
        store=True,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
