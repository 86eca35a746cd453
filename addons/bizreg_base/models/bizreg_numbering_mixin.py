# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

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
    # bizreg's own documents are named "<number> <title>" (e.g. "MP-SC-2026-0001
    # 2026 brand campaign"); Odoo's and OCA's models keep their own names
    _bizreg_number_in_name = False

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

    @api.depends(
        lambda self: (
            ((self._rec_name,) if self._rec_name else ())
            + (("bizreg_number",) if self._bizreg_number_in_name else ())
        )
    )
    def _compute_display_name(self):
        if not self._bizreg_number_in_name:
            return super()._compute_display_name()
        for rec in self:
            rec.display_name = " ".join(
                filter(None, (rec.bizreg_number, rec._bizreg_display_title()))
            )

    def _bizreg_display_title(self):
        """The title shown after the number (by default the record's name)."""
        self.ensure_one()
        return (self[self._rec_name] or "") if self._rec_name else ""

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

    def _bizreg_numbering_state_field(self):
        """The field whose value tells a live document from a cancelled one."""
        name = getattr(self, "_state_field", None) or "state"
        return name if name in self._fields else None

    # Values of the state field that end a document: its number is voided.
    _bizreg_void_states = ("cancel",)

    # Engine ------------------------------------------------------------
    def _bizreg_rules(self):
        """{record: rule}, with one rule lookup per (company, category)."""
        Rule = self.env["bizreg.numbering.rule"]
        cache, result = {}, {}
        for rec in self:
            key = (rec.company_id or self.env.company, rec._bizreg_numbering_category())
            if key not in cache:
                cache[key] = Rule._rule_for(rec._name, *key)
            result[rec] = cache[key]
        return result

    def _bizreg_assign_number(self):
        """Number the records that have none yet (gapless: in this transaction)."""
        todo = self.filtered(lambda r: not r.bizreg_number)
        for rec, rule in todo._bizreg_rules().items():
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
        """Record the numbers of ended documents as voided (once each)."""
        Void = self.env["bizreg.numbering.void"].sudo()
        numbered = self.filtered("bizreg_number")
        if not numbered:
            return Void
        done = {
            (void.res_model, void.res_id, void.name)
            for void in Void.search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", numbered.ids),
                ]
            )
        }
        vals_list = [
            {
                "name": rec.bizreg_number,
                "rule_id": rule.id,
                "res_model": rec._name,
                "res_id": rec.id,
                "reason": reason,
                "user_id": self.env.uid,
            }
            for rec, rule in numbered._bizreg_rules().items()
            if rule and (rec._name, rec.id, rec.bizreg_number) not in done
        ]
        return Void.create(vals_list)

    def _bizreg_numbering_exits(self, old_states):
        """Keep numbers consistent after a state change, whatever the route:
        a document that ends voids its number; one that comes back from
        cancellation loses it (a voided number is never live again) and is
        numbered afresh when it needs one."""
        state_field = self._bizreg_numbering_state_field()
        ended = self.filtered(
            lambda r: (
                r.bizreg_number
                and r[state_field] in self._bizreg_void_states
                and old_states.get(r.id) not in self._bizreg_void_states
            )
        )
        ended._bizreg_void_number(self.env._("Cancelled"))
        revived = self.filtered(
            lambda r: (
                r.bizreg_number
                and r[state_field] not in self._bizreg_void_states
                and old_states.get(r.id) in self._bizreg_void_states
            )
        )
        if revived:
            with trusted("number"):
                revived.write({"bizreg_number": False})
            if self._bizreg_numbering_trigger == "create":
                revived._bizreg_assign_number()

    # CRUD --------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("bizreg_number") for vals in vals_list):
            raise AccessError(self.env._("Numbers are assigned by the numbering rule."))
        records = super().create(vals_list)
        if self._bizreg_numbering_trigger == "create":
            records._bizreg_assign_number()
        return records

    def write(self, vals):
        if "bizreg_number" in vals and not is_trusted("number") and not self.env.su:
            raise AccessError(self.env._("Numbers are assigned by the numbering rule."))
        state_field = self._bizreg_numbering_state_field()
        if not state_field or state_field not in vals:
            return super().write(vals)
        old_states = {rec.id: rec[state_field] for rec in self}
        res = super().write(vals)
        self._bizreg_numbering_exits(old_states)
        return res

    def unlink(self):
        """A deleted document's number stays used: it is voided first."""
        self._bizreg_void_number(self.env._("Deleted"))
        return super().unlink()
