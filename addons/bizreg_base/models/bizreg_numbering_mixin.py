# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import is_trusted, trusted


class BizregNumberingMixin(models.AbstractModel):
    """Give a document a number from its numbering rule.

    ``_bizreg_numbering_trigger`` is ``"create"`` (number on creation) or
    ``"manual"`` (the model calls :meth:`_bizreg_assign_number`, e.g. on
    confirmation).  The number is unique per company and is never reused: a
    cancelled document keeps it and :meth:`_bizreg_void_number` records it.
    The inheriting model needs a ``company_id`` field.
    """

    _name = "bizreg.numbering.mixin"
    _description = "Numbered Business Document"
    _bizreg_numbering_trigger = "create"

    bizreg_number = fields.Char(
        string="Number", readonly=True, copy=False, index=True, tracking=True
    )

    _sql_constraints = [
        (
            "bizreg_number_company_uniq",
            "unique(company_id, bizreg_number)",
            "This number is already used in the company.",
        ),
    ]

    # Hooks -------------------------------------------------------------
    def _bizreg_numbering_date(self):
        return fields.Date.context_today(self)

    def _bizreg_numbering_department(self):
        self.ensure_one()
        if "department_id" in self._fields and self.department_id:
            return self.department_id
        return self.env.user.employee_id.department_id

    def _bizreg_numbering_category(self):
        return False

    # Engine ------------------------------------------------------------
    def _bizreg_assign_number(self):
        """Number the records that have none yet."""
        Rule = self.env["bizreg.numbering.rule"]
        for rec in self.filtered(lambda r: not r.bizreg_number):
            company = rec.company_id or self.env.company
            rule = Rule._rule_for(rec._name, company, rec._bizreg_numbering_category())
            if not rule:
                raise UserError(
                    self.env._(
                        "No numbering rule is defined for “%s”: ask the "
                        "regulation administrator to add one in Settings.",
                        rec._description,
                    )
                )
            department = rec._bizreg_numbering_department()
            number = rule._next_number(
                rec._bizreg_numbering_date(),
                department._bizreg_numbering_code() if department else "",
            )
            with trusted("number"):
                rec.write({"bizreg_number": number})
        return True

    def _bizreg_void_number(self, reason=False):
        """Record the numbers of cancelled documents as voided."""
        Rule = self.env["bizreg.numbering.rule"]
        vals_list = []
        for rec in self.filtered("bizreg_number"):
            company = rec.company_id or self.env.company
            rule = Rule._rule_for(rec._name, company, rec._bizreg_numbering_category())
            if rule:
                vals_list.append(
                    {
                        "name": rec.bizreg_number,
                        "rule_id": rule.id,
                        "res_model": rec._name,
                        "res_id": rec.id,
                        "reason": reason,
                        "user_id": self.env.uid,
                    }
                )
        return self.env["bizreg.numbering.void"].sudo().create(vals_list)

    # CRUD --------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("bizreg_number") for vals in vals_list):
            raise UserError(self.env._("Numbers are assigned by the numbering rule."))
        records = super().create(vals_list)
        if self._bizreg_numbering_trigger == "create":
            records._bizreg_assign_number()
        return records

    def write(self, vals):
        if "bizreg_number" in vals and not is_trusted("number") and not self.env.su:
            raise UserError(self.env._("Numbers are assigned by the numbering rule."))
        return super().write(vals)
