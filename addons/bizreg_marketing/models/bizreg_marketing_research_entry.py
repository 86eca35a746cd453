# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

KINDS = [
    ("industry_report", "Industry Report"),
    ("competitor", "Competitor Move"),
    ("customer_feedback", "Customer Feedback"),
    ("other", "Other"),
]


class BizregMarketingResearchEntry(models.Model):
    """A piece of information gathered for a research plan (regulation 1.1:
    industry reports, competitor moves, customer feedback), with its source
    and attachments; customer feedback links the record it was pulled from."""

    _name = "bizreg.marketing.research.entry"
    _description = "Research Information"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    plan_id = fields.Many2one(
        "bizreg.marketing.research.plan",
        string="Research Plan",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    kind = fields.Selection(
        KINDS, required=True, default="industry_report", index=True, tracking=True
    )
    name = fields.Char(string="Title", required=True, tracking=True)
    summary = fields.Text()
    source = fields.Text(help="Publisher, author or web address of the information.")
    date = fields.Date(default=fields.Date.context_today, index=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "bizreg_marketing_research_entry_attachment_rel",
        "entry_id",
        "attachment_id",
        string="Attachments",
    )
    source_ref = fields.Reference(
        selection="_selection_source_models",
        string="Pulled From",
        index=True,
        help="The record (opportunity, ticket...) this feedback was taken from.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", index=True)

    @api.model
    def _selection_source_models(self):
        """Models customer feedback can be pulled from (extended by bridges)."""
        return [("crm.lead", "Opportunity")]

    def _check_plans_open(self, plans):
        if self.env.su:
            return
        for plan in plans:
            if plan.state in ("done", "cancel"):
                raise UserError(
                    self.env._(
                        "Research plan %s is closed: no information can be added "
                        "or changed.",
                        plan.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["bizreg.marketing.research.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )
        plans.check_access("read")
        self._check_plans_open(plans)
        return super().create(vals_list)

    def write(self, vals):
        plans = self.plan_id
        if vals.get("plan_id"):
            new_plan = self.env["bizreg.marketing.research.plan"].browse(
                vals["plan_id"]
            )
            new_plan.check_access("read")
            plans |= new_plan
        self._check_plans_open(plans)
        return super().write(vals)

    def unlink(self):
        """Information a report under review or published is based on stays."""
        used = (
            self.env["bizreg.marketing.research.report"]
            .sudo()
            .search(
                [
                    ("entry_ids", "in", self.ids),
                    ("state", "in", ("to_approve", "approved", "published")),
                ],
                limit=1,
            )
        )
        if used and not self.env.su:
            raise UserError(
                self.env._(
                    "Research report %s is based on this information: it cannot "
                    "be deleted.",
                    used.display_name,
                )
            )
        self._check_plans_open(self.plan_id)
        return super().unlink()
