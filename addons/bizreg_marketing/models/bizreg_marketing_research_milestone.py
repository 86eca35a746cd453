# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

# What a milestone commits to (part of the plan's approved terms); ``done``
# and ``note`` are progress.
TERM_FIELDS = {"name", "date", "plan_id", "sequence"}


class BizregMarketingResearchMilestone(models.Model):
    """A dated milestone of a research plan."""

    _name = "bizreg.marketing.research.milestone"
    _description = "Research Milestone"
    _order = "plan_id, date, sequence, id"

    plan_id = fields.Many2one(
        "bizreg.marketing.research.plan",
        string="Research Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Milestone", required=True)
    date = fields.Date(required=True)
    done = fields.Boolean()
    note = fields.Text()
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, string="Company"
    )

    def _check_plans_open(self, plans, vals=None):
        """The milestones of a plan under review are frozen (what the
        reviewer sees is what is approved); those of a closed plan too."""
        if self.env.su or (vals is not None and not TERM_FIELDS.intersection(vals)):
            return
        for plan in plans:
            if plan.state in ("done", "cancel"):
                raise UserError(
                    self.env._(
                        "Research plan %s is closed: its milestones cannot change.",
                        plan.display_name,
                    )
                )
            if plan.validation_status in ("waiting", "pending"):
                raise UserError(
                    self.env._(
                        "Research plan %s is under review: its milestones cannot "
                        "change now.",
                        plan.display_name,
                    )
                )

    # Whatever changes milestones (the plan's form, this model over RPC, a
    # milestone moved to another plan), the plans' approved-terms
    # fingerprint decides afterwards: an approved plan goes back to review.
    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["bizreg.marketing.research.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )
        self._check_plans_open(plans)
        milestones = super().create(vals_list)
        milestones.plan_id._bizreg_send_back_changed()
        return milestones

    def write(self, vals):
        plans = self.plan_id
        if vals.get("plan_id"):
            plans |= self.env["bizreg.marketing.research.plan"].browse(vals["plan_id"])
        self._check_plans_open(plans, vals)
        res = super().write(vals)
        plans._bizreg_send_back_changed()
        return res

    def unlink(self):
        plans = self.plan_id
        self._check_plans_open(plans)
        res = super().unlink()
        plans.exists()._bizreg_send_back_changed()
        return res
