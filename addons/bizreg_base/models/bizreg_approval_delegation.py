# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregApprovalDelegation(models.Model):
    """A user names a substitute who may act on their reviews for a period."""

    _name = "bizreg.approval.delegation"
    _description = "Approval Delegation"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    user_id = fields.Many2one(
        "res.users",
        string="Delegating User",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    substitute_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date_from = fields.Datetime(
        string="From", required=True, default=fields.Datetime.now, tracking=True
    )
    date_to = fields.Datetime(string="To", required=True, tracking=True)
    reason = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    is_active_now = fields.Boolean(string="In Force", compute="_compute_is_active_now")

    def _compute_is_active_now(self):
        now = fields.Datetime.now()
        for rec in self:
            rec.is_active_now = rec.date_from <= now <= rec.date_to

    @api.constrains("user_id", "substitute_id", "date_from", "date_to")
    def _check_dates(self):
        for rec in self:
            if rec.date_to < rec.date_from:
                raise ValidationError(
                    self.env._("A delegation cannot end before it starts.")
                )
            if rec.user_id == rec.substitute_id:
                raise ValidationError(
                    self.env._("A user cannot delegate to themselves.")
                )
            overlapping = self.sudo().search_count(
                [
                    ("id", "!=", rec.id),
                    ("user_id", "=", rec.user_id.id),
                    ("date_from", "<=", rec.date_to),
                    ("date_to", ">=", rec.date_from),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "%(user)s already has a delegation overlapping this period.",
                        user=rec.user_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_own_delegation(vals)
        records = super().create(vals_list)
        # decided on the result (a ``default_user_id`` key fills it too)
        for rec in records:
            rec._check_own_delegation({"user_id": rec.user_id.id})
        return records

    def write(self, vals):
        for rec in self:
            rec._check_own_delegation({"user_id": vals.get("user_id", rec.user_id.id)})
        return super().write(vals)

    def _check_own_delegation(self, vals):
        """Only the delegating user (or a regulation administrator) sets one up."""
        user_id = vals.get("user_id", self.env.uid)
        if (
            user_id != self.env.uid
            and not self.env.su
            and not self.env.user.has_group("bizreg_base.group_bizreg_admin")
        ):
            raise ValidationError(self.env._("You can only delegate your own reviews."))

    @api.depends("user_id", "substitute_id")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(user)s → %(substitute)s",
                user=rec.user_id.name or "",
                substitute=rec.substitute_id.name or "",
            )
