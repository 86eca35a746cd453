# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import Counter
from itertools import chain

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL, clean_context

# the columns the ORM fills in on every row it creates
_MAGIC = ("id", "create_uid", "create_date", "write_uid", "write_date")


def _columns(model):
    return {
        name: field
        for name, field in model._fields.items()
        if field.store and field.column_type and name not in _MAGIC
    }


def _insertable(model, vals_list):
    """Whether every value of ``vals_list`` goes into a column of ``model``."""
    return set(chain.from_iterable(vals_list)) <= _columns(model).keys()


def _column_values(field, vals_list, default, record):
    """The column of ``field`` in ``vals_list``, converted by the field; a
    value that repeats (the model, the user, the field of a line) is
    converted once."""
    convert = field.convert_to_column_insert
    if field.type == "monetary":  # converted with the row's currency
        return [
            convert(vals.get(field.name, default), record, vals) for vals in vals_list
        ]
    converted = {}
    column = []
    for vals in vals_list:
        value = vals.get(field.name, default)
        try:
            key = (type(value), value)
            column.append(converted[key])
        except KeyError:
            column.append(converted.setdefault(key, convert(value, record, vals)))
        except TypeError:  # not hashable: a list of ids
            column.append(convert(value, record, vals))
    return column


def _insert_rows(model, vals_list):
    """INSERT ``vals_list`` into ``model``'s table as its ``create`` would
    store them (values converted by their fields, the fields' defaults, the
    creation date), in one query: a column is an array, ``unnest`` makes
    the rows (arrays are adapted by the driver's C code, row tuples are
    not); returns the new ids in order.  The defaults are taken without the
    caller's ``default_*`` context keys: an audit entry is what the rule
    recorded.  ``create_uid``/``write_uid`` stay empty: the entries of a
    transaction are written together, whoever commits it, so the one who
    did what is the entry's own ``user_id``, not the creator of the row
    (and two foreign-key checks less per row: a third of the INSERT)."""
    env = model.env
    columns = _columns(model)
    counts = Counter(chain.from_iterable(vals_list))  # {key: rows that give it}
    missing = [name for name in columns if counts[name] < len(vals_list)]
    # the whole context replaced on purpose: without its default_* keys
    without = model.with_context(clean_context(env.context))  # pylint: disable=context-overridden
    defaults = without.default_get(missing) if missing else {}
    names = [name for name in columns if name in defaults or counts[name]]
    record = model.browse()
    # a column whose value is the same on every row (the model, the user,
    # the field of a line...) is sent once, the others as arrays (at least
    # one: the arrays make the rows)
    selected, arrays, aliases = [], [], []
    for name in names:
        values = _column_values(columns[name], vals_list, defaults.get(name), record)
        sql_type = SQL(columns[name].column_type[0])
        if values.count(values[0]) == len(values) and (arrays or name != names[-1]):
            selected.append(SQL("%s::%s", values[0], sql_type))
            continue
        alias = SQL.identifier(f"c{len(arrays)}")
        arrays.append(SQL("%s::%s[]", values, sql_type))
        aliases.append(alias)
        selected.append(alias)
    now = env.cr.now()
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s, %s, %s "
            "FROM unnest(%s) WITH ORDINALITY AS src(%s, n) ORDER BY n "
            "RETURNING id",
            SQL.identifier(model._table),
            SQL(", ").join(map(SQL.identifier, [*names, "create_date", "write_date"])),
            SQL(", ").join(selected),
            now,
            now,
            SQL(", ").join(arrays),
            SQL(", ").join(aliases),
        )
    )
    # the ids are taken from the sequence in the order of the rows
    return sorted(row[0] for row in env.cr.fetchall())


class AuditlogLog(models.Model):
    """The audit trail is evidence: auditlog writes it as the superuser (its
    rules' patched methods, the retention cron); nobody else creates,
    changes or deletes an entry, whatever his groups (auditlog's own
    "Manager" group included)."""

    _inherit = "auditlog.log"

    def _bizreg_check_trail(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The audit trail is kept as it was recorded: its entries "
                    "cannot be created, changed or deleted by hand."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._bizreg_check_trail()
        return super().create(vals_list)

    @api.model
    def _bizreg_insert(self, vals_list):
        """Write the audit entries ``vals_list`` (auditlog's ``create`` values,
        the lines as ``Command.create``) in two INSERTs, one for the logs and
        one for their lines, with the values auditlog's ``create`` stores:
        the model's and the field's names filled in, the fields' defaults,
        each value converted as the ORM converts it.  The ORM's create costs
        about a third of a millisecond per entry (defaults, line creation,
        the cache) on writes that take as long themselves; at the commit of
        ten thousand audited writes, that was most of the audit's cost.
        Values the writer does not know (a field another module adds
        without a column) are left to the ORM."""
        self._bizreg_check_trail()
        if not vals_list:
            return []
        Line = self.env["auditlog.log.line"].sudo()
        lines_list = [
            [command[2] for command in vals.get("line_ids") or ()] for vals in vals_list
        ]
        logs_list = [
            {key: value for key, value in vals.items() if key != "line_ids"}
            for vals in vals_list
        ]
        if not (
            _insertable(self, logs_list)
            and _insertable(Line, [line for lines in lines_list for line in lines])
        ):
            return self.create(vals_list).ids
        models_ = self.env["ir.model"].sudo().browse({v["model_id"] for v in logs_list})
        names = {model.id: (model.name, model.model) for model in models_}
        for vals in logs_list:
            vals["model_name"], vals["model_model"] = names[vals["model_id"]]
        log_ids = _insert_rows(self.sudo(), logs_list)
        line_vals = [
            {**line, "log_id": log_id}
            for log_id, lines in zip(log_ids, lines_list, strict=True)
            for line in lines
        ]
        fields_ = (
            self.env["ir.model.fields"]
            .sudo()
            .browse({line["field_id"] for line in line_vals})
        )
        labels = {field.id: (field.name, field.field_description) for field in fields_}
        for line in line_vals:
            line["field_name"], line["field_description"] = labels[line["field_id"]]
        if line_vals:
            _insert_rows(Line, line_vals)
        return log_ids

    @api.model
    def _search(self, domain, *args, **kwargs):
        # the entries waiting for the commit are part of the trail
        self.env["auditlog.rule"]._bizreg_audit_flush()
        return super()._search(domain, *args, **kwargs)

    def write(self, vals):
        self._bizreg_check_trail()
        return super().write(vals)

    def unlink(self):
        self._bizreg_check_trail()
        return super().unlink()
