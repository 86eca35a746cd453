# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner import CUSTOMER_CLASSES

_logger = logging.getLogger(__name__)


class BizregReturnVisitPlan(models.Model):
    """How often customers of one class are visited."""

    _name = "bizreg.return.visit.plan"
    _description = "Return Visit Plan"
    _inherit = ["mail.thread"]
    _order = "customer_class, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    customer_class = fields.Selection(CUSTOMER_CLASSES, required=True, tracking=True)
    interval_number = fields.Integer(
        string="Every", required=True, default=3, tracking=True
    )
    interval_type = fields.Selection(
        [("days", "Days"), ("weeks", "Weeks"), ("months", "Months")],
        string="Unit",
        required=True,
        default="months",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Default Agent",
        domain="[('share', '=', False)]",
        tracking=True,
        help="Agent of the visits of customers without their own service agent.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "class_company_uniq",
            "unique(customer_class, company_id)",
            "A customer class has one return-visit plan per company.",
        ),
    ]

    @api.constrains("interval_number")
    def _check_interval(self):
        for plan in self:
            if plan.interval_number <= 0:
                raise ValidationError(
                    self.env._("The interval between visits must be positive.")
                )

    def _interval(self):
        self.ensure_one()
        return relativedelta(**{self.interval_type: self.interval_number})

    def _bizreg_create_due_visits(self, today=None):
        """Create the visits that are due today (idempotent).

        A customer is due when it has no open visit and its last visit (or
        none) is at least one interval ago.  Three queries per plan whatever
        the number of customers, plus the creation of the due visits.
        """
        today = today or fields.Date.context_today(self)
        Visit = self.env["bizreg.return.visit"]
        Partner = self.env["res.partner"]
        created = Visit
        for plan in self:
            partners = Partner.search(
                [
                    ("bizreg_customer_class", "=", plan.customer_class),
                    ("company_id", "in", [plan.company_id.id, False]),
                ]
            )
            if not partners:
                continue
            open_partners = {
                partner.id
                for [partner] in Visit._read_group(
                    [("partner_id", "in", partners.ids), ("state", "=", "planned")],
                    ["partner_id"],
                )
            }
            last_dates = dict(
                Visit._read_group(
                    [("partner_id", "in", partners.ids), ("state", "=", "done")],
                    ["partner_id"],
                    ["date_done:max"],
                )
            )
            vals_list = []
            for partner in partners:
                if partner.id in open_partners:
                    continue
                last = last_dates.get(partner)
                due = last + plan._interval() if last else today
                if due > today:
                    continue
                agent = partner.bizreg_service_user_id or plan.user_id or self.env.user
                vals_list.append(
                    {
                        "partner_id": partner.id,
                        "plan_id": plan.id,
                        "date_planned": today,
                        "user_id": agent.id,
                        "company_id": plan.company_id.id,
                    }
                )
            visits = Visit.create(vals_list)
            for visit in visits:
                visit.activity_schedule(
                    "bizreg_base.mail_activity_bizreg_followup",
                    date_deadline=visit.date_planned,
                    summary=self.env._("Return visit to %s", visit.partner_id.name),
                    user_id=visit.user_id.id,
                )
            created |= visits
        return created

    @api.model
    def _cron_return_visits(self):
        visits = self.search([])._bizreg_create_due_visits()
        _logger.info("Return visits created: %s", len(visits))
        return visits
