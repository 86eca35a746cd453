# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    bizreg_department_ids = fields.Many2many(
        "hr.department",
        string="Regulation Departments",
        compute="_compute_bizreg_department_ids",
        help="Departments of the user's employees; used by the 'my department' "
        "record rules.",
    )

    @api.model
    def _bizreg_demo_set_password_hashes(self, hashes):
        """Demo data: give the demo users ``{user id: password hash}``, hashes
        computed once when the demo was written (hashing is deliberately slow;
        Odoo checks the stored hash at login as for any password)."""
        for user_id, password_hash in hashes.items():
            self.sudo()._set_encrypted_password(user_id, password_hash)

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
