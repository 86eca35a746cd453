# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Projects: the portfolio list and the cost and schedule figures.

A and B: ``PROJECTS`` projects with ``TASKS`` tasks each (a tenth cancelled,
a third done), ``MILESTONES`` milestones each and ``TIMESHEETS`` timesheet
lines spread over them, generated with SQL (``INSERT ... SELECT
generate_series`` cloning one row made through the ORM, as
bench_marketing.py does): the same SQL on both sides; on A the projects are
regulated (phase, department, budget; the milestones have baseline dates)
and some expenses are posted.  Medians of five rounds after a warm-up, as
the administrator:

- A: the portfolio list (``web_search_read`` of ``project.project`` with the
  fields of the portfolio list view, the portfolio action's domain, 80 rows,
  the web client's count limit); B: Odoo's project list (the fields of
  ``project.view_project``, 80 rows) over the same projects; A: Odoo's project
  list too (what bizreg costs the plain list);
- A: the cost and schedule figures of all projects
  (``project.project._bizreg_cost_figures`` with ``_bizreg_schedule_figures``)
  and of two projects: queries (equal) and time, against hand-written SQL
  computing the same figures (checked equal).
"""

import os
import statistics

from benchlib import clone, measure
from lxml import etree

import odoo.exceptions
from odoo.tools import SQL

PROJECTS = int(os.environ.get("BIZREG_BENCH_PJ_PROJECTS", "2000"))
TASKS = int(os.environ.get("BIZREG_BENCH_PJ_TASKS", "100"))
TIMESHEETS = int(os.environ.get("BIZREG_BENCH_PJ_TIMESHEETS", "1000000"))
MILESTONES = int(os.environ.get("BIZREG_BENCH_PJ_MILESTONES", "4"))
ROUNDS = 5
LIST_LIMIT = 80
COUNT_LIMIT = 10001  # the web client's (10,000 + 1)


def _admin_env(env):
    return env(user=env.ref("base.user_admin").id)


def generate(env):
    """The projects, tasks, milestones and timesheets (the same SQL on A and
    B; the columns bizreg adds are set on A only).  Returns the project ids."""
    cr = env.cr
    regulated = "bizreg_phase" in env["project.project"]._fields
    admin = env.ref("base.user_admin")
    employee = env["hr.employee"].create(
        {"name": "Bench employee", "hourly_cost": 50.0}
    )
    template = env["project.project"].create(
        {
            "name": "Bench template",
            "user_id": admin.id,
            "allow_timesheets": True,
            "allow_milestones": True,
        }
    )
    task = env["project.task"].create({"name": "Bench task", "project_id": template.id})
    milestone = env["project.milestone"].create(
        {"name": "Bench milestone", "project_id": template.id}
    )
    line = env["account.analytic.line"].create(
        {
            "name": "Bench work",
            "project_id": template.id,
            "task_id": task.id,
            "employee_id": employee.id,
            "unit_amount": 1.0,
        }
    )
    env.flush_all()
    department = env["hr.department"].search([], limit=1)
    # each project has its own mail alias (without a name)
    alias_ids = clone(
        cr,
        "mail_alias",
        template.alias_id.id,
        PROJECTS,
        {"alias_name": SQL("NULL"), "alias_full_name": SQL("NULL")},
    )
    project_ids = clone(
        cr,
        "project_project",
        template.id,
        PROJECTS,
        {
            "name": SQL("jsonb_build_object('en_US', 'Bench project ' || g)"),
            "sequence": SQL("g"),
            "alias_id": SQL("(%s::int[])[g]", alias_ids),
            "bizreg_phase": SQL(
                "(ARRAY['planning', 'execution', 'execution', 'acceptance'])"
                "[1 + mod(g, 4)]"
            ),
            "bizreg_department_id": SQL("%s", department.id or None),
            "bizreg_budget_total": SQL("50000 + mod(g, 50) * 1000"),
            "bizreg_risk_high_count": SQL("CASE WHEN mod(g, 7) = 0 THEN 1 ELSE 0 END"),
            "bizreg_risk_medium_count": SQL("mod(g, 3)"),
            "bizreg_risk_health": SQL(
                "CASE WHEN mod(g, 7) = 0 THEN 'red' "
                "WHEN mod(g, 3) > 0 THEN 'amber' ELSE 'green' END"
            ),
        },
    )
    ids = SQL("%s::int[]", project_ids)
    n = len(project_ids)
    clone(
        cr,
        "project_task",
        task.id,
        n * TASKS,
        {
            "name": SQL("'Bench task ' || g"),
            "project_id": SQL("(%s)[1 + (g - 1) / %s]", ids, TASKS),
            "sequence": SQL("mod(g, %s)", TASKS),
            "state": SQL(
                "CASE WHEN mod(g, 10) = 0 THEN '1_canceled' "
                "WHEN mod(g, 3) = 0 THEN '1_done' ELSE '01_in_progress' END"
            ),
        },
    )
    clone(
        cr,
        "project_milestone",
        milestone.id,
        n * MILESTONES,
        {
            "name": SQL("'Bench milestone ' || g"),
            "project_id": SQL("(%s)[1 + (g - 1) / %s]", ids, MILESTONES),
            "deadline": SQL("date '2026-01-01' + mod(g * 37, 400)"),
            "bizreg_baseline_date": SQL("date '2026-01-01' + mod(g * 37, 400) - 3"),
            "is_reached": SQL("mod(g, 2) = 0"),
            "reached_date": SQL(
                "CASE WHEN mod(g, 2) = 0 "
                "THEN date '2026-01-01' + mod(g * 37, 400) + mod(g, 11) - 5 END"
            ),
        },
    )
    clone(
        cr,
        "account_analytic_line",
        line.id,
        TIMESHEETS,
        {
            "name": SQL("'Bench work ' || g"),
            "project_id": SQL("(%s)[1 + mod(g, %s)]", ids, n),
            "task_id": SQL("NULL"),
            "unit_amount": SQL("1 + mod(g, 8)"),
            "amount": SQL("-50.0 * (1 + mod(g, 8))"),
            "date": SQL("date '2026-01-01' + mod(g, 365)"),
        },
    )
    if regulated:
        expense = env["bizreg.project.expense"].create(
            {
                "name": "Bench expense",
                "project_id": project_ids[0],
                "category_id": env.ref("bizreg_project.cost_category_equipment").id,
                "amount": 100.0,
            }
        )
        env.flush_all()
        clone(
            cr,
            "bizreg_project_expense",
            expense.id,
            n * 5,
            {
                "name": SQL("'Bench expense ' || g"),
                "project_id": SQL("(%s)[1 + mod(g, %s)]", ids, n),
                "amount": SQL("100 + mod(g, 1000)"),
                "state": SQL("CASE WHEN mod(g, 4) = 0 THEN 'draft' ELSE 'posted' END"),
            },
        )
    # the template is not part of the figures
    env["account.analytic.line"].browse(line.id).unlink()
    template.write({"active": False})
    env.flush_all()
    for table in (
        "project_project",
        "project_task",
        "project_milestone",
        "account_analytic_line",
    ):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.invalidate_all()
    return project_ids


def _list_spec(model, arch):
    """The ``web_search_read`` specification the web client sends for the
    top-level fields of a list ``arch``."""
    spec = {}
    for node in arch.iterfind("field"):
        name = node.get("name")
        field = model._fields.get(name)
        if not field or name in spec:
            continue
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            related = {"display_name": {}}
            comodel = model.env[field.comodel_name]
            if "color" in comodel._fields:
                related["color"] = {}
            spec[name] = {"fields": related}
        else:
            spec[name] = {}
    return spec


def list_view(env, model, view_xmlid, domain, prefix):
    """Median time and queries of a list view (``web_search_read`` with the
    view's fields, default order, 80 rows), as the administrator (as the
    superuser if he may not read the model)."""
    out = {}
    Model = env(user=env.ref("base.user_admin").id)[model]
    try:
        Model.check_access("read")
        out[f"{prefix}_as"] = "admin"
    except odoo.exceptions.AccessError:
        Model = env[model]
        out[f"{prefix}_as"] = "superuser"
    Model = Model.with_context(bin_size=True)
    view = Model.get_view(env.ref(view_xmlid).id, "list")
    spec = _list_spec(Model, etree.fromstring(view["arch"]))

    def call():
        return Model.web_search_read(
            domain, spec, limit=LIST_LIMIT, count_limit=COUNT_LIMIT
        )

    call()
    runs = [measure(env, call) for _round in range(ROUNDS)]
    result = runs[-1][2]
    out.update(
        {
            f"{prefix}_ms": round(statistics.median(r[0] for r in runs) * 1000, 1),
            f"{prefix}_queries": runs[-1][1],
            f"{prefix}_rows": len(result["records"]),
            f"{prefix}_length": result["length"],
            f"{prefix}_fields": sorted(spec),
        }
    )
    return out


def project_list(env, view_xmlid, domain, prefix):
    """A project list view (see :func:`list_view`)."""
    return list_view(env, "project.project", view_xmlid, domain, prefix)


# ---------------------------------------------------------------- A


def figures_sql(env, project_ids):
    """Actual cost, progress and milestone slip of ``project_ids`` by
    hand-written SQL: ``{project_id: (actual, progress, late, slip)}``."""
    env.cr.execute(
        """
        WITH p AS (SELECT unnest(%(ids)s::int[]) AS id),
        t AS (
            SELECT project_id, sum(-amount) AS cost FROM account_analytic_line
             WHERE project_id = ANY(%(ids)s) GROUP BY project_id
        ), e AS (
            SELECT project_id, sum(amount) AS cost FROM bizreg_project_expense
             WHERE project_id = ANY(%(ids)s) AND state = 'posted'
             GROUP BY project_id
        ), k AS (
            SELECT project_id,
                   count(*) FILTER (WHERE state = '1_done') AS done,
                   count(*) FILTER (WHERE state != '1_canceled') AS counted
              FROM project_task
             WHERE project_id = ANY(%(ids)s) AND active
             GROUP BY project_id
        ), m AS (
            SELECT project_id,
                   count(*) FILTER (WHERE seen > ref) AS late,
                   COALESCE(max(seen - ref) FILTER (WHERE seen > ref), 0) AS slip
              FROM (SELECT project_id,
                           COALESCE(bizreg_baseline_date, deadline) AS ref,
                           CASE WHEN is_reached THEN reached_date
                                ELSE CURRENT_DATE END AS seen
                      FROM project_milestone
                     WHERE project_id = ANY(%(ids)s)) x
             GROUP BY project_id
        )
        SELECT p.id, COALESCE(t.cost, 0) + COALESCE(e.cost, 0),
               CASE WHEN k.counted > 0 THEN 100.0 * k.done / k.counted ELSE 0 END,
               COALESCE(m.late, 0), COALESCE(m.slip, 0)
          FROM p LEFT JOIN t ON t.project_id = p.id
                 LEFT JOIN e ON e.project_id = p.id
                 LEFT JOIN k ON k.project_id = p.id
                 LEFT JOIN m ON m.project_id = p.id
        """,
        {"ids": list(project_ids)},
    )
    return {row[0]: tuple(float(v) for v in row[1:]) for row in env.cr.fetchall()}


def _figures(projects):
    schedule = projects._bizreg_schedule_figures()
    cost = projects._bizreg_cost_figures(schedule=schedule)
    return cost, schedule


def _same(orm, raw):
    cost, schedule = orm
    for project_id, (actual, progress, late, slip) in raw.items():
        mine = cost.get(project_id)
        plan = schedule.get(project_id)
        if not mine or not plan:
            return f"project {project_id} missing"
        pairs = (
            ("actual", mine["actual"], actual),
            ("progress", mine["progress"], progress),
            ("late", plan["late"], late),
            ("slip", plan["slip"], slip),
        )
        for key, value, expected in pairs:
            if abs(value - expected) > 0.01 * max(1.0, abs(expected)):
                return f"project {project_id} {key}: ORM {value} SQL {expected}"
    return True


def run_a(env):
    env = env(context=dict(env.context, tracking_disable=True))
    project_ids = generate(env)
    projects = env["project.project"].browse(project_ids)
    two = projects[:2]
    _figures(projects)
    figures_sql(env, project_ids)
    rounds = {"orm": [], "sql": []}
    for _round in range(ROUNDS):
        seconds, q_all, figures = measure(
            env, lambda: _figures(env["project.project"].browse(project_ids))
        )
        rounds["orm"].append(seconds)
        rounds["sql"].append(measure(env, lambda: figures_sql(env, project_ids))[0])
    _s, q_two, _r = measure(
        env, lambda: _figures(env["project.project"].browse(two.ids))
    )
    out = {
        "projects": len(project_ids),
        "tasks": len(project_ids) * TASKS,
        "timesheets": TIMESHEETS,
        "figures_s": round(statistics.median(rounds["orm"]), 3),
        "figures_sql_s": round(statistics.median(rounds["sql"]), 3),
        "figures_queries_all": q_all,
        "figures_queries_two": q_two,
        "figures_equal_sql": _same(figures, figures_sql(env, project_ids)),
    }
    out.update(
        project_list(
            env,
            "bizreg_project.project_project_view_list_portfolio",
            [("bizreg_phase", "!=", False)],
            "portfolio",
        )
    )
    out.update(project_list(env, "project.view_project", [], "plain"))
    return out


# ---------------------------------------------------------------- B


def run_b(env):
    env = env(context=dict(env.context, tracking_disable=True))
    project_ids = generate(env)
    out = {"projects": len(project_ids), "timesheets": TIMESHEETS}
    out.update(project_list(env, "project.view_project", [], "plain"))
    return out
