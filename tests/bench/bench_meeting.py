# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Meetings: the overdue action-item cron over a large history.

A: ``SERIES`` weekly meeting series of ``EMPLOYEES`` employees (users with
an employee in one of ``SERIES`` departments, each with its manager), then
``MEETINGS`` approved meetings and ``ACTIONS`` action items owned by those
employees (SQL-generated: ``INSERT ... SELECT generate_series`` cloning one
ORM-made row, as bench_appraisal.py does), 70 % done, the rest open with
their reminders and escalations already fired.  Then the queries of the
action items' escalation cron (``bizreg.meeting.action._cron_deadlines``):

- with nothing due, with ``EMPLOYEES`` and with twice as many employees
  (the history grows with them): must not grow;
- per level (owner reminder, manager escalation, Director escalation), with
  10 and ``DUE`` items due, owned by as many different employees, per item
  (≤ 15 queries per item escalated).

B: the same work without bizreg, as bench_escalation.py defines it: a
chatter note, a to-do activity and a write per overdue record, on ``DUE``
plain project tasks.

Work reports (``WORK_REPORTS``, 200,000 weekly reports: one template per
department, SQL clones of the template generator's own reports over the
past weeks, 85 % on time, 10 % late, 5 % missing): the submission
statistics of a month for ``EMPLOYEES`` and for twice as many employees
(``_bizreg_kpi_reports``, what the appraisal reads, and the statistics
view grouped by department and month, the pivot) and the work reports'
hourly cron with nothing to create or escalate: must not grow with the
employees.
"""

import datetime
import os
import statistics

from benchlib import clone, measure, savepoint

from odoo import Command
from odoo.tools import SQL

from odoo.addons.bizreg_base.tools import company_today

SERIES = int(os.environ.get("BIZREG_BENCH_MT_SERIES", "50"))
EMPLOYEES = int(os.environ.get("BIZREG_BENCH_MT_EMPLOYEES", "200"))
MEETINGS = int(os.environ.get("BIZREG_BENCH_MT_MEETINGS", "5000"))
ACTIONS = int(os.environ.get("BIZREG_BENCH_MT_ACTIONS", "50000"))
DUE = int(os.environ.get("BIZREG_BENCH_DUE", "100"))
WORK_REPORTS = int(os.environ.get("BIZREG_BENCH_MT_WORK_REPORTS", "200000"))
REPEAT = 3


def _people(env, count, tag, departments=None):
    """``count`` users with an employee each, spread over ``departments``
    (new departments with a manager each when None)."""
    Users = env["res.users"].with_context(
        no_reset_password=True, mail_create_nolog=True
    )
    group_user = env.ref("base.group_user")
    users = Users.create(
        [
            {
                "name": f"Bench {tag} {i}",
                "login": f"bench_mt_{tag}_{i}",
                "groups_id": [Command.set(group_user.ids)],
            }
            for i in range(count)
        ]
    )
    if departments is None:
        departments = env["hr.department"].create(
            [{"name": f"Bench department {i}"} for i in range(SERIES)]
        )
    employees = env["hr.employee"].create(
        [
            {
                "name": user.name,
                "user_id": user.id,
                "department_id": departments[i % len(departments)].id,
            }
            for i, user in enumerate(users)
        ]
    )
    for index, department in enumerate(departments):
        if not department.manager_id:
            department.manager_id = employees[index % len(employees)]
    return users, departments


def _history(env, users, departments):
    """``SERIES`` series, ``MEETINGS`` approved meetings and ``ACTIONS``
    action items (SQL clones of one ORM-made meeting and item)."""
    Series = env["bizreg.meeting.series"]
    series = Series.create(
        [
            {
                "name": f"Bench series {i}",
                "department_id": department.id,
                "recurrence": "weekly",
                "weekday": "0",
                "date_start": "2026-01-01",
            }
            for i, department in enumerate(departments[:SERIES])
        ]
    )
    model = env["bizreg.meeting"].create(
        {"series_id": series[0].id, "start": "2026-01-05 01:00:00"}
    )
    item = env["bizreg.meeting.action"].create(
        {
            "meeting_id": model.id,
            "name": "Bench item",
            "user_id": users[0].id,
            "date_due": "2026-01-12",
        }
    )
    env.flush_all()
    cr = env.cr
    meeting_ids = clone(
        cr,
        "bizreg_meeting",
        model.id,
        MEETINGS,
        {
            "name": SQL("'Bench meeting ' || g"),
            "series_id": SQL("(%s::int[])[1 + mod(g, %s)]", series.ids, len(series)),
            "department_id": SQL(
                "(%s::int[])[1 + mod(g, %s)]",
                series.department_id.ids,
                len(series),
            ),
            "state": SQL("'approved'"),
            "start": SQL(
                "timestamp '2026-01-05 01:00' + make_interval(days => mod(g, 330))"
            ),
            "stop": SQL(
                "timestamp '2026-01-05 02:00' + make_interval(days => mod(g, 330))"
            ),
            "date": SQL("date '2026-01-05' + mod(g, 330)"),
            "calendar_event_id": SQL("NULL"),
            "bizreg_number": SQL("'MT-BENCH-' || g"),
        },
    )
    user_ids = users.ids
    employee_dept = {u.id: u.employee_id.department_id.id for u in users}
    due = SQL("date '2026-01-12' + mod(g, 330)")
    is_done = SQL("mod(g, 10) < 7")
    clone(
        cr,
        "bizreg_meeting_action",
        item.id,
        ACTIONS,
        {
            "name": SQL("'Bench item ' || g"),
            "meeting_id": SQL(
                "(%s::int[])[1 + mod(g, %s)]", meeting_ids, len(meeting_ids)
            ),
            "user_id": SQL("(%s::int[])[1 + mod(g, %s)]", user_ids, len(user_ids)),
            "department_id": SQL(
                "(%s::int[])[1 + mod(g, %s)]",
                [employee_dept[u] for u in user_ids],
                len(user_ids),
            ),
            "date_due": due,
            "state": SQL("CASE WHEN %s THEN 'done' ELSE 'open' END", is_done),
            "date_done": SQL("CASE WHEN %s THEN %s - mod(g, 3) END", is_done, due),
            "is_on_time": is_done,
            "on_time_rate": SQL("CASE WHEN %s THEN 100 ELSE 0 END", is_done),
            "reminder_date": SQL("(%s)::timestamp - interval '8 hours'", due),
            "escalation_date": SQL("(%s)::timestamp + interval '3 days'", due),
            "director_date": SQL("(%s)::timestamp + interval '7 days'", due),
            "reminded_date": SQL("(%s)::timestamp", due),
            "escalated_date": SQL("(%s)::timestamp + interval '3 days'", due),
            "director_escalated_date": SQL("(%s)::timestamp + interval '7 days'", due),
        },
    )
    cr.execute("ANALYZE bizreg_meeting")
    cr.execute("ANALYZE bizreg_meeting_action")
    env.invalidate_all()
    return series


def _work_reports(env, departments, day):
    """``WORK_REPORTS`` weekly work reports: one template per department
    (every employee of the department writes it), the reports of the week
    of ``day`` made by the template's own generator, then SQL clones of one
    of them per template spread over the previous weeks and the template's
    authors: 85 % submitted on time, 10 % late, 5 % missing."""
    Template = env["bizreg.work.report.template"]
    templates = Template.create(
        [
            {
                "name": f"Bench weekly {i}",
                "department_id": department.id,
                "frequency": "weekly",
                "deadline_weekday": "4",
            }
            for i, department in enumerate(departments)
        ]
    )
    made = templates._bizreg_generate_reports(day)
    env.flush_all()
    per_template = max(1, WORK_REPORTS // len(templates))
    for template in templates:
        mine = made.filtered(lambda r, t=template: r.template_id == t)
        authors = mine.user_id.ids
        if not authors:
            continue
        k = len(authors)
        week = SQL("((g - 1) / %s + 1) * 7", k)
        due = SQL("src.date_due - make_interval(days => %s)", week)
        late = SQL("mod(g, 20) IN (1, 2)")
        missing = SQL("mod(g, 20) = 3")
        clone(
            env.cr,
            "bizreg_work_report",
            mine[0].id,
            per_template,
            {
                "user_id": SQL("(%s::int[])[1 + mod(g - 1, %s)]", authors, k),
                "date_from": SQL("src.date_from - %s", week),
                "date_to": SQL("src.date_to - %s", week),
                "date_due": due,
                "date_escalation": SQL(
                    "src.date_escalation - make_interval(days => %s)", week
                ),
                "state": SQL("CASE WHEN %s THEN 'draft' ELSE 'submitted' END", missing),
                "date_submitted": SQL(
                    "CASE WHEN %s THEN NULL WHEN %s THEN (%s) + interval '1 day' "
                    "ELSE (%s) - interval '2 hours' END",
                    missing,
                    late,
                    due,
                    due,
                ),
                "is_late": SQL("%s OR %s", late, missing),
                "reminded_date": SQL(
                    "CASE WHEN %s OR %s THEN %s END", late, missing, due
                ),
                "escalated_date": SQL("CASE WHEN %s THEN %s END", missing, due),
            },
        )
    env.cr.execute("ANALYZE bizreg_work_report")
    env.invalidate_all()
    env.cr.execute("SELECT count(*) FROM bizreg_work_report")
    return templates, env.cr.fetchone()[0]


def _statistics(env, users, date_from, date_to):
    """Median (queries, ms) of the submission statistics of ``users`` for a
    month (``_bizreg_kpi_reports``, what the appraisal reads), and of the
    statistics view grouped by department and month (the pivot)."""
    Report = env["bizreg.work.report"].sudo()
    Stat = env["bizreg.work.report.stat"].sudo()

    def kpi():
        return Report._bizreg_kpi_reports(users.ids, date_from, date_to)

    def pivot():
        return Stat._read_group(
            [("date_from", ">=", date_from), ("date_from", "<=", date_to)],
            ["department_id", "date_from:month"],
            ["submission_rate:avg", "on_time_rate:avg", "__count"],
        )

    out = {}
    for key, func in (("kpi", kpi), ("pivot", pivot)):
        func()
        runs = []
        for _round in range(REPEAT):
            seconds, queries, _result = measure(env, func)
            runs.append((queries, seconds))
        runs.sort()
        queries, seconds = runs[len(runs) // 2]
        out[key] = {"queries": queries, "ms": round(seconds * 1000, 1)}
    return out


def _report_cron(env):
    """Median queries of the work reports' hourly cron (generate the
    current period's reports, remind and escalate the missing ones) once
    the current week's reports exist: nothing to create, nothing due."""
    Template = env["bizreg.work.report.template"].sudo()
    Template._cron_work_reports()
    return statistics.median(
        measure(env, Template._cron_work_reports)[1] for _round in range(REPEAT)
    )


