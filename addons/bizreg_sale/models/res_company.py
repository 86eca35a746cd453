# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

# screening score (0-100) a lead needs; also the threshold of a lead of no company
DEFAULT_QUALIFY_THRESHOLD = 60.0


class ResCompany(models.Model):
    _inherit = "res.company"

    bizreg_sale_require_signing = fields.Boolean(
        string="Signing Required Before Confirmation",
        default=True,
        help="A sales order is confirmed only once the signing of the contract "
        "is recorded (date, signatories, seal, signed copy).",
    )
    bizreg_contract_department_ids = fields.Many2many(
        "hr.department",
        "bizreg_contract_scope_department_rel",
        "company_id",
        "department_id",
        string="Contract Review Departments",
        help="Quotations that salespeople of these departments (and their "
        "sub-departments) make in the back office are contracts and go through "
        "the contract review, whatever the amount. Empty: the departments of the "
        "Sales business area.",
    )
    bizreg_contract_amount_threshold = fields.Monetary(
        string="Contract Review Above",
        currency_field="currency_id",
        default=50000.0,
        help="Orders of every other origin (online shop, other applications, "
        "other departments) are contracts too above this amount.",
    )
    bizreg_sale_qualify_threshold = fields.Float(
        string="Lead Qualification Threshold",
        default=DEFAULT_QUALIFY_THRESHOLD,
        help="Minimum screening score (0-100) for a lead to be converted into "
        "an opportunity without a Sales Manager's override.",
    )
    bizreg_sale_tracking_days = fields.Integer(
        string="Customer Update Every (days)",
        default=7,
        help="While an order is in execution, a customer-update activity is "
        "scheduled for the salesperson every this many days (0 = never).",
    )

    @api.constrains(
        "bizreg_sale_qualify_threshold",
        "bizreg_sale_tracking_days",
        "bizreg_contract_amount_threshold",
    )
    def _check_bizreg_sale_settings(self):
        for company in self:
            if company.bizreg_contract_amount_threshold < 0:
                raise ValidationError(
                    self.env._("The contract review amount cannot be negative.")
                )
            if not 0 <= company.bizreg_sale_qualify_threshold <= 100:
                raise ValidationError(
                    self.env._("The qualification threshold must be between 0 and 100.")
                )
            if company.bizreg_sale_tracking_days < 0:
                raise ValidationError(
                    self.env._("The customer-update interval cannot be negative.")
                )

    def _bizreg_contract_departments(self):
        """Departments whose salespeople's back-office quotations are
        contracts, sub-departments included."""
        self.ensure_one()
        return (
            self.env["hr.department"]
            .sudo()
            .browse(self._bizreg_contract_department_ids(self.id))
        )

    @api.model
    @tools.ormcache("company_id")
    def _bizreg_contract_department_ids(self, company_id):
        """Ids of :meth:`_bizreg_contract_departments`, looked up once per
        company rather than on every confirmation: the cache is cleared when
        the company's list or the department structure changes (bizreg_base's
        ``hr.department``)."""
        company = self.sudo().browse(company_id)
        Department = self.env["hr.department"].sudo()
        roots = company.bizreg_contract_department_ids or Department.search(
            [("bizreg_area_id", "=", self.env.ref("bizreg_base.bizreg_area_sale").id)]
        )
        if not roots:
            return ()
        return tuple(Department.search([("id", "child_of", roots.ids)]).ids)

    def write(self, vals):
        res = super().write(vals)
        if "bizreg_contract_department_ids" in vals:
            self.env.registry.clear_cache()
        return res
