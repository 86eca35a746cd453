# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import split_every

from odoo.addons.bizreg_base.models.bizreg_visit_plan_mixin import INTERVAL_TYPES
from odoo.addons.bizreg_base.tools import company_today

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

    # ------------------------------------------------------------------
    # Contacts between visits
    # ------------------------------------------------------------------
    def _bizreg_last_contacts(self, partners):
        """``{partner_id: date}`` of the last contact with each partner: the
        last visit done, or the last contact activity marked done (Odoo keeps
        a done activity as a message of its type), whichever is later.  Two
        grouped reads whatever the number of partners."""
        contact_type = self.env.ref("bizreg_meeting.mail_activity_type_partner_contact")
        last = {
            partner.id: day
            for partner, day in self.env["bizreg.partner.visit"]
            .sudo()
            ._read_group(
                [("partner_id", "in", partners.ids), ("state", "=", "done")],
                ["partner_id"],
                ["date_done:max"],
            )
        }
        for res_id, moment in (
            self.env["mail.message"]
            .sudo()
            ._read_group(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("mail_activity_type_id", "=", contact_type.id),
                ],
                ["res_id"],
                ["date:max"],
            )
        ):
            day = moment.date()
            if not last.get(res_id) or last[res_id] < day:
                last[res_id] = day
        return last

    def _bizreg_schedule_contacts(self, today=None):
        """A "Partner contact" activity for the responsible of each partner
        of the plans that has not been contacted (visited, or a contact
        activity done) for one contact interval and has no contact activity
        open, due today.  Per batch of partners: three grouped reads and one
        creation of the activities.  Returns the new activities."""
        contact_type = self.env.ref("bizreg_meeting.mail_activity_type_partner_contact")
        Activity = self.env["mail.activity"].sudo()
        model_id = self.env["ir.model"]._get_id("res.partner")
        created = Activity
        for plan in self:
            day = today or company_today(plan.company_id)
            threshold = day - relativedelta(
                **{plan.contact_interval_type: plan.contact_interval_number}
            )
            for chunk in split_every(
                self._bizreg_visit_batch, plan._bizreg_visit_partners().ids
            ):
                partners = self.env["res.partner"].browse(chunk)
                open_ids = {
                    res_id
                    for [res_id] in Activity._read_group(
                        [
                            ("res_model", "=", "res.partner"),
                            ("res_id", "in", partners.ids),
                            ("activity_type_id", "=", contact_type.id),
                        ],
                        ["res_id"],
                    )
                }
                last = plan._bizreg_last_contacts(partners)
                vals_list = []
                for partner in partners:
                    if partner.id in open_ids:
                        continue
                    if last.get(partner.id) and last[partner.id] > threshold:
                        continue
                    user = plan._bizreg_visit_user(partner)
                    vals_list.append(
                        {
                            "activity_type_id": contact_type.id,
                            "summary": plan.with_context(
                                lang=user.lang or self.env.lang
                            ).env._("Keep in touch with %s", partner.name),
                            "date_deadline": day,
                            "user_id": user.id,
                            "res_model_id": model_id,
                            "res_id": partner.id,
                            "automated": True,
                        }
                    )
                created |= Activity.with_context(
                    mail_activity_quick_update=True
                ).create(vals_list)
        return created

    @api.model
    def _cron_partner_visits(self):
        """Create the due partner visits, remind and escalate the overdue
        ones, and schedule the contacts due between visits."""
        visits = self._bizreg_cron_visits()
        contacts = self.search([])._bizreg_schedule_contacts()
        _logger.info("%s: %s partner contacts scheduled", self._name, len(contacts))
        return visits

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_meeting.bizreg_partner_visit_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {}
        return action
