# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

# The fields of a team line that are terms of its request's approval.
TERM_FIELDS = {"request_id", "user_id", "role_id", "responsibility"}


class BizregProjectRequestMember(models.Model):
    """A member of the proposed project team: who, in which role, responsible
    for what, from which department.  On approval each line becomes a
    project assignment (OCA ``project_role``)."""

    _name = "bizreg.project.request.member"
    _description = "Project Request Team Member"
    _order = "request_id, sequence, id"

    sequence = fields.Integer(default=10)
    request_id = fields.Many2one(
        "bizreg.project.request",
        string="Project Request",
        required=True,
        index=True,
        ondelete="cascade",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Member",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('share', '=', False)]",
    )
    role_id = fields.Many2one(
        "project.role",
        required=True,
        ondelete="restrict",
    )
    responsibility = fields.Text(help="What this member is responsible for.")
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        help="The member's department (from the member's employee).",
    )
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True
    )
    state = fields.Selection(related="request_id.state")

    _sql_constraints = [
        (
            "request_user_role_uniq",
            "unique(request_id, user_id, role_id)",
            "A member is named once per role in a project request.",
        ),
    ]

    @api.depends("user_id")
    def _compute_department_id(self):
        for member in self:
            member.department_id = (
                member.user_id.sudo().employee_id.department_id
                or member.user_id.sudo().employee_ids[:1].department_id
            )

    @api.model_create_multi
    def create(self, vals_list):
        requests = self.env["bizreg.project.request"].browse(
            {vals["request_id"] for vals in vals_list if vals.get("request_id")}
        )
        requests._check_terms_editable()
        members = super().create(vals_list)
        members.request_id._bizreg_send_back_changed()
        return members

    def write(self, vals):
        requests = self.request_id
        if vals.get("request_id"):
            requests |= self.env["bizreg.project.request"].browse(vals["request_id"])
        terms = TERM_FIELDS & set(vals)
        if terms:
            requests._check_terms_editable()
        res = super().write(vals)
        if terms:
            requests._bizreg_send_back_changed()
        return res

    def unlink(self):
        requests = self.request_id
        requests._check_terms_editable()
        res = super().unlink()
        requests.exists()._bizreg_send_back_changed()
        return res
