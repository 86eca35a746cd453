# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.float_utils import float_compare


class BizregAppraisalTemplate(models.Model):
    """What an employee is appraised on: weighted KPIs and evaluation weights."""

    _name = "bizreg.appraisal.template"
    _description = "Appraisal Template"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(
        default=10,
        help="The first matching template (by job, then department) applies.",
    )
    department_ids = fields.Many2many(
        "hr.department", string="Departments", help="Employees of these departments."
    )
    job_ids = fields.Many2many(
        "hr.job",
        string="Job Positions",
        help="Employees in these positions (wins over departments).",
    )
    line_ids = fields.One2many(
        "bizreg.appraisal.template.line", "template_id", string="KPIs", copy=True
    )
    criterion_ids = fields.Many2many(
        "bizreg.appraisal.criterion",
        string="Evaluation Criteria",
        help="Questions of the evaluation forms (empty = every active criterion).",
    )
    customer_facing = fields.Boolean(
        help="Customers evaluate employees of this template.", tracking=True
    )
    kpi_share = fields.Float(
        string="KPI Share (%)",
        default=70.0,
        tracking=True,
        help="Share of the KPI score in a monthly final score; the rest comes "
        "from the evaluations.",
    )
    quarter_share = fields.Float(
        string="Monthly Results Share in Quarter (%)",
        default=50.0,
        help="Quarterly score = this share × mean of the monthly scores + the "
        "rest × the quarter's evaluations.",
    )
    annual_share = fields.Float(
        string="Quarterly Results Share in Year (%)",
        default=60.0,
        help="Annual score = this share × mean of the quarterly scores + the "
        "rest × the annual evaluation.",
    )
    weight_self = fields.Float(string="Self (%)", default=10.0)
    weight_manager = fields.Float(string="Manager (%)", default=60.0)
    weight_peer = fields.Float(string="Peers (%)", default=30.0)
    weight_customer = fields.Float(string="Customers (%)", default=0.0)
    kpi_weight_total = fields.Float(
        string="Total KPI Weight", compute="_compute_kpi_weight_total"
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("line_ids.weight")
    def _compute_kpi_weight_total(self):
        for template in self:
            template.kpi_weight_total = sum(template.line_ids.mapped("weight"))

    @api.constrains(
        "line_ids",
        "weight_self",
        "weight_manager",
        "weight_peer",
        "weight_customer",
        "customer_facing",
        "kpi_share",
        "quarter_share",
        "annual_share",
    )
    def _check_weights(self):
        for tmpl in self:
            if tmpl.line_ids and float_compare(
                sum(tmpl.line_ids.mapped("weight")), 100.0, precision_digits=2
            ):
                raise ValidationError(
                    self.env._(
                        "The KPI weights of template “%(name)s” sum to %(total)s%%, "
                        "not 100%%.",
                        name=tmpl.name,
                        total=round(sum(tmpl.line_ids.mapped("weight")), 2),
                    )
                )
            weights = [
                tmpl.weight_self,
                tmpl.weight_manager,
                tmpl.weight_peer,
                tmpl.weight_customer,
            ]
            if any(w < 0 for w in weights):
                raise ValidationError(
                    self.env._("Evaluation weights cannot be negative.")
                )
            if float_compare(sum(weights), 100.0, precision_digits=2):
                raise ValidationError(
                    self.env._(
                        "The evaluation weights of template “%(name)s” sum to "
                        "%(total)s%%, not 100%%.",
                        name=tmpl.name,
                        total=round(sum(weights), 2),
                    )
                )
            if tmpl.weight_customer and not tmpl.customer_facing:
                raise ValidationError(
                    self.env._(
                        "Only customer-facing templates give a weight to customer "
                        "evaluations."
                    )
                )
            for share in (tmpl.kpi_share, tmpl.quarter_share, tmpl.annual_share):
                if not 0 <= share <= 100:
                    raise ValidationError(
                        self.env._("Score shares are percentages between 0 and 100.")
                    )

    @api.model_create_multi
    def create(self, vals_list):
        records = super(
            BizregAppraisalTemplate, self.with_context(bizreg_template_write=True)
        ).create(vals_list)
        return records.with_env(self.env)

    def write(self, vals):
        # The weights are checked once, on the template, after all line commands.
        return super(
            BizregAppraisalTemplate, self.with_context(bizreg_template_write=True)
        ).write(vals)

    @api.model
    def _bizreg_template_for(self, employees):
        """Map employee id → template (job match first, then department)."""
        templates = self.search([])
        result = {}
        # the match depends on these three only: once per combination
        matches = {}
        for employee in employees:
            key = (employee.company_id, employee.job_id, employee.department_id)
            if key in matches:
                if matches[key]:
                    result[employee.id] = matches[key]
                continue
            match = templates.filtered(
                lambda t, e=employee: (
                    t.company_id == e.company_id and e.job_id and e.job_id in t.job_ids
                )
            )[:1]
            if not match and employee.department_id:
                ancestors = {
                    int(x)
                    for x in (employee.department_id.parent_path or "").split("/")
                    if x
                }
                match = templates.filtered(
                    lambda t, e=employee, a=ancestors: (
                        t.company_id == e.company_id
                        and bool(set(t.department_ids.ids) & a)
                    )
                )[:1]
            matches[key] = match
            if match:
                result[employee.id] = match
        return result

    def _bizreg_criteria(self, evaluation_type):
        self.ensure_one()
        criteria = self.criterion_ids or self.env["bizreg.appraisal.criterion"].search(
            []
        )
        return criteria.filtered(f"for_{evaluation_type}")
