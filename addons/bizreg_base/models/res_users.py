# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    bizreg_department_ids = fields.Many2many(
        "hr.department",
        string="Regulation Departments",
        compute="_compute_bizreg_department_ids",
        help="Departments of the user's employees; used by the 'my department' "
        "record rules.",
    )

    def _compute_bizreg_department_ids(self):
        for user in self:
            user.bizreg_department_ids = user.sudo().employee_ids.department_id

    def _bizreg_delegators(self, when=None):
        """Users who named ``self`` as their substitute at ``when`` (default now)."""
        self.ensure_one()
        when = when or fields.Datetime.now()
        delegations = (
            self.env["bizreg.approval.delegation"]
            .sudo()
            .search(
                [
                    ("substitute_id", "=", self.id),
                    ("date_from", "<=", when),
                    ("date_to", ">=", when),
                ]
            )
        )
        return delegations.user_id
