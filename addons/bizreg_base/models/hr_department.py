# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrDepartment(models.Model):
    _inherit = "hr.department"

    bizreg_area_id = fields.Many2one(
        "bizreg.area",
        string="Business Area",
        index=True,
        tracking=True,
        help="The business area of the regulation this department belongs to.",
    )
    bizreg_code = fields.Char(
        string="Department Code",
        help="Code used in document numbers ({dept}); defaults to the business "
        "area's code.",
    )

    @api.constrains("bizreg_code")
    def _check_bizreg_code(self):
        for dept in self:
            if dept.bizreg_code and any(ch.isspace() for ch in dept.bizreg_code):
                raise ValidationError(
                    self.env._("A department code cannot contain spaces.")
                )

    def _bizreg_numbering_code(self):
        """Code of the department for document numbers (its own, else its area's)."""
        self.ensure_one()
        return self.bizreg_code or self.bizreg_area_id.code or ""
