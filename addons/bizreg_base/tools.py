# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server-side trust scopes, and a database helper.

A JSON-RPC caller controls the whole context of its call, so no context key can
mark a write as "done by the approval engine".  Privileged internal writes run
inside :func:`trusted`, a ``contextvars`` scope that only server code can open:

- ``"review"``: creating, approving, rejecting or deleting ``tier.review``;
- ``"state"``: changing the state field of a bizreg approvable record;
- ``"number"``: assigning a document number;
- ``"four_eyes"``: applying a confirmed change of important data;
- ``"engine"``: a model's own code writing its engine-owned fields (see
  ``models/base.py``); any open scope counts as the engine at work.

Guards refuse those writes outside of their scope.

:func:`create_group_statistics` declares PostgreSQL statistics for the
columns a KPI groups by; :func:`period_bounds` is the one way to turn a period
of days into a range of stored datetimes, in the company's time zone;
:func:`employee_users` maps employees to their users;
:func:`check_minimums` refuses a number below its minimum, naming the field.
"""

import contextlib
import contextvars
import datetime as dt

import pytz

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tools import SQL

_SCOPES = contextvars.ContextVar("bizreg_trusted_scopes", default=frozenset())
_ACTING_USER = contextvars.ContextVar("bizreg_acting_user", default=None)


@contextlib.contextmanager
def trusted(*scopes):
    """Open the given trust scopes for the enclosed server code."""
    token = _SCOPES.set(_SCOPES.get() | frozenset(scopes))
    try:
        yield
    finally:
        _SCOPES.reset(token)


def is_trusted(scope):
    return scope in _SCOPES.get()


@contextlib.contextmanager
def acting_for(user_id):
    """Mark that the current (principal) user is represented by delegate ``user_id``."""
    token = _ACTING_USER.set(user_id)
    try:
        yield
    finally:
        _ACTING_USER.reset(token)


def acting_user_id():
    return _ACTING_USER.get()


def create_group_statistics(cr, table, columns):
    """Declare PostgreSQL multivariate ``ndistinct`` statistics on ``columns``.

    Appraisal KPIs group many records by a few columns at once (salesperson,
    kind, outcome).  Without these statistics PostgreSQL multiplies the
    distinct counts of each column, expects tens of thousands of groups,
    sorts the whole period on disk instead of hashing, and may JIT-compile
    the plan: two to three times slower on 500,000 rows.  Like an index, this
    is idempotent and maintained by ``ANALYZE``/autovacuum.
    """
    name = f"{table}_{'_'.join(columns)}_ndistinct"[:63]
    cr.execute(
        SQL(
            "CREATE STATISTICS IF NOT EXISTS %s (ndistinct) ON %s FROM %s",
            SQL.identifier(name),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL.identifier(table),
        )
    )


def any_trusted():
    """Whether server code opened any trust scope (the engine is at work)."""
    return bool(_SCOPES.get())


def company_tz(company):
    """The time zone of ``company``: its partner's, else that of its working
    calendar, else UTC."""
    tz_name = (
        company.partner_id.tz or company.resource_calendar_id.tz or "UTC"
        if company
        else "UTC"
    )
    return pytz.timezone(tz_name)


def company_today(company):
    """Today in ``company``'s time zone (the day :func:`period_bounds` puts
    the present in)."""
    return dt.datetime.now(company_tz(company)).date()


def period_bounds(company, date_from, date_to):
    """The half-open range ``[start, end)`` of naive UTC datetimes (as Odoo
    stores them) covering the days ``date_from`` to ``date_to`` (inclusive)
    in ``company``'s time zone: for a company in Asia/Shanghai, March starts
    at 16:00 UTC on the last day of February.  Every KPI measure and period
    filter uses this one helper.

    The company's time zone is its partner's (``company.partner_id.tz``),
    else that of its working calendar, else UTC.
    """
    tz = company_tz(company)

    def utc(day):
        local = tz.localize(dt.datetime.combine(day, dt.time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    start = utc(fields.Date.to_date(date_from))
    end = utc(fields.Date.to_date(date_to) + dt.timedelta(days=1))
    return start, end


def employee_users(employees):
    """``{employee_id: user_id}`` of ``employees`` (archived ones included,
    those without a user omitted), in one query: the one way to go from the
    employees of an appraisal to the users who own the business records."""
    if not employees:
        return {}
    rows = (
        employees.env["hr.employee"]
        .sudo()
        .with_context(active_test=False)
        .search_fetch(
            [("id", "in", employees.ids), ("user_id", "!=", False)], ["user_id"]
        )
    )
    return {employee.id: employee.user_id.id for employee in rows}


def copy_selection_translations(model, field_name):
    """Give the models inheriting the mixin ``model`` the translated labels
    of its selection field ``field_name``.  Odoo reflects the selection of an
    inherited field per model, with English labels when the inheriting module
    is installed after the mixin's translations were loaded; the translations
    live on the mixin's own rows, so copy them over, in one statement (call
    it from the mixin's ``_register_hook``)."""
    model.env.cr.execute(
        SQL(
            """
            UPDATE ir_model_fields_selection dst
               SET name = src.name || dst.name
              FROM ir_model_fields_selection src
              JOIN ir_model_fields src_f ON src_f.id = src.field_id,
                   ir_model_fields dst_f
             WHERE src_f.model = %s AND src_f.name = %s
               AND dst_f.id = dst.field_id
               AND dst_f.name = %s
               AND dst_f.model IN %s
               AND dst.value = src.value
               AND NOT (src.name - 'en_US') <@ dst.name
            """,
            model._name,
            field_name,
            field_name,
            tuple(model._inherit_children) or ("",),
        )
    )


def check_minimums(records, minimums):
    """Refuse ``records`` whose number fields are below their minimum
    (``minimums``: ``{field name: lowest value allowed}``) with a translated
    error naming the field (the settings' thresholds, a policy's intervals,
    retention periods)."""
    for record in records:
        for name, low in minimums.items():
            if record[name] < low:
                raise ValidationError(
                    record.env._(
                        "“%(field)s” must be at least %(minimum)s.",
                        field=record._fields[name]._description_string(record.env),
                        minimum=low,
                    )
                )


def approve_as(record, users):
    """Approve ``record`` (a ``tier.validation`` record) as each of ``users``
    in turn that may review it now (``can_review`` of base_tier_validation:
    a user whose review the chain does not ask for, or not yet, is passed
    over, and so is one who may not even read the record). For demo flows
    and tests: every approval goes through ``validate_tier`` with the
    user's own rights."""
    for user in users:
        # can_review depends on the user: computed again for each
        record.invalidate_recordset()
        as_user = record.with_user(user)
        if as_user.has_access("read") and as_user.can_review:
            as_user.validate_tier()
    record.invalidate_recordset()
