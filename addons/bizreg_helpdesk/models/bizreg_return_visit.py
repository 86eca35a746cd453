# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .helpdesk_ticket import SATISFACTION


class BizregReturnVisit(models.Model):
    """A return visit (回访) to a customer and its outcome (bizreg_base's
    periodic-visit mechanism)."""

    _name = "bizreg.return.visit"
    _description = "Return Visit"
    _inherit = ["bizreg.visit.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_planned desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(string="Customer")
    customer_class = fields.Selection(
        related="partner_id.bizreg_customer_class", store=True, string="Customer Class"
    )
    plan_id = fields.Many2one(
        "bizreg.return.visit.plan", index=True, ondelete="set null"
    )
    method = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "On-site Visit"),
            ("online", "Online"),
            ("email", "Email"),
        ],
        default="phone",
        required=True,
    )
    feedback = fields.Text(string="Customer Feedback")
    satisfaction = fields.Selection(SATISFACTION, tracking=True)
    satisfaction_score = fields.Integer(
        string="Satisfaction (1-5)",
        compute="_compute_satisfaction_score",
        store=True,
        aggregator="avg",
    )
    needs = fields.Text(
        string="New Needs", help="Needs or requests the customer expressed."
    )
    churn_risk = fields.Boolean(
        tracking=True,
        index=True,
        help="The customer may stop buying from us: follow up.",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Follow-up Ticket", index=True, copy=False
    )

    @api.depends("satisfaction")
    def _compute_satisfaction_score(self):
        for visit in self:
            visit.satisfaction_score = int(visit.satisfaction or 0)

    def write(self, vals):
        """Visits are assigned by the Customer Service Manager: an agent does
        not hand his visits to a colleague (nor takes theirs)."""
        if (
            "user_id" in vals
            and not self.env.su
            and not self.env.user.has_group(
                "bizreg_helpdesk.group_bizreg_service_manager"
            )
            and any(visit.user_id.id != vals["user_id"] for visit in self)
        ):
            raise AccessError(
                self.env._("Only the Customer Service Manager reassigns return visits.")
            )
        return super().write(vals)

    def _bizreg_visit_check_done(self):
        res = super()._bizreg_visit_check_done()
        if not self.feedback or not self.satisfaction:
            raise UserError(
                self.env._(
                    "Record the customer's feedback and satisfaction before "
                    "completing the visit."
                )
            )
        return res
