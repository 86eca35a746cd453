# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregSaleNegotiation(models.Model):
    """One negotiation round with the customer on an opportunity or quotation."""

    _name = "bizreg.sale.negotiation"
    _description = "Negotiation Round"
    _inherit = ["mail.thread", "bizreg.department.mixin"]
    _order = "date desc, id desc"
    _bizreg_department_field = "bizreg_department_id"
    _bizreg_department_depends = (
        "lead_id.bizreg_department_id",
        "order_id.bizreg_department_id",
    )

    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", ondelete="cascade", index=True
    )
    order_id = fields.Many2one(
        "sale.order", string="Quotation", ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_owner",
        store=True,
        index=True,
    )
    bizreg_department_id = fields.Many2one(
        "hr.department",
        string="Department",
        compute="_compute_bizreg_department",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_owner",
        store=True,
        index=True,
    )
    participant_user_ids = fields.Many2many(
        "res.users", string="Our Participants", domain="[('share', '=', False)]"
    )
    customer_participants = fields.Char()
    currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.company.currency_id,
        required=True,
    )
    proposed_price = fields.Monetary(tracking=True)
    delivery_terms = fields.Char(string="Delivery Time", tracking=True)
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms", tracking=True
    )
    strategy = fields.Text(string="Strategy and Customer Concerns")
    outcome = fields.Selection(
        [
            ("open", "To be continued"),
            ("agreed", "Agreed"),
            ("failed", "No agreement"),
        ],
        required=True,
        default="open",
        tracking=True,
    )
    outcome_note = fields.Text(string="Outcome Details")

    @api.depends(
        "lead_id.user_id",
        "order_id.user_id",
        "lead_id.company_id",
        "order_id.company_id",
    )
    def _compute_owner(self):
        for rnd in self:
            parent = rnd.order_id or rnd.lead_id
            rnd.user_id = parent.user_id
            rnd.company_id = parent.company_id

    def _bizreg_department_source(self):
        self.ensure_one()
        return (self.order_id or self.lead_id).bizreg_department_id

    @api.constrains("lead_id", "order_id", "proposed_price")
    def _check_parent(self):
        for rnd in self:
            if not rnd.lead_id and not rnd.order_id:
                raise ValidationError(
                    self.env._(
                        "A negotiation round belongs to an opportunity or a quotation."
                    )
                )
            if rnd.proposed_price < 0:
                raise ValidationError(
                    self.env._("The proposed price cannot be negative.")
                )

    @api.depends("date", "lead_id", "order_id")
    def _compute_display_name(self):
        for rnd in self:
            parent = rnd.order_id or rnd.lead_id
            rnd.display_name = f"{parent.display_name or ''} {rnd.date or ''}".strip()
