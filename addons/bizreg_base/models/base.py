# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Engine-owned fields and four-eyes review, for every model.

**Engine-owned fields.** Odoo enforces ``readonly`` in the web client only; a
JSON-RPC caller can write any stored field, pass it to ``create`` or fill it
through a ``default_<field>`` context key.  bizreg decides by the field, not by
the route: a field is *engine-owned* when

- the model is one of bizreg's own (``bizreg.*``) and the field is read-only
  in its definition (``readonly=True``, computed without an inverse,
  related), or
- the field was added by bizreg to an Odoo/OCA model (``bizreg_*``) and is
  read-only in its definition, or
- a class of the model lists it in ``_bizreg_engine_fields_extra`` (the core
  fields the regulation relies on, e.g. amounts and approval status);

minus the fields a class of the model lists in ``_bizreg_user_fields``.
Odoo's and OCA's own read-only fields are not guarded wholesale: their code
writes some of them as the current user.  Only the model's
own code writes them, inside a trust scope (:func:`..tools.trusted`, e.g.
``rec._bizreg_engine_write(vals)``) or as superuser.  Everyone else gets a
translated refusal naming the fields; ``default_<field>`` keys for them are
ignored and ``copy`` does not carry them over.
"""

import math
import re
from datetime import date, datetime

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.models import BaseModel, NewId

from ..tools import any_trusted, is_trusted, trusted

# Odoo's own bookkeeping columns: written by the ORM itself.
_FRAMEWORK_FIELDS = frozenset(models.MAGIC_COLUMNS) | {"display_name"}


_INTEGER_RE = re.compile(r"^\s*[+-]?\d+\s*$")
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL integer columns


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


def _bad_integer(env, field, value):
    number = _number(value)
    if isinstance(value, str) and not _INTEGER_RE.match(value):
        number = None
    if number is None or not number.is_integer():
        return env._("a whole number is expected")
    if not _INT_MIN <= number <= _INT_MAX:
        return env._("the number is out of range")
    return None


def _bad_float(env, field, value):
    number = _number(value)
    if number is None:
        return env._("a number is expected")
    if abs(number) >= 1e15:
        return env._("the number is out of range")
    return None


def _bad_selection(env, field, value):
    if not isinstance(value, str) or value not in field.get_values(env):
        return env._("one of the listed values is expected")
    return None


def _bad_boolean(env, field, value):
    if isinstance(value, float) or value not in (True, False, 0, 1):
        return env._("yes or no is expected")
    return None


def _bad_date(env, field, value):
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
        return env._("a date is expected")
    return None


def _bad_text(env, field, value):
    if isinstance(value, str) or (field.translate and isinstance(value, dict)):
        return None
    return env._("text is expected")


def _bad_many2one(env, field, value):
    if isinstance(value, bool) or not isinstance(value, int | NewId | BaseModel):
        return env._("a record is expected")
    if isinstance(value, int) and not 0 < value <= _INT_MAX:
        return env._("a record is expected")
    return None


_CHECKS = {
    "integer": _bad_integer,
    "float": _bad_float,
    "monetary": _bad_float,
    "selection": _bad_selection,
    "boolean": _bad_boolean,
    "date": _bad_date,
    "datetime": _bad_date,
    "char": _bad_text,
    "text": _bad_text,
    "html": _bad_text,
    "many2one": _bad_many2one,
}


def _bad_value(env, field, value):
    """Why ``value`` cannot be stored in ``field`` (translated), or None."""
    check = _CHECKS.get(field.type)
    return check(env, field, value) if check else None


class Base(models.AbstractModel):
    _inherit = "base"

    # ------------------------------------------------------------------
    # Engine-owned fields
    # ------------------------------------------------------------------
    def _setup_complete(self):
        res = super()._setup_complete()
        # fields may have changed: recompute the engine-owned set lazily
        type(self)._bizreg_engine_owned_cache = None
        return res

    @api.model
    def _bizreg_engine_owned_fields(self):
        """Names of the fields only the model's own code may write."""
        cls = type(self)
        cached = cls.__dict__.get("_bizreg_engine_owned_cache")
        if cached is None:
            cached = cls._bizreg_engine_owned_cache = (
                self._bizreg_compute_engine_owned()
            )
        return cached

    @api.model
    def _bizreg_compute_engine_owned(self):
        klasses = type(self).mro()

        def declared(attr):
            names = set()
            for klass in klasses:
                names.update(klass.__dict__.get(attr, ()))
            return names

        whole_model = self._name.startswith("bizreg.")
        user_fields = declared("_bizreg_user_fields")
        names = declared("_bizreg_engine_fields_extra") & set(self._fields)
        for name, field in self._fields.items():
            if name in _FRAMEWORK_FIELDS or not field.readonly:
                continue
            if whole_model or name.startswith("bizreg_"):
                names.add(name)
        return frozenset(names - user_fields)

    def _bizreg_engine_guard_active(self):
        return not self.env.su and not any_trusted()

    def _bizreg_check_engine_fields(self, names):
        """Refuse a user write of engine-owned fields (no-op for the engine)."""
        if not names or not self._bizreg_engine_guard_active():
            return
        owned = self._bizreg_engine_owned_fields().intersection(names)
        if owned:
            labels = ", ".join(
                f"“{self._fields[name]._description_string(self.env)}”"
                for name in sorted(owned)
            )
            raise AccessError(
                self.env._(
                    "%(fields)s of “%(model)s” cannot be set by hand: the "
                    "application sets them.",
                    fields=labels,
                    model=self._description,
                )
            )

    def _bizreg_engine_write(self, vals):
        """Write engine-owned fields as the model's own code."""
        with trusted("engine"):
            return self.write(vals)

    @api.model
    def default_get(self, fields_list):
        """Ignore ``default_<field>`` context keys of engine-owned fields.

        The context is the caller's, even inside a ``trusted()`` scope or
        ``sudo()`` that the model's own code opens for a user (e.g. a version
        created by an upload): only the superuser's own code (install, data
        files, crons) may give them."""
        if self.env.uid != SUPERUSER_ID:
            owned = self._bizreg_engine_owned_fields()
            if "review_ids" in self._fields and getattr(self, "_state_field", None):
                # an approvable document starts in its initial state
                owned = owned | {self._state_field}
            keys = [
                key
                for key in self.env.context
                if key.startswith("default_") and key[8:] in owned
            ]
            if keys:
                context = {k: v for k, v in self.env.context.items() if k not in keys}
                # the keys must go (a replaced context), not be set to False
                without = self.with_context(context)  # pylint: disable=context-overridden
                return super(Base, without).default_get(fields_list)
        return super().default_get(fields_list)

    def copy_data(self, default=None):
        """A copy starts without the engine's values (they are not the user's)."""
        if not self._bizreg_engine_guard_active():
            return super().copy_data(default)
        owned = self._bizreg_engine_owned_fields()
        if default:
            self._bizreg_check_engine_fields(default.keys())
        vals_list = super().copy_data(default)
        if owned:
            for vals in vals_list:
                for name in owned.intersection(vals):
                    del vals[name]
        return vals_list

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------
    def _bizreg_check_input(self, vals, checked=None):
        """On bizreg's models and bizreg fields, a value of the wrong type, out
        of range or out of a selection gets a translated error naming the
        field, instead of a Python error or a silent truncation; nothing is
        stored.

        ``checked``: a set of the ``(field, type, value)`` found valid, shared
        by the values of one ``create()`` (a batch repeats the same values)."""
        whole_model = self._name.startswith("bizreg.")
        for name, value in vals.items():
            field = self._fields.get(name)
            if (
                field is None
                or not (whole_model or name.startswith("bizreg_"))
                or value is False
                or value is None
            ):
                continue
            key = None
            if checked is not None:
                key = (name, type(value), value)
                try:
                    if key in checked:
                        continue
                except TypeError:  # not hashable: checked every time
                    key = None
            problem = _bad_value(self.env, field, value)
            if key is not None and not problem:
                checked.add(key)
            if problem:
                shown = repr(value)
                raise ValidationError(
                    self.env._(
                        "Invalid value for “%(field)s” of “%(model)s”: %(problem)s "
                        "(got %(value)s).",
                        field=field._description_string(self.env),
                        model=self._description,
                        problem=problem,
                        value=shown if len(shown) <= 40 else shown[:37] + "...",
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        checked = set()
        for vals in vals_list:
            self._bizreg_check_input(vals, checked)
        if self._bizreg_engine_guard_active():
            names = set()
            for vals in vals_list:
                names.update(vals)
            self._bizreg_check_engine_fields(names)
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Four-eyes review of important fields
    # ------------------------------------------------------------------
    def _bizreg_four_eyes_active(self):
        """Users' changes are held; so are those of a user's request that a
        route runs with superuser rights (portal pages), but not the system's
        own (install, crons) nor a confirmed change being applied."""
        if is_trusted("four_eyes"):
            return False
        return not self.env.su or self.env.uid != SUPERUSER_ID

    def _bizreg_four_eyes_rules(self, by_field, names):
        """``{field: rule id}`` of the rules that apply to this record."""
        self.ensure_one()
        company_id = self.company_id.id if "company_id" in self._fields else False
        rules = {}
        for name in names:
            for rule_id, rule_company_id in by_field.get(name, ()):
                if (
                    not rule_company_id
                    or not company_id
                    or (rule_company_id == company_id)
                ):
                    rules[name] = rule_id
                    break
        return rules

    def _bizreg_write_four_eyes(self, vals, by_field):
        """Write ``vals``, holding the important fields of each record for a
        second confirmation, per record and company; changes of important
        fields that arrive by a compute chain (a customer's payment terms
        following the customer) are held too: decided on the result."""
        self.check_access("write")
        Rule = self.env["bizreg.four.eyes.rule"].sudo()
        Pending = self.env["bizreg.pending.change"]
        watched = [name for name in by_field if name in self._fields]
        before = {rec.id: {name: rec[name] for name in watched} for rec in self}
        plain = self.browse()
        for rec in self:
            rules = rec._bizreg_four_eyes_rules(by_field, vals.keys())
            if not rules:
                plain |= rec
                continue
            guarded = {}
            for name, rule_id in rules.items():
                guarded.setdefault(Rule.browse(rule_id), {})[name] = vals[name]
            Pending._bizreg_stage(rec, guarded)
            rest = {k: v for k, v in vals.items() if k not in rules}
            if rest:
                super(Base, rec).write(rest)
        if plain:
            super(Base, plain).write(vals)
        # what a compute chain changed without being asked: put it back and
        # hold the new value for confirmation
        self.flush_recordset()
        for rec in self:
            changed = {
                name: rec[name]
                for name in watched
                if name not in vals and rec[name] != before[rec.id][name]
            }
            rules = rec._bizreg_four_eyes_rules(by_field, changed.keys())
            if not rules:
                continue
            field_values = {
                name: rec._fields[name].convert_to_write(changed[name], rec)
                for name in rules
            }
            with trusted("four_eyes"):
                super(Base, rec).write(
                    {
                        name: rec._fields[name].convert_to_write(
                            before[rec.id][name], rec
                        )
                        for name in rules
                    }
                )
            guarded = {}
            for name, rule_id in rules.items():
                guarded.setdefault(Rule.browse(rule_id), {})[name] = field_values[name]
            Pending._bizreg_stage(rec, guarded)
        return True

    # ------------------------------------------------------------------
    # Write: engine-owned fields, then four-eyes review
    # ------------------------------------------------------------------
    def write(self, vals):
        """Refuse engine-owned fields; hold changes of important fields
        (four-eyes rules) for confirmation."""
        if not isinstance(vals, dict):
            # not values at all: Odoo's own checks refuse the call
            return super().write(vals)
        if vals:
            self._bizreg_check_input(vals)
        if vals and self._bizreg_engine_guard_active():
            self._bizreg_check_engine_fields(vals.keys())
        if vals and self._bizreg_four_eyes_active():
            by_field = (
                self.env["bizreg.four.eyes.rule"]._bizreg_guarded_map().get(self._name)
            )
            if by_field:
                return self._bizreg_write_four_eyes(vals, by_field)
        return super().write(vals)
