# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, models

from odoo.addons.bizreg_base.tools import employee_users, period_bounds


class BizregAppraisalCollaboration(models.AbstractModel):
    """Registry of collaboration sources, used to suggest peer evaluators.

    A source ``<code>`` is a key of :meth:`_bizreg_collaboration_sources`
    (bridge modules add theirs by extending it with ``super()``) and a method
    ``_bizreg_collaboration_<code>(employees, date_from, date_to, company)`` on
    this model returning ``{employee_id: {colleague_employee_id: count}}``, where
    ``count`` is the number of records of the period the two shared (a ticket,
    a reviewed contract...). A source computes every employee of a period at
    once, in a constant number of queries (``_read_group``/``search_fetch``
    over the whole set), never one query per employee, like the measures of
    ``bizreg.appraisal.measure``.  ``company`` is the appraisal's: its time
    zone bounds the period (see :meth:`_bizreg_period`).

    :meth:`_bizreg_collaborators` merges the sources and ranks the colleagues:
    those of another department first (the regulation asks for peer
    assessment "where cross-department work is involved"), then by number of
    shared records.
    """

    _name = "bizreg.appraisal.collaboration"
    _description = "Appraisal Collaboration Sources"

    @api.model
    def _bizreg_collaboration_sources(self):
        """``{code: label}`` of the installed sources (none in this module)."""
        return {}

    # ------------------------------------------------------------------
    # Helpers for the sources
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_user_ids(self, employees):
        """Users of ``employees`` (one query), to restrict a source's records
        to those the appraised employees took part in."""
        return sorted(set(employee_users(employees).values()))

    @api.model
    def _bizreg_period(self, employees, date_from, date_to, company=None):
        """The period as a half-open range ``(start, end)`` of stored
        datetimes in the time zone of ``company`` (default: the employees'
        company when they share one, else the current company), from
        ``bizreg_base.tools.period_bounds``: a source keeps the records with
        ``start <= date < end``."""
        if not company:
            company = employees.sudo().company_id
            company = company if len(company) == 1 else self.env.company
        return period_bounds(company, date_from, date_to)

    @api.model
    def _bizreg_shared_records(self, employees, shared):
        """Count shared records per pair of employees.

        ``shared`` is an iterable of ``(owner_user_id, contributor_user_ids)``,
        one item per record: the owner of the record (assignee, salesperson)
        and the users who worked on it with them.  Each record counts once for
        the owner with each contributor, and the other way round.  Users are
        mapped to their employee in the company of the appraised employee
        (else to any of their employees, which the merge then excludes as
        another company's).  Two queries whatever the number of records.

        Returns ``{employee_id: {colleague_employee_id: count}}`` for
        ``employees``.
        """
        pairs = defaultdict(lambda: defaultdict(int))
        for owner, contributors in shared:
            if not owner:
                continue
            for other in set(contributors) - {owner, False, None}:
                pairs[owner][other] += 1
                pairs[other][owner] += 1
        result = {emp_id: {} for emp_id in employees.ids}
        if not pairs:
            return result
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        appraised = Employee.search_fetch(
            [("id", "in", employees.ids), ("user_id", "!=", False)],
            ["user_id", "company_id"],
        )
        other_users = {
            other for emp in appraised for other in pairs.get(emp.user_id.id, {})
        }
        by_user = defaultdict(dict)
        for emp in Employee.search_fetch(
            [("user_id", "in", list(other_users))],
            ["user_id", "company_id"],
            order="id",
        ):
            by_user[emp.user_id.id].setdefault(emp.company_id.id, emp.id)
        for emp in appraised:
            counts = result[emp.id]
            for other, count in pairs.get(emp.user_id.id, {}).items():
                companies = by_user.get(other)
                if not companies:
                    continue
                colleague = companies.get(emp.company_id.id) or next(
                    iter(companies.values())
                )
                counts[colleague] = counts.get(colleague, 0) + count
        return result

    # ------------------------------------------------------------------
    # Merge
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_collaborators(
        self, employees, date_from, date_to, companies=None, managers=None
    ):
        """Colleagues each employee worked with in the period, best first.

        Returns ``{employee_id: [(colleague_id, total, {source_label: count})]}``
        ranked: colleagues of another department than the employee first,
        then by number of shared records (then by name).  Excluded: the
        employee, their manager (who evaluates separately: the employee's
        manager, their department's manager, or ``managers[employee_id]``, a
        user id), archived employees, employees without user, and employees
        of another company than the employee's (or ``companies[employee_id]``,
        the appraisal's company).  A constant number of queries on top of the
        sources'.
        """
        companies = companies or {}
        managers = managers or {}
        result = {emp_id: [] for emp_id in employees.ids}
        if not employees:
            return result
        sources = self._bizreg_collaboration_sources()
        totals = defaultdict(lambda: defaultdict(int))
        details = defaultdict(lambda: defaultdict(dict))
        # one run of each source per company of the appraisals (its time zone
        # bounds the period), not per employee
        by_company = defaultdict(lambda: self.env["hr.employee"])
        for emp in employees.sudo():
            company = self.env["res.company"].browse(
                companies.get(emp.id) or emp.company_id.id
            )
            by_company[company] |= emp
        found = {}
        for company, members in by_company.items():
            for code in sources:
                found.setdefault(code, {}).update(
                    getattr(self, f"_bizreg_collaboration_{code}")(
                        members.with_env(self.env), date_from, date_to, company
                    )
                )
        for code, label in sources.items():
            for emp_id, colleagues in found.get(code, {}).items():
                for colleague_id, count in colleagues.items():
                    if count <= 0:
                        continue
                    totals[emp_id][colleague_id] += count
                    source_counts = details[emp_id][colleague_id]
                    source_counts[label] = source_counts.get(label, 0) + count
        if not totals:
            return result
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        appraised = Employee.search_fetch(
            [("id", "in", employees.ids)],
            ["user_id", "company_id", "department_id", "parent_id"],
        )
        colleagues = {
            emp.id: emp
            for emp in Employee.search_fetch(
                [("id", "in", list({c for found in totals.values() for c in found}))],
                ["name", "active", "user_id", "company_id", "department_id"],
            )
        }
        for emp in appraised:
            excluded_employees = {emp.id, emp.parent_id.id}
            manager = emp.department_id.manager_id
            if manager != emp:
                excluded_employees.add(manager.id)
            excluded_users = {managers.get(emp.id)} - {False, None}
            company_id = companies.get(emp.id) or emp.company_id.id
            ranked = []
            for colleague_id, total in totals[emp.id].items():
                colleague = colleagues.get(colleague_id)
                if (
                    not colleague
                    or colleague_id in excluded_employees
                    or not colleague.active
                    or not colleague.user_id
                    or colleague.user_id.id in excluded_users
                    or colleague.user_id == emp.user_id
                    or colleague.company_id.id != company_id
                ):
                    continue
                cross = colleague.department_id != emp.department_id
                ranked.append(
                    (
                        (not cross, -total, colleague.name or "", colleague_id),
                        (colleague_id, total, dict(details[emp.id][colleague_id])),
                    )
                )
            result[emp.id] = [item for _key, item in sorted(ranked)]
        return result
