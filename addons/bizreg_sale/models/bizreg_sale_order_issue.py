# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregSaleOrderIssue(models.Model):
    """A problem met while executing an order, until it is resolved."""

    _name = "bizreg.sale.order.issue"
    _description = "Order Execution Issue"
    _inherit = ["mail.thread", "mail.activity.mixin", "bizreg.department.mixin"]
    _order = "date desc, id desc"
    _bizreg_department_field = "bizreg_department_id"
    _bizreg_department_from = "order_id.bizreg_department_id"
    _bizreg_department_depends = ("order_id.bizreg_department_id",)

    name = fields.Char(string="Issue", required=True, tracking=True)
    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    description = fields.Text()
    responsible_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    # changes through Resolve / Reopen only (engine-owned: read-only)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        required=True,
        default="open",
        readonly=True,
        tracking=True,
    )
    resolution = fields.Text()
    resolved_date = fields.Date(readonly=True)
    user_id = fields.Many2one(related="order_id.user_id", store=True, index=True)
    bizreg_department_id = fields.Many2one(
        "hr.department",
        string="Sales Department",
        compute="_compute_bizreg_department",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)

    @api.constrains("state", "resolution")
    def _check_resolution(self):
        for issue in self:
            if issue.state == "resolved" and not (issue.resolution or "").strip():
                raise ValidationError(
                    self.env._("Describe how the issue was resolved.")
                )

    def action_resolve(self):
        for issue in self:
            if not (issue.resolution or "").strip():
                raise ValidationError(
                    self.env._("Describe how the issue was resolved.")
                )
        self._bizreg_engine_write(
            {"state": "resolved", "resolved_date": fields.Date.context_today(self)}
        )

    def action_reopen(self):
        self._bizreg_engine_write({"state": "open", "resolved_date": False})
