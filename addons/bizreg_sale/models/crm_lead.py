# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import is_trusted, trusted

from .res_company import DEFAULT_QUALIFY_THRESHOLD

# Who may read scorecards and negotiation rounds (their access rules): the
# fields are hidden from everybody else, e.g. users of Odoo's Sales groups only.
SCORE_GROUPS = "bizreg_sale.group_bizreg_sale_user,bizreg_base.group_bizreg_auditor"
NEGOTIATION_GROUPS = (
    f"{SCORE_GROUPS},bizreg_base.group_bizreg_legal,"
    "bizreg_base.group_bizreg_finance,bizreg_base.group_bizreg_risk"
)
OVERRIDE_FIELDS = (
    "bizreg_screening_override",
    "bizreg_override_reason",
    "bizreg_override_user_id",
    "bizreg_override_date",
)


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "bizreg.sale.department.mixin"]

    # Customer development: the channel is the UTM medium, whose kind says
    # what the lead needs (referral: Referred By; exhibition: the exhibition
    # as the UTM source) -----------------------------------------------------
    medium_id = fields.Many2one(tracking=True)
    source_id = fields.Many2one(tracking=True)
    referred = fields.Char(tracking=True)
    bizreg_channel_type = fields.Selection(related="medium_id.bizreg_channel_type")
    # Screening -------------------------------------------------------------
    bizreg_score_ids = fields.One2many(
        "bizreg.sale.lead.score",
        "lead_id",
        string="Screening Scorecard",
        groups=SCORE_GROUPS,
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
        "bizreg.sale.negotiation",
        "lead_id",
        string="Negotiation Rounds",
        groups=NEGOTIATION_GROUPS,
    )
    bizreg_negotiation_count = fields.Integer(
        string="Negotiations",
        compute="_compute_bizreg_negotiation_count",
        groups=NEGOTIATION_GROUPS,
    )

    @api.constrains("medium_id", "referred", "source_id")
    def _check_bizreg_channel(self):
        messages = {
            "referral": self.env._(
                "“%(lead)s” comes from the customer referral “%(medium)s”: "
                "fill in “%(field)s” with who referred the customer."
            ),
            "exhibition": self.env._(
                "“%(lead)s” comes from the industry exhibition "
                "“%(medium)s”: set its “%(field)s” to the exhibition."
            ),
        }
        needs = {"referral": "referred", "exhibition": "source_id"}
        for lead in self:
            kind = lead.medium_id.bizreg_channel_type
            field = needs.get(kind)
            value = field and lead[field]
            if field and not (value.strip() if isinstance(value, str) else value):
                raise ValidationError(
                    messages[kind]
                    % {
                        "lead": lead.display_name,
                        "medium": lead.medium_id.display_name,
                        "field": self._fields[field]._description_string(self.env),
                    }
                )

    @api.depends(
        "bizreg_score_ids.rating",
        "bizreg_score_ids.criterion_id.weight",
        "company_id.bizreg_sale_qualify_threshold",
        "user_id.company_id.bizreg_sale_qualify_threshold",
    )
    def _compute_bizreg_score(self):
        for lead in self:
            total = sum(line.criterion_id.weight for line in lead.bizreg_score_ids)
            points = sum(
                line.criterion_id.weight * int(line.rating or 0)
                for line in lead.bizreg_score_ids
            )
            lead.bizreg_score = total and round(points / (5.0 * total) * 100.0, 1)
            # the lead's company, else its salesperson's: never the company
            # of whoever triggers the recompute (a stored value)
            company = lead.company_id or lead.user_id.company_id
            threshold = (
                company.bizreg_sale_qualify_threshold
                if company
                else DEFAULT_QUALIFY_THRESHOLD
            )
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
        in_scope = leads._bizreg_screening_scope()
        in_scope._bizreg_add_missing_criteria()
        if not self.env.su:
            # decided on the result: ``type`` may also come from a
            # ``default_type`` key; a prospect of the Sales departments is
            # screened before it is an opportunity (their staff work with
            # leads)
            in_scope.filtered(
                lambda lead: lead.type == "opportunity"
            )._bizreg_refuse_unqualified()
        return leads

    def write(self, vals):
        self._bizreg_check_override_write([vals])
        if vals.get("type") == "opportunity":
            self._bizreg_check_convertible(
                self.env["res.users"].browse(vals.get("user_id") or [])
            )
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
        """Give each lead an unrated scorecard line per screening criterion of
        its company.  Unrated lines carry no judgement: they are added as the
        system, so that whoever may create or assign the lead (a colleague
        without the Sales roles, a website form, another application) can."""
        criteria = self.env["bizreg.sale.score.criterion"].sudo().search([])
        if not criteria:
            return
        vals_list = []
        for lead in self:
            company = lead.company_id
            rated = lead.sudo().bizreg_score_ids.criterion_id
            vals_list += [
                {"lead_id": lead.id, "criterion_id": criterion.id}
                for criterion in criteria
                if (
                    not criterion.company_id
                    or not company
                    or criterion.company_id == company
                )
                and criterion not in rated
            ]
        if vals_list:
            self.env["bizreg.sale.lead.score"].sudo().create(vals_list)

    # ------------------------------------------------------------------
    # Screening
    # ------------------------------------------------------------------
    def _bizreg_screening_scope(self, users=None):
        """The leads of ``self`` the screening applies to (DEFAULTS: contract
        review scope, the same departments): those whose creator or salesperson
        (or ``users``, e.g. the salesperson being set), or the current user,
        is an employee of a contract review department (by default the
        departments of the Sales business area).  Leads that nobody of those
        departments makes, owns or converts (other departments, website forms,
        other applications) follow plain Odoo."""
        in_scope = self.browse()
        departments = {}
        others = (self.env.user | (users or self.env["res.users"])).sudo()
        for lead in self:
            company = lead.company_id or self.env.company
            if company not in departments:
                departments[company] = company.sudo()._bizreg_contract_departments()
            people = lead.sudo().create_uid | lead.sudo().user_id | others
            people = people.filtered(lambda user: not user.share)
            if people.employee_ids.department_id & departments[company]:
                in_scope |= lead
        return in_scope

    def _bizreg_check_convertible(self, users=None):
        self._bizreg_screening_scope(users).filtered(
            lambda lead: lead.type == "lead"
        )._bizreg_refuse_unqualified()

    def _bizreg_refuse_unqualified(self):
        """Refuse the leads of ``self`` that are neither qualified nor
        overridden by a Sales Manager."""
        refused = self.filtered(
            lambda lead: (
                not lead.bizreg_qualified and not lead.bizreg_screening_override
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
        if not self.env.user.has_group("bizreg_sale.group_bizreg_sale_manager"):
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
        self.check_access("write")
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
