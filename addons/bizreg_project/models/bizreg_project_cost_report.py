# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists, table_exists


class BizregProjectCostReport(models.Model):
    """Budget and actual cost of the regulated projects by cost category:
    the budget lines of the approved project request, the posted expenses,
    and the timesheet cost (employees' hourly cost) in the labour category.
    A read-only SQL view for pivot and graph analysis."""

    _name = "bizreg.project.cost.report"
    _description = "Project Cost Analysis"
    _auto = False
    _order = "project_id, category_id"
    _rec_name = "project_id"

    project_id = fields.Many2one("project.project", readonly=True)
    category_id = fields.Many2one(
        "bizreg.project.cost.category", string="Cost Category", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Project Manager", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    phase = fields.Selection(
        [
            ("planning", "Planning"),
            ("execution", "Execution"),
            ("acceptance", "Acceptance"),
            ("closed", "Closed"),
        ],
        string="Regulated Phase",
        readonly=True,
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    budget = fields.Monetary(readonly=True)
    actual = fields.Monetary(string="Actual Cost", readonly=True)
    variance = fields.Monetary(
        readonly=True, help="Budget minus actual cost: negative when overspent."
    )

    def _budget_lines_query(self):
        """The budget lines of the projects' requests, when the request
        model has them (its table exists)."""
        Request = self.env.registry.get("bizreg.project.request")
        field = Request and Request._fields.get("budget_line_ids")
        if not field:
            return None
        Line = self.env[field.comodel_name]
        if not table_exists(self.env.cr, Line._table):
            # the budget lines' model comes later in the module's install:
            # its table is made now (making it again later does nothing)
            Line._auto_init()
        return SQL(
            """
            SELECT p.id AS project_id, l.category_id, l.amount AS budget,
                   0.0 AS actual
              FROM %(lines)s l
              JOIN project_project p ON p.bizreg_request_id = l.%(inverse)s
             WHERE p.bizreg_phase IS NOT NULL
            """,
            lines=SQL.identifier(Line._table),
            inverse=SQL.identifier(field.inverse_name),
        )

    def init(self):
        parts = [
            SQL(
                """
            SELECT e.project_id, e.category_id, 0.0 AS budget,
                   e.amount AS actual
              FROM bizreg_project_expense e
             WHERE e.state = 'posted'
            """
            ),
            SQL(
                """
            SELECT a.project_id,
                   (SELECT c.id FROM bizreg_project_cost_category c
                     WHERE c.is_labour AND c.active
                       AND (c.company_id IS NULL OR c.company_id = p.company_id)
                     ORDER BY c.sequence, c.id LIMIT 1) AS category_id,
                   0.0 AS budget, -a.amount AS actual
              FROM account_analytic_line a
              JOIN project_project p ON p.id = a.project_id
             WHERE p.bizreg_phase IS NOT NULL
            """
            ),
        ]
        budget = self._budget_lines_query()
        if budget is not None:
            parts.append(budget)
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(view)s AS (
                SELECT row_number() OVER (ORDER BY f.project_id, f.category_id) AS id,
                       f.project_id, f.category_id, p.user_id,
                       p.bizreg_department_id AS department_id,
                       p.company_id, p.bizreg_phase AS phase,
                       COALESCE(cmp.currency_id, main.currency_id) AS currency_id,
                       sum(f.budget) AS budget, sum(f.actual) AS actual,
                       sum(f.budget) - sum(f.actual) AS variance
                  FROM (%(parts)s) f
                  JOIN project_project p ON p.id = f.project_id
                  LEFT JOIN res_company cmp ON cmp.id = p.company_id
                  LEFT JOIN LATERAL (SELECT currency_id FROM res_company
                                      ORDER BY id LIMIT 1) main ON TRUE
                 WHERE p.bizreg_phase IS NOT NULL
                 GROUP BY f.project_id, f.category_id, p.user_id,
                          p.bizreg_department_id, p.company_id, p.bizreg_phase,
                          cmp.currency_id, main.currency_id
            )
            """,
                view=SQL.identifier(self._table),
                parts=SQL(" UNION ALL ").join(parts),
            )
        )
