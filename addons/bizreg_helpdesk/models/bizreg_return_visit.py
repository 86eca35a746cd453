# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.bizreg_base.tools import trusted

from .helpdesk_ticket import SATISFACTION


class BizregReturnVisit(models.Model):
    """A return visit (回访) to a customer and its outcome."""

    _name = "bizreg.return.visit"
    _description = "Return Visit"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_planned desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    customer_class = fields.Selection(
        related="partner_id.bizreg_customer_class", store=True, string="Customer Class"
    )
    plan_id = fields.Many2one(
        "bizreg.return.visit.plan", index=True, ondelete="set null"
    )
    date_planned = fields.Date(
        string="Planned on",
        required=True,
        default=fields.Date.context_today,
        index=True,
        tracking=True,
    )
    date_done = fields.Date(
        string="Visited on", index=True, tracking=True, copy=False, readonly=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
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

    def action_done(self):
        self.check_access("write")
        for visit in self:
            if visit.state != "planned":
                raise UserError(self.env._("Only a planned visit can be completed."))
            if not visit.feedback or not visit.satisfaction:
                raise UserError(
                    self.env._(
                        "Record the customer's feedback and satisfaction before "
                        "completing the visit."
                    )
                )
        with trusted("engine"):
            self.write({"state": "done", "date_done": fields.Date.context_today(self)})
        self.activity_ids.action_feedback(feedback=self.env._("Visit completed."))
        return True

    def action_cancel(self):
        self.check_access("write")
        with trusted("engine"):
            self.filtered(lambda v: v.state == "planned").write({"state": "cancelled"})
        self.activity_ids.unlink()
        return True
