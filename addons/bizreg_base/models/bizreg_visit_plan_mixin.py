# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import split_every

from ..tools import check_minimums

_logger = logging.getLogger(__name__)

INTERVAL_TYPES = [("days", "Days"), ("weeks", "Weeks"), ("months", "Months")]


class BizregVisitPlanMixin(models.AbstractModel):
    """A cadence of visits to a set of partners: the periodic-visit mechanism.

    One mechanism for every periodic visit of the suite (the return visits of
    customer service, the visits of partners in communication).  A plan
    says which partners it covers (:meth:`_bizreg_visit_partner_domain`), how
    often they are visited (``interval_number`` ``interval_type``), how many
    days ahead a visit is planned (``lead_days``) and who visits by default
    (``user_id``, :meth:`_bizreg_visit_user`).  The visits are records of the
    model named by ``_bizreg_visit_model``, which inherits
    ``bizreg.visit.mixin`` and has a ``plan_id`` to the plan.

    :meth:`_bizreg_create_due_visits` (run by the module's cron through
    :meth:`_bizreg_cron_visits`) creates the visits that are due: a partner
    is due when it has no planned visit and its last visit done (or none) is
    at least one interval ago.  It is idempotent (a planned visit is not
    created twice), works in batches of partners with a constant number of
    queries per batch, and gives the visitor an activity for each visit.
    """

    _name = "bizreg.visit.plan.mixin"
    _description = "Periodic Visit Plan"

    # the visit model the plan creates (inherits bizreg.visit.mixin)
    _bizreg_visit_model = None
    # partners read per batch, and visits created per cron run (the cron is
    # called again at once while visits remain to create)
    _bizreg_visit_batch = 500

    name = fields.Char(required=True, translate=True, tracking=True)
    interval_number = fields.Integer(
        string="Every", required=True, default=3, tracking=True
    )
    interval_type = fields.Selection(
        INTERVAL_TYPES,
        string="Unit",
        required=True,
        default="months",
        tracking=True,
    )
    lead_days = fields.Integer(
        string="Plan Ahead (days)",
        default=0,
        tracking=True,
        help="How many days before a visit is due it is planned, so that the "
        "visitor can arrange it; the visit is planned on the day it is due.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Default Visitor",
        domain="[('share', '=', False)]",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.constrains("interval_number", "lead_days")
    def _check_interval(self):
        check_minimums(self, {"interval_number": 1, "lead_days": 0})

    # ------------------------------------------------------------------
    # Hooks of the concrete plan
    # ------------------------------------------------------------------
    def _bizreg_visit_partner_domain(self):
        """The partners the plan covers (besides its company)."""
        raise NotImplementedError(
            f"{self._name} must say which partners its plans cover"
        )

    def _bizreg_visit_user(self, partner):
        """Who visits ``partner`` by default."""
        self.ensure_one()
        return self.user_id or self.env.user

    def _bizreg_visit_values(self, partner, date_planned):
        """The values of a new visit of ``partner``."""
        self.ensure_one()
        return {
            "partner_id": partner.id,
            "plan_id": self.id,
            "date_planned": date_planned,
            "user_id": self._bizreg_visit_user(partner).id,
            "company_id": self.company_id.id,
        }

    def _bizreg_visit_summary(self, visit):
        """The summary of the visitor's activity (in the visitor's language)."""
        return self.env._("Visit to %s", visit.partner_id.name)

    # ------------------------------------------------------------------
    # Cadence
    # ------------------------------------------------------------------
    def _bizreg_visit_interval(self):
        self.ensure_one()
        return relativedelta(**{self.interval_type: self.interval_number})

    def _bizreg_visit_next_date(self, last, today):
        """The day the next visit is due: one interval after the last visit
        done, or (never visited) ``lead_days`` from today."""
        self.ensure_one()
        if last:
            return last + self._bizreg_visit_interval()
        return today + timedelta(days=self.lead_days)

    def _bizreg_visit_partners(self):
        """The partners of the plan: its domain, in its company or shared."""
        self.ensure_one()
        return self.env["res.partner"].search(
            self._bizreg_visit_partner_domain()
            + [("company_id", "in", [self.company_id.id, False])],
            order="id",
        )

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    def _bizreg_create_due_visits(self, today=None, limit=None):
        """Create the visits that are due by ``today`` (+ ``lead_days``),
        at most ``limit`` of them (idempotent).

        A partner is due when it has no planned visit (of any plan) and its
        last visit done is at least one interval ago, or it was never
        visited.  Per batch of partners: two grouped reads of the visits, the
        creation of the due visits and of their activities.
        """
        today = today or fields.Date.context_today(self)
        Visit = self.env[self._bizreg_visit_model]
        VisitSudo = Visit.sudo().with_context(active_test=False)
        created = Visit
        for plan in self:
            if limit is not None and len(created) >= limit:
                break
            horizon = today + timedelta(days=plan.lead_days)
            for chunk in split_every(
                self._bizreg_visit_batch, plan._bizreg_visit_partners().ids
            ):
                partners = self.env["res.partner"].browse(chunk)
                open_partners = {
                    partner.id
                    for [partner] in VisitSudo._read_group(
                        [("partner_id", "in", partners.ids), ("state", "=", "planned")],
                        ["partner_id"],
                    )
                }
                last_dates = dict(
                    VisitSudo._read_group(
                        [("partner_id", "in", partners.ids), ("state", "=", "done")],
                        ["partner_id"],
                        ["date_done:max"],
                    )
                )
                vals_list = []
                for partner in partners:
                    if partner.id in open_partners:
                        continue
                    due = plan._bizreg_visit_next_date(last_dates.get(partner), today)
                    if due > horizon:
                        continue
                    vals_list.append(
                        plan._bizreg_visit_values(partner, max(due, today))
                    )
                if limit is not None:
                    vals_list = vals_list[: limit - len(created)]
                visits = Visit.create(vals_list)
                plan._bizreg_visit_schedule_activities(visits)
                created |= visits
                if limit is not None and len(created) >= limit:
                    break
        return created

    def _bizreg_visit_schedule_activities(self, visits):
        """An activity for each visitor, due on the planned day, created in
        one batch; each visitor is told once (the escalation mixin's notice)."""
        self.ensure_one()
        if not visits or "activity_ids" not in visits._fields:
            return self.env["mail.activity"]
        activity_type = self.env.ref("bizreg_base.mail_activity_bizreg_followup")
        model_id = self.env["ir.model"]._get_id(visits._name)
        vals_list = []
        for visit in visits:
            plan = self.with_context(lang=visit.user_id.lang or self.env.lang)
            vals_list.append(
                {
                    "activity_type_id": activity_type.id,
                    "summary": plan._bizreg_visit_summary(visit),
                    "date_deadline": visit.date_planned,
                    "user_id": visit.user_id.id,
                    "res_model_id": model_id,
                    "res_id": visit.id,
                    "automated": True,
                }
            )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
        visits._bizreg_escalation_announce(activities)
        return activities

    @api.model
    def _bizreg_cron_visits(self):
        """The daily cron: create the due visits of every active plan (one
        batch per run, called again while visits remain), then remind and
        escalate the overdue ones."""
        limit = self._bizreg_visit_batch
        visits = self.search([])._bizreg_create_due_visits(limit=limit)
        self.env[self._bizreg_visit_model]._bizreg_run_escalations()
        if len(visits) >= limit:
            # more may be due: the cron runner calls again at once
            self.env["ir.cron"]._notify_progress(done=len(visits), remaining=1)
        _logger.info("%s: %s visits created", self._name, len(visits))
        return visits
