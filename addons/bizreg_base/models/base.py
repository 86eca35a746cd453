# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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

from odoo import api, models
from odoo.exceptions import AccessError

from ..tools import any_trusted, is_trusted, trusted

# Odoo's own bookkeeping columns: written by the ORM itself.
_FRAMEWORK_FIELDS = frozenset(models.MAGIC_COLUMNS) | {"display_name"}


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
        """Ignore ``default_<field>`` context keys of engine-owned fields."""
        if self._bizreg_engine_guard_active():
            owned = self._bizreg_engine_owned_fields()
            keys = [
                key
                for key in self.env.context
                if key.startswith("default_") and key[8:] in owned
            ]
            if keys:
                context = {k: v for k, v in self.env.context.items() if k not in keys}
                return super(Base, self.with_context(context)).default_get(fields_list)
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

    @api.model_create_multi
    def create(self, vals_list):
        if self._bizreg_engine_guard_active():
            names = set()
            for vals in vals_list:
                names.update(vals)
            self._bizreg_check_engine_fields(names)
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Write: engine-owned fields, then four-eyes review
    # ------------------------------------------------------------------
    def write(self, vals):
        """Refuse engine-owned fields; hold changes of important fields
        (four-eyes rules) for confirmation."""
        if vals and self._bizreg_engine_guard_active():
            self._bizreg_check_engine_fields(vals.keys())
        if vals and not self.env.su and not is_trusted("four_eyes"):
            guarded_map = self.env["bizreg.four.eyes.rule"]._bizreg_guarded_map()
            by_field = guarded_map.get(self._name)
            if by_field and by_field.keys() & vals.keys():
                guarded = {}
                Rule = self.env["bizreg.four.eyes.rule"].sudo()
                for fname in by_field.keys() & vals.keys():
                    rule_id = by_field[fname][0][0]
                    guarded.setdefault(Rule.browse(rule_id), {})[fname] = vals[fname]
                self.check_access("write")
                self.env["bizreg.pending.change"]._bizreg_stage(self, guarded)
                vals = {k: v for k, v in vals.items() if k not in by_field}
                if not vals:
                    return True
        return super().write(vals)
