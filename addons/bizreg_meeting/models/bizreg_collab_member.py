# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class BizregCollabMember(models.Model):
    """A member of a cross-department group and what he answers for; his
    department is his employee's (the groups' department count and access
    rules read it)."""

    _name = "bizreg.collab.member"
    _description = "Project Group Member"
    _inherit = ["bizreg.department.mixin"]
    _order = "group_id, department_id, id"

    group_id = fields.Many2one(
        "bizreg.collab.group", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Member",
        required=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_bizreg_department",
        store=True,
        index=True,
    )
    responsibilities = fields.Text()
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "group_user_unique",
            "unique(group_id, user_id)",
            "A user is a member of a group once.",
        )
    ]

    def _check_group_open(self, groups):
        if not self.env.su and groups.filtered(lambda g: g.state == "closed"):
            raise UserError(self.env._("The members of a closed group cannot change."))

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        self._check_group_open(members.group_id)
        members.group_id._sync_workspace()
        return members

    def write(self, vals):
        self._check_group_open(self.group_id)
        res = super().write(vals)
        if "user_id" in vals:
            self.group_id._sync_workspace()
        return res

    def unlink(self):
        self._check_group_open(self.group_id)
        return super().unlink()
