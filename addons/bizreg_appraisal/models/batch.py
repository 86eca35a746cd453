# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-wise helpers for the appraisal's big batches (a cycle of 1,000
employees has 12,000 KPI lines): what the ORM does record by record, done
once per field for the whole batch, with the same result.  No SQL."""

import contextlib
from contextvars import ContextVar

# {(model, given field names): defaults} while ``create_computed`` runs with
# ``same_defaults``
_DEFAULTS = ContextVar("bizreg_appraisal_batch_defaults", default=None)
_MISSING = object()


def assign_computed(records, values):
    """``record[name] = value`` for many records and fields at once, inside a
    compute of ``records`` (or an ``env.protecting`` scope of these fields):
    ``values`` is ``{name: [value of each record, in order]}``.

    A compute's assignment (``Field.write``) marks the field computed, and
    puts the value in the cache, to be written, when it differs from the
    cached one; here the changed values of a field are put in the cache at
    once for the whole recordset instead of once per record (assigning
    12,000 lines one by one costs more than computing their values).  New
    records (forms), relational and translated fields get the usual
    assignment.
    """
    if not records:
        return
    env = records.env
    cache = env.cache
    for name, column in values.items():
        field = records._fields[name]
        if field.relational or field.translate or not all(records._ids):
            for record, value in zip(records, column, strict=True):
                record[name] = value
            continue
        env.remove_to_compute(field, records)
        changed_ids, changed = [], []
        for record, value in zip(records, column, strict=True):
            value = field.convert_to_cache(value, record)
            if cache.get(record, field, _MISSING) != value:
                changed_ids.append(record.id)
                changed.append(value)
        if changed_ids:
            cache.update(records.browse(changed_ids), field, changed, dirty=field.store)


def column(records, name):
    """The values of field ``name`` for ``records``, in order, as the cache
    holds them (a many2one's id or None): ``records.mapped(name)`` without
    making a record of each value, the values fetched for the whole set
    (as ``Field.mapped`` does).  Reading ``line.kpi_id`` line by line costs
    a record and a lookup per line: 12,000 lines in a cycle."""
    field = records._fields[name]
    if field.compute and field.store:
        field.recompute(records)
    cache = records.env.cache
    values = cache.get_until_miss(records, field)
    while len(values) < len(records):
        # the first missing value, fetched with the prefetch ids of the whole
        # set (as Odoo's ``Field.mapped``: one fetch for all missing values)
        ids = records._ids[len(values) :]
        field.__get__(records.__class__(records.env, ids[:1], records._prefetch_ids))
        values += cache.get_until_miss(records.browse(ids), field)
    return values


def shared_defaults(model, values, add_missing_defaults):
    """For a model's ``_add_missing_default_values(values)``: the default
    values looked up once per set of given fields while ``create_computed``
    creates a batch with ``same_defaults`` (``add_missing_defaults`` is the
    overridden method), else every time."""
    memo = _DEFAULTS.get()
    if memo is None:
        return add_missing_defaults(values)
    key = (model._name, frozenset(values))
    if key not in memo:
        completed = add_missing_defaults(values)
        memo[key] = {k: v for k, v in completed.items() if k not in values}
    return dict(memo[key], **values)


def create_computed(model, vals_list, same_defaults=False):
    """``model.create(vals_list)`` where every vals already holds the values
    of the stored computed fields it names, computed by the caller the way
    the field's compute does: they are stored as given (with the row, no
    update after it) instead of computed again.

    ``create()`` computes the readonly computed fields even when they are
    given; the fields given in every vals (with every field their compute
    method sets) are marked computed on the new records right after it.
    Whatever depends on them is still recomputed as usual.

    ``same_defaults``: the model's defaults are the same for every record of
    the batch (constants, no sequence): with ``shared_defaults`` in the
    model, they are looked up once instead of once per record.
    """
    with _shared_defaults() if same_defaults else contextlib.nullcontext():
        records = model.create(vals_list)
    if not vals_list:
        return records
    given = set(vals_list[0]).intersection(*vals_list[1:])
    field_computed = model.pool.field_computed
    for name in given:
        field = model._fields[name]
        if not (field.compute and field.store):
            continue
        if all(other.name in given for other in field_computed.get(field, [field])):
            model.env.remove_to_compute(field, records)
    return records


@contextlib.contextmanager
def _shared_defaults():
    token = _DEFAULTS.set({})
    try:
        yield
    finally:
        _DEFAULTS.reset(token)
