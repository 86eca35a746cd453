# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.bizreg_base.models.bizreg_visit_plan_mixin import INTERVAL_TYPES

from .res_partner import PARTNER_CLASSES

_logger = logging.getLogger(__name__)


class BizregPartnerCommPlan(models.Model):
    """How the partners of one class are kept in touch with: a cadence of
    contacts and of visits, and who is responsible (bizreg_base's
    periodic-visit mechanism creates the visits)."""

    _name = "bizreg.partner.comm.plan"
    _description = "Partner Communication Plan"
    _inherit = ["bizreg.visit.plan.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "partner_class, id"

    _bizreg_visit_model = "bizreg.partner.visit"

    partner_class = fields.Selection(
        PARTNER_CLASSES, required=True, tracking=True, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        required=True,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        string="Responsible",
        help="Visits the partners that have no salesperson of their own "
        "(default: the manager of the responsible department).",
    )
    interval_number = fields.Integer(string="Visit Every")
    contact_interval_number = fields.Integer(
        string="Contact Every", required=True, default=2, tracking=True
    )
    contact_interval_type = fields.Selection(
        INTERVAL_TYPES,
        string="Contact Unit",
        required=True,
        default="weeks",
        tracking=True,
    )
    guidelines = fields.Text(
        string="Communication Guidelines",
        help="Channels, topics and people to keep in touch with.",
    )
    visit_count = fields.Integer(compute="_compute_visit_count", string="Visits")

    _sql_constraints = [
        (
            "class_company_uniq",
            "unique(partner_class, company_id)",
            "A partner class has one communication plan per company.",
        ),
    ]

    @api.constrains("contact_interval_number")
    def _check_contact_interval(self):
        for plan in self:
            if plan.contact_interval_number <= 0:
                raise ValidationError(
                    self.env._("The interval between contacts must be positive.")
                )

    def _compute_visit_count(self):
        counts = dict(
            self.env["bizreg.partner.visit"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.visit_count = counts.get(plan, 0)

    # ------------------------------------------------------------------
    # Periodic visits (bizreg.visit.plan.mixin)
    # ------------------------------------------------------------------
    def _bizreg_visit_partner_domain(self):
        self.ensure_one()
        return [("bizreg_partner_class", "=", self.partner_class)]

    def _bizreg_visit_user(self, partner):
        """The partner's salesperson, else the plan's responsible, else the
        manager of the responsible department."""
        salesperson = partner.user_id
        if salesperson and not salesperson.share and salesperson.active:
            return salesperson
        return (
            self.user_id
            or self.sudo().department_id.manager_id.user_id
            or super()._bizreg_visit_user(partner)
        )

    def _bizreg_visit_summary(self, visit):
        return self.env._("Partner visit: %s", visit.partner_id.name)

    @api.model
    def _cron_partner_visits(self):
        """Create the due partner visits, remind and escalate the overdue ones."""
        return self._bizreg_cron_visits()

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_meeting.bizreg_partner_visit_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {}
        return action
