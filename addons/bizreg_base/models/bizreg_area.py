# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregArea(models.Model):
    """A business area of the regulation (marketing, sales, ...).

    The company maps its own ``hr.department`` records onto areas, so that
    record rules, numbering codes and approvals work with any department names.
    """

    _name = "bizreg.area"
    _description = "Business Area"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short code used in document numbers ({dept}) when a department "
        "has no code of its own, e.g. XS for sales.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    user_group_id = fields.Many2one("res.groups", ondelete="restrict")
    manager_group_id = fields.Many2one("res.groups", ondelete="restrict")
    department_ids = fields.One2many(
        "hr.department", "bizreg_area_id", string="Departments"
    )
    department_count = fields.Integer(compute="_compute_department_count")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a business area must be unique."),
    ]

    @api.depends("department_ids")
    def _compute_department_count(self):
        counts = dict(
            self.env["hr.department"]._read_group(
                [("bizreg_area_id", "in", self.ids)],
                ["bizreg_area_id"],
                ["__count"],
            )
        )
        for area in self:
            area.department_count = counts.get(area, 0)

    @api.constrains("code")
    def _check_code(self):
        for area in self:
            if not area.code.strip() or any(ch.isspace() for ch in area.code):
                raise ValidationError(
                    self.env._("The code of a business area cannot contain spaces.")
                )
