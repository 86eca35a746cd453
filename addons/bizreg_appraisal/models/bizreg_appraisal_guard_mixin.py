# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math
import re
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.models import BaseModel, NewId

from odoo.addons.bizreg_base.tools import is_trusted

INTEGER_RE = re.compile(r"^\s*[+-]?\d+\s*$")
# PostgreSQL ``integer`` columns
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def _number(value):
    """``value`` as a finite float, or None (text, lists, NaN, booleans...)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


class BizregAppraisalGuardMixin(models.AbstractModel):
    """Input checks of the appraisal models.

    - **Bad input** (text in a number, a fractional value for a whole number,
      an unknown selection value, ...) is a translated ``ValidationError``
      naming the field, raised before anything is stored, instead of a Python
      ``ValueError``/``TypeError`` or a silently truncated value.
    - **Engine-owned fields** (read-only in their definition: computed,
      related, stamps) are refused in ``create``/``write`` vals outside the
      server-side ``"engine"`` trust scope, for every non-superuser caller.
      bizreg_base's guard does the same for every bizreg model; this keeps the
      appraisal's own models safe on their own.
    """

    _name = "bizreg.appraisal.guard.mixin"
    _description = "Appraisal Input Checks"
    # Approvable models leave their engine fields to bizreg_base's mechanisms
    # (state, reviews, numbers): they only get the input checks.
    _bizreg_appraisal_engine_check = True

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_bad_value(self, field, value):
        """Why ``value`` cannot be stored in ``field`` (translated), or None."""
        check = {
            "integer": self._bizreg_bad_integer,
            "float": self._bizreg_bad_float,
            "monetary": self._bizreg_bad_float,
            "selection": self._bizreg_bad_selection,
            "boolean": self._bizreg_bad_boolean,
            "date": self._bizreg_bad_date,
            "datetime": self._bizreg_bad_date,
            "char": self._bizreg_bad_text,
            "text": self._bizreg_bad_text,
            "many2one": self._bizreg_bad_many2one,
        }.get(field.type)
        return check(field, value) if check else None

    def _bizreg_bad_integer(self, field, value):
        number = _number(value)
        if isinstance(value, str) and not INTEGER_RE.match(value):
            number = None
        if number is None or not number.is_integer():
            return self.env._("a whole number is expected")
        if not INT_MIN <= number <= INT_MAX:
            return self.env._("the number is out of range")
        return None

    def _bizreg_bad_float(self, field, value):
        number = _number(value)
        if number is None:
            return self.env._("a number is expected")
        if abs(number) >= 1e15:
            return self.env._("the number is out of range")
        return None

    def _bizreg_bad_selection(self, field, value):
        if not isinstance(value, str) or value not in field.get_values(self.env):
            return self.env._("one of the listed values is expected")
        return None

    def _bizreg_bad_boolean(self, field, value):
        if isinstance(value, float) or value not in (True, False, 0, 1):
            return self.env._("yes or no is expected")
        return None

    def _bizreg_bad_date(self, field, value):
        if isinstance(value, date | datetime):
            return None
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            if field.type == "date":
                fields.Date.to_date(value)
            else:
                fields.Datetime.to_datetime(value)
        except ValueError:
            return self.env._("a date is expected")
        return None

    def _bizreg_bad_text(self, field, value):
        if not isinstance(value, str):
            return self.env._("text is expected")
        return None

    def _bizreg_bad_many2one(self, field, value):
        if isinstance(value, bool) or not isinstance(value, int | NewId | BaseModel):
            return self.env._("a record is expected")
        if isinstance(value, int) and not 0 < value <= INT_MAX:
            return self.env._("a record is expected")
        return None

    @api.model
    def _bizreg_check_input(self, vals):
        """Raise a ValidationError naming the first field of ``vals`` whose
        value has the wrong type or an unknown selection value (then the
        generic check of bizreg_base, where it exists)."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None or value is False or value is None:
                continue
            problem = self._bizreg_bad_value(field, value)
            if problem:
                shown = repr(value)
                if len(shown) > 40:
                    shown = shown[:37] + "..."
                raise ValidationError(
                    self.env._(
                        "Invalid value for “%(field)s”: %(problem)s (got %(value)s).",
                        field=field._description_string(self.env),
                        problem=problem,
                        value=shown,
                    )
                )
        generic = getattr(super(), "_bizreg_check_input", None)
        return generic(vals) if generic else None

    # ------------------------------------------------------------------
    # Engine-owned fields
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_check_engine_vals(self, vals):
        if (
            not self._bizreg_appraisal_engine_check
            or self.env.su
            or is_trusted("engine")
        ):
            return
        extra = getattr(self, "_bizreg_engine_fields_extra", ())
        owned = [
            self._fields[fname]
            for fname in vals
            if fname in self._fields
            and (self._fields[fname].readonly or fname in extra)
        ]
        if owned:
            raise UserError(
                self.env._(
                    "%(fields)s of “%(model)s” are set by the appraisal itself "
                    "and cannot be written.",
                    fields=", ".join(
                        f"“{field._description_string(self.env)}”" for field in owned
                    ),
                    model=self._description,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")
        for vals in vals_list:
            self._bizreg_check_input(vals)
            self._bizreg_check_engine_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._bizreg_check_input(vals)
        self._bizreg_check_engine_vals(vals)
        return super().write(vals)