def _cron(env):
    Action = env["bizreg.meeting.action"].sudo()
    return measure(env, Action._cron_deadlines)


def _nothing_due(env):
    _cron(env)
    return statistics.median(_cron(env)[1] for _round in range(REPEAT))


def _level(env, key, ids):
    """Median (queries, ms, fired) of the cron with ``ids`` due at level
    ``key`` (its deadline moved into the past, the stamps cleared)."""
    Action = env["bizreg.meeting.action"]
    levels = Action._bizreg_escalation_levels()
    deadline = next(level[1] for level in levels if level[0] == key)
    stamps = [
        SQL("%s = NULL", SQL.identifier(level[2]))
        for level in levels
        if level[0] == key
    ]
    others = [
        SQL("%s = now()", SQL.identifier(level[2]))
        for level in levels
        if level[0] != key
    ]
    runs = []
    for _round in range(REPEAT):
        with savepoint(env, "bench_mt_due"):
            env.cr.execute(
                SQL(
                    "UPDATE bizreg_meeting_action SET state = 'open', %s = "
                    "now() - interval '1 hour', %s WHERE id = ANY(%s)",
                    SQL.identifier(deadline),
                    SQL(", ").join(stamps + others),
                    list(ids),
                )
            )
            env.invalidate_all()
            seconds, queries, fired = _cron(env)
            runs.append((queries, round(seconds * 1000, 1), fired.get(key)))
    runs.sort()
    return runs[len(runs) // 2]


def _due_ids(env, count):
    """``count`` items owned by as many different employees (when there are
    enough)."""
    env.cr.execute(
        "SELECT DISTINCT ON (user_id) id FROM bizreg_meeting_action "
        "WHERE name LIKE 'Bench item %%' ORDER BY user_id, id LIMIT %s",
        [count],
    )
    ids = [row[0] for row in env.cr.fetchall()]
    if len(ids) < count:
        env.cr.execute(
            "SELECT id FROM bizreg_meeting_action WHERE name LIKE 'Bench item %%' "
            "AND NOT id = ANY(%s) ORDER BY id LIMIT %s",
            [ids, count - len(ids)],
        )
        ids += [row[0] for row in env.cr.fetchall()]
    return ids


# ---------------------------------------------------------------- A


def run_a(env):
    env = env(context=dict(env.context, tracking_disable=True))
    users, departments = _people(env, EMPLOYEES, "a")
    _history(env, users, departments)
    today = company_today(env.company)
    _templates, work_reports = _work_reports(env, departments, today)
    month_to = today.replace(day=1) - datetime.timedelta(days=1)
    month = (month_to.replace(day=1), month_to)
    out = {
        "series": SERIES,
        "employees": EMPLOYEES,
        "meetings": MEETINGS,
        "actions": ACTIONS,
        "work_reports": work_reports,
        "month": [str(day) for day in month],
    }
    out["nothing_due_queries"] = _nothing_due(env)
    out["report_statistics"] = _statistics(env, users, *month)
    out["report_cron_queries"] = _report_cron(env)
    # twice as many employees, with items of their own
    more, _depts = _people(env, EMPLOYEES, "b", departments)
    env.cr.execute(
        "UPDATE bizreg_meeting_action SET user_id = (%s::int[])[1 + mod(id, %s)] "
        "WHERE id IN (SELECT id FROM bizreg_meeting_action "
        "WHERE name LIKE 'Bench item %%' AND mod(id, 2) = 0)",
        [more.ids, len(more)],
    )
    env.invalidate_all()
    out["employees_after"] = 2 * EMPLOYEES
    out["nothing_due_queries_after"] = _nothing_due(env)
    out["report_statistics_after"] = _statistics(env, users | more, *month)
    out["report_cron_queries_after"] = _report_cron(env)
    levels = {}
    for key, *_rest in env["bizreg.meeting.action"]._bizreg_escalation_levels():
        nothing = out["nothing_due_queries_after"]
        for count in sorted({10, DUE}):
            queries, ms, fired = _level(env, key, _due_ids(env, count))
            levels.setdefault(key, {})[f"due_{count}"] = {
                "queries": queries,
                "ms": ms,
                "fired": fired,
                "queries_per_item": round(queries / count, 2),
                "marginal_per_item": round((queries - nothing) / count, 2),
            }
    out["levels"] = levels
    return out


# ---------------------------------------------------------------- B


def run_b(env):
    """The same work without bizreg: a chatter note, a to-do activity and a
    write per overdue task (what an escalation does), plain ``project``."""
    env = env(context=dict(env.context, tracking_disable=True))
    project = env["project.project"].create({"name": "Bench action items"})
    tasks = env["project.task"].create(
        [
            {
                "name": f"Bench item {index}",
                "project_id": project.id,
                "date_deadline": "2026-01-12",
            }
            for index in range(DUE + 5)
        ]
    )
    env.flush_all()
    manager = env.ref("base.user_admin")

    def escalate(records):
        for task in records:
            task.message_post(body="Escalation: overdue.", subtype_xmlid="mail.mt_note")
            task.activity_schedule(
                "mail.mail_activity_data_todo",
                summary="Overdue",
                note="Escalation: overdue.",
                user_id=manager.id,
            )
        records.write({"priority": "1"})  # the stamp

    runs = []
    for _round in range(REPEAT):
        with savepoint(env, "bench_b_mt"):
            measure(env, lambda: escalate(tasks[:5]))
            seconds, queries, _r = measure(env, lambda: escalate(tasks[5:]))
            runs.append((queries, seconds))
    runs.sort()
    queries, seconds = runs[len(runs) // 2]
    return {
        "note_and_activity": {
            "records": DUE,
            "queries": queries,
            "ms": round(seconds * 1000, 1),
            "queries_per_record": round(queries / DUE, 2),
        }
    }
