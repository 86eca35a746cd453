# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import is_trusted, trusted

OVERRIDE_FIELDS = (
    "bizreg_screening_override",
    "bizreg_override_reason",
    "bizreg_override_user_id",
    "bizreg_override_date",
)


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "bizreg.sale.department.mixin"]

    # Customer development ------------------------------------------------
    bizreg_channel_id = fields.Many2one(
        "bizreg.sale.channel",
        string="Development Channel",
        index=True,
        tracking=True,
    )
    bizreg_channel_type = fields.Selection(related="bizreg_channel_id.channel_type")
    bizreg_referrer_id = fields.Many2one(
        "res.partner", string="Referring Partner", tracking=True
    )
    bizreg_exhibition = fields.Char(string="Exhibition", tracking=True)
    # Screening -------------------------------------------------------------
    bizreg_score_ids = fields.One2many(
        "bizreg.sale.lead.score", "lead_id", string="Screening Scorecard"
    )
    bizreg_score = fields.Float(
        string="Screening Score",
        compute="_compute_bizreg_score",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="Weighted score of the scorecard, from 0 to 100.",
    )
    bizreg_qualified = fields.Boolean(
        string="Qualified",
        compute="_compute_bizreg_score",
        store=True,
        index=True,
        help="The score reaches the company's qualification threshold.",
    )
    bizreg_screening_override = fields.Boolean(
        string="Screening Overridden", readonly=True, copy=False, tracking=True
    )
    bizreg_override_reason = fields.Text(
        string="Override Reason", readonly=True, copy=False, tracking=True
    )
    bizreg_override_user_id = fields.Many2one(
        "res.users", string="Overridden By", readonly=True, copy=False
    )
    bizreg_override_date = fields.Datetime(
        string="Overridden On", readonly=True, copy=False
    )
    # First contact -----------------------------------------------------------
    bizreg_first_contact_date = fields.Date(string="First Contact", tracking=True)
    bizreg_first_contact_person = fields.Char(string="Contacted Person")
    bizreg_needs = fields.Text(
        string="Needs Understood",
        help="What the customer needs, as understood at the first contact.",
    )
    # Negotiation ---------------------------------------------------------------
    bizreg_negotiation_ids = fields.One2many(
        "bizreg.sale.negotiation", "lead_id", string="Negotiation Rounds"
    )
    bizreg_negotiation_count = fields.Integer(
        string="Negotiations", compute="_compute_bizreg_negotiation_count"
    )

    @api.constrains("bizreg_channel_id", "bizreg_referrer_id", "bizreg_exhibition")
    def _check_bizreg_channel(self):
        for lead in self:
            kind = lead.bizreg_channel_id.channel_type
            if kind == "referral" and not lead.bizreg_referrer_id:
                raise ValidationError(
                    self.env._("A referred lead needs the referring partner.")
                )
            if kind == "exhibition" and not (lead.bizreg_exhibition or "").strip():
                raise ValidationError(
                    self.env._("A lead from an exhibition needs the exhibition's name.")
                )

    @api.depends(
        "bizreg_score_ids.rating",
        "bizreg_score_ids.criterion_id.weight",
        "company_id.bizreg_sale_qualify_threshold",
    )
    def _compute_bizreg_score(self):
        for lead in self:
            total = sum(line.criterion_id.weight for line in lead.bizreg_score_ids)
            points = sum(
                line.criterion_id.weight * int(line.rating or 0)
                for line in lead.bizreg_score_ids
            )
            lead.bizreg_score = total and round(points / (5.0 * total) * 100.0, 1)
            threshold = (
                lead.company_id or self.env.company
            ).bizreg_sale_qualify_threshold
            lead.bizreg_qualified = bool(total) and lead.bizreg_score >= threshold

    def _compute_bizreg_negotiation_count(self):
        counts = dict(
            self.env["bizreg.sale.negotiation"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.bizreg_negotiation_count = counts.get(lead, 0)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._bizreg_check_override_write(vals_list)
        leads = super().create(vals_list)
        leads._bizreg_add_missing_criteria()
        return leads

    def write(self, vals):
        self._bizreg_check_override_write([vals])
        if vals.get("type") == "opportunity":
            self._bizreg_check_convertible()
        return super().write(vals)

    def _bizreg_check_override_write(self, vals_list):
        if is_trusted("bizreg_sale_override"):
            return
        if any(field in vals for vals in vals_list for field in OVERRIDE_FIELDS):
            raise AccessError(
                self.env._(
                    "A screening override is recorded only by a Sales Manager with "
                    "the Override Screening button."
                )
            )

    def _bizreg_add_missing_criteria(self):
        criteria = self.env["bizreg.sale.score.criterion"].search([])
        if not criteria:
            return
        for lead in self:
            company = lead.company_id
            missing = criteria.filtered(
                lambda c, lead=lead, company=company: (
                    (not c.company_id or not company or c.company_id == company)
                    and c not in lead.bizreg_score_ids.criterion_id
                )
            )
            if missing:
                lead.bizreg_score_ids = [
                    Command.create({"criterion_id": criterion.id})
                    for criterion in missing
                ]

    # ------------------------------------------------------------------
    # Screening
    # ------------------------------------------------------------------
    def _bizreg_check_convertible(self):
        refused = self.filtered(
            lambda lead: (
                lead.type == "lead"
                and not lead.bizreg_qualified
                and not lead.bizreg_screening_override
            )
        )
        if refused:
            threshold = (
                refused[0].company_id or self.env.company
            ).bizreg_sale_qualify_threshold
            raise UserError(
                self.env._(
                    "“%(lead)s” scores %(score)s, below the qualification threshold "
                    "of %(threshold)s: it cannot become an opportunity unless a Sales "
                    "Manager overrides the screening.",
                    lead=refused[0].display_name,
                    score=refused[0].bizreg_score,
                    threshold=threshold,
                )
            )

    def _bizreg_override_screening(self, reason):
        """Let unqualified leads be converted (Sales Manager, with a reason)."""
        if not self.env.user.has_group("bizreg_base.group_bizreg_sale_manager"):
            raise AccessError(
                self.env._("Only a Sales Manager can override the lead screening.")
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the override."))
        self.check_access("write")
        with trusted("bizreg_sale_override"):
            self.write(
                {
                    "bizreg_screening_override": True,
                    "bizreg_override_reason": reason.strip(),
                    "bizreg_override_user_id": self.env.uid,
                    "bizreg_override_date": fields.Datetime.now(),
                }
            )
        return True

    def action_bizreg_load_criteria(self):
        self._bizreg_add_missing_criteria()
        return True

    def action_bizreg_override_screening(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override Screening"),
            "res_model": "bizreg.sale.screening.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def action_bizreg_view_negotiations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_sale.bizreg_sale_negotiation_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action
