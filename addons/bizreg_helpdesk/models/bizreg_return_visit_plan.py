# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import api, fields, models

from .res_partner import CUSTOMER_CLASSES

_logger = logging.getLogger(__name__)


class BizregReturnVisitPlan(models.Model):
    """How often customers of one class are visited (bizreg_base's
    periodic-visit mechanism)."""

    _name = "bizreg.return.visit.plan"
    _description = "Return Visit Plan"
    _inherit = ["bizreg.visit.plan.mixin", "mail.thread"]
    _order = "customer_class, id"

    _bizreg_visit_model = "bizreg.return.visit"

    customer_class = fields.Selection(CUSTOMER_CLASSES, required=True, tracking=True)
    user_id = fields.Many2one(
        string="Default Agent",
        help="Agent of the visits of customers without their own service agent.",
    )

    _sql_constraints = [
        (
            "class_company_uniq",
            "unique(customer_class, company_id)",
            "A customer class has one return-visit plan per company.",
        ),
    ]

    def _bizreg_visit_partner_domain(self):
        self.ensure_one()
        return [("bizreg_customer_class", "=", self.customer_class)]

    def _bizreg_visit_user(self, partner):
        return partner.bizreg_service_user_id or super()._bizreg_visit_user(partner)

    def _bizreg_visit_summary(self, visit):
        return self.env._("Return visit to %s", visit.partner_id.name)

    @api.model
    def _cron_return_visits(self):
        """Create the due return visits, remind and escalate the overdue ones."""
        visits = self._bizreg_cron_visits()
        _logger.info("Return visits created: %s", len(visits))
        return visits
