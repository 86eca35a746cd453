# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.bizreg_base.tools import employee_users

MEMO_KEY = "bizreg_appraisal_measure_memo"


def figure_if(figure, count):
    """For :meth:`BizregAppraisalMeasure._bizreg_figure_measures`: the value is
    ``figure`` rounded, or None (no data) when the ``count`` figure is 0."""
    return lambda f: round(f[figure], 2) if f[count] else None


def percent(part, whole):
    """``part`` of ``whole`` in percent, None (no data) when ``whole`` is 0."""
    return round(100.0 * part / whole, 2) if whole else None


class BizregAppraisalMeasure(models.AbstractModel):
    """Registry of KPI measures.

    A measure ``<code>`` is a value of ``bizreg.appraisal.kpi.measure_code``
    (bridge modules add theirs with ``selection_add``) and a method
    ``_bizreg_measure_<code>(employees, date_from, date_to, company)`` on this
    model returning ``{employee_id: (value, explanation_dict)}`` (``value`` None when
    there is no record to compute it from: the KPI then scores 0). A measure computes
    every employee of a period at once, in a constant number of queries
    (``_read_group`` or one call of an area's aggregate API), never one query
    per employee. ``company`` is the appraisal's company: its time zone bounds
    the period (``bizreg_base.tools.period_bounds``) and its currency is the
    one of amounts; records of every company count (whoever runs the
    computation, ``env.companies`` plays no part). Explanations are
    JSON-serialisable dicts of the figures the value came from; they are
    stored on the appraisal line.

    Most measures are one figure of an area's per-user KPI API: bridges
    declare those in :meth:`_bizreg_figure_measures` instead of writing a
    method each.
    """

    _name = "bizreg.appraisal.measure"
    _description = "Appraisal KPI Measures"

    @api.model
    def _bizreg_measure_codes(self):
        return [
            code
            for code, _label in self.env["bizreg.appraisal.kpi"]
            ._fields["measure_code"]
            ._description_selection(self.env)
        ]

    @api.model
    def _bizreg_figure_measures(self):
        """Measures read from an area's per-user KPI API, by code:
        ``{code: (source, value_of, keys)}`` as taken by
        :meth:`_bizreg_user_figures_measure`.  Bridges extend the dict."""
        return {}

    @api.model
    def _bizreg_compute_measures(
        self, codes, employees, date_from, date_to, company=None
    ):
        """Run the measures ``codes`` for ``employees`` over one period, for
        an appraisal of ``company`` (default: the employees' company when they
        share one, else the current company).

        Returns ``{code: {employee_id: (value, explanation)}}``; employees
        without data get ``(0.0, {...})`` from the measure or are absent.
        Measures that share the same source figures compute them once per
        run (see :meth:`_bizreg_memo`).
        """
        if not company:
            company = employees.company_id
            company = company if len(company) == 1 else self.env.company
        result = {}
        cache = self.env.cr.cache
        owner = MEMO_KEY not in cache
        if owner:
            cache[MEMO_KEY] = {}
        try:
            figure_measures = self._bizreg_figure_measures()
            for code in codes:
                method = getattr(self, f"_bizreg_measure_{code}", None)
                if method:
                    result[code] = method(employees, date_from, date_to, company)
                elif code in figure_measures:
                    source, value_of, keys = figure_measures[code]
                    result[code] = self._bizreg_user_figures_measure(
                        source, employees, date_from, date_to, value_of, keys, company
                    )
                else:
                    raise UserError(
                        self.env._(
                            "The measure “%s” is not installed: install its "
                            "business-area bridge or enter the KPI manually.",
                            code,
                        )
                    )
        finally:
            if owner:
                cache.pop(MEMO_KEY, None)
        return result

    @api.model
    def _bizreg_memo(self, key, func):
        """Compute ``func()`` once per measure run for ``key``."""
        memo = self.env.cr.cache.get(MEMO_KEY)
        if memo is None:
            return func()
        if key not in memo:
            memo[key] = func()
        return memo[key]

    @api.model
    def _bizreg_employee_users(self, employees):
        """``{employee_id: user_id}`` (``bizreg_base.tools.employee_users``),
        once per measure run."""
        return self._bizreg_memo(
            ("employee_users", tuple(sorted(employees.ids))),
            lambda: employee_users(employees),
        )

    @api.model
    def _bizreg_user_figures_measure(
        self, source, employees, date_from, date_to, value_of, keys, company
    ):
        """A measure built on an area's per-user KPI API.

        ``source`` is ``(model, method)`` of an API returning
        ``{user_id: {figure: value}}`` for many users, one period and the
        appraisal's ``company``, in a constant number of queries (e.g.
        ``sale.order._bizreg_kpi_sale`` of bizreg_appraisal_sale); it
        is called once per measure run and shared by every measure of the
        area.  Returns ``{employee_id: (value_of(figures), {key: figure})}``,
        or ``(None, ...)`` for an employee without a user or without figures.
        """
        users = self._bizreg_employee_users(employees)
        model, method = source
        figures = self._bizreg_memo(
            (
                model,
                method,
                tuple(sorted(set(users.values()))),
                str(date_from),
                str(date_to),
                company.id,
            ),
            lambda: getattr(self.env[model], method)(
                sorted(set(users.values())), date_from, date_to, company
            ),
        )
        result = {}
        for emp_id in employees.ids:
            found = figures.get(users.get(emp_id))
            if not found:
                result[emp_id] = (None, {"user": bool(users.get(emp_id))})
                continue
            result[emp_id] = (value_of(found), {k: found[k] for k in keys})
        return result

    @api.model
    def _bizreg_measure_peer_collaboration(
        self, employees, date_from, date_to, company
    ):
        """Average peer evaluation (criteria 1-5) given in cycles of the period."""
        groups = (
            self.env["bizreg.appraisal.evaluation"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("evaluation_type", "=", "peer"),
                    ("state", "=", "submitted"),
                    ("date_from", ">=", date_from),
                    ("date_to", "<=", date_to),
                ],
                ["employee_id"],
                ["score:avg", "__count"],
            )
        )
        found = {
            employee.id: (
                round((score or 0.0) / 20.0, 2),
                {
                    "peer_evaluations": count,
                    "average_score_100": round(score or 0.0, 2),
                },
            )
            for employee, score, count in groups
        }
        return {
            emp_id: found.get(emp_id, (0.0, {"peer_evaluations": 0}))
            for emp_id in employees.ids
        }
