# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""R&D: release readiness, the R&D KPIs and the defect list (issue 14).

A: ``USERS`` R&D users with an employee each in one R&D department, one
project, ``RELEASES`` releases (four in five released over the past days,
one a day, the rest open: draft, under review, approved), ``REQUIREMENTS``
requirements planned into them (owners cycling the users; those of the
released releases mostly delivered in them), one test case per
requirement, ``RESULTS`` test results (four per case, in the case's planned
release: mostly passed, some failed or blocked, some waived with an
approved or a requested waiver), ``DEFECTS`` defects (severity and state
mixes, most closed, open blockers and criticals in open releases, part of
those of released releases found after the release) and ``TICKETS``
helpdesk tickets about the released releases, rated for the most part.
One row of each kind is made through the ORM, the rest are SQL clones of it
(``INSERT ... SELECT generate_series``, as bench_project.py does), the
stored computed columns set consistently by SQL.  Medians of ``ROUNDS``
rounds after a warm-up:

- the readiness (``is_ready``, ``readiness_issues``) of all open releases
  and of two: the same queries;
- the R&D KPI figures (``bizreg.rnd.release._bizreg_kpi_rnd``) of a month
  in which releases were released for 10 and for ``USERS`` users, and the
  three R&D measures through ``_bizreg_compute_measures`` for 10 and
  ``USERS`` employees: the same queries;
- the defect list (``web_search_read`` of ``bizreg.rnd.defect`` with the
  fields of its list view, default order, 80 rows, the web client's count
  limit, no filter) as the administrator.

B: ``TASKS`` tasks in one project (SQL clones of one ORM task) and Odoo's
task list (the fields of ``project.view_task_tree2``, 80 rows) as the
administrator: the baseline of the defect list.  A: the same task list over
the same tasks (what bizreg costs the plain list).
"""

import datetime
import os

from bench_project import list_view
from benchlib import clone, measure, query_log

from odoo import Command, fields
from odoo.tools import SQL

from odoo.addons.bizreg_base.tools import company_today

USERS = int(os.environ.get("BIZREG_BENCH_RND_USERS", "100"))
RELEASES = int(os.environ.get("BIZREG_BENCH_RND_RELEASES", "500"))
REQUIREMENTS = int(os.environ.get("BIZREG_BENCH_RND_REQUIREMENTS", "50000"))
RESULTS = int(os.environ.get("BIZREG_BENCH_RND_RESULTS", "200000"))
DEFECTS = int(os.environ.get("BIZREG_BENCH_RND_DEFECTS", "100000"))
TICKETS = int(os.environ.get("BIZREG_BENCH_RND_TICKETS", "5000"))
TASKS = int(os.environ.get("BIZREG_BENCH_RND_TASKS", str(DEFECTS)))
ROUNDS = 5
FEW = 10  # users of the small KPI run
MEASURES = (
    "rnd_delivered_in_plan",
    "rnd_defects_after_release",
    "rnd_release_satisfaction",
)


def _ids(values):
    return SQL("%s::int[]", list(values))


def _pick(ids, index):
    """SQL: ``ids[index]`` (``index`` an SQL expression, 1-based)."""
    return SQL("(%s)[%s]", _ids(ids), index)


def _hash(expr, salt, modulo):
    """SQL: a pseudo-random number in 0 .. ``modulo`` - 1 of ``expr`` (the
    mixes do not follow the release cycle of the rows)."""
    return SQL(
        "mod(abs(hashint4((%s)::int + %s)::bigint), %s)", expr, salt * 7919, modulo
    )


# ---------------------------------------------------------------- people


def _people(env):
    """``USERS`` R&D users with an employee each in one R&D department
    (area ``bizreg_base.bizreg_area_rnd``), its manager the first one."""
    Users = env["res.users"].with_context(
        no_reset_password=True, mail_create_nolog=True
    )
    groups = env.ref("base.group_user") | env.ref("bizreg_rnd.group_bizreg_rnd_user")
    department = env["hr.department"].create(
        {
            "name": "Bench R&D",
            "bizreg_area_id": env.ref("bizreg_base.bizreg_area_rnd").id,
        }
    )
    users = Users.create(
        [
            {
                "name": f"Bench R&D {i}",
                "login": f"bench_rnd_{i}",
                "groups_id": [Command.set(groups.ids)],
            }
            for i in range(USERS)
        ]
    )
    employees = env["hr.employee"].create(
        [
            {"name": user.name, "user_id": user.id, "department_id": department.id}
            for user in users
        ]
    )
    department.manager_id = employees[0]
    return users, employees, department


# ---------------------------------------------------------------- R&D data


def _released_index(n_released):
    """SQL: whether release number ``ri`` (1-based) is released."""
    return lambda ri: SQL("(%s) <= %s", ri, n_released)


def _clean_index(n_released):
    """SQL: whether release number ``ri`` is an open release made ready
    (one open release in four: checklist done, every latest result passed,
    no open blocker or critical defect)."""
    return lambda ri: SQL("((%s) > %s AND mod(%s, 4) = 0)", ri, n_released, ri)


def generate_rnd(env, users, department):
    """Releases, requirements, test cases, test results, defects and
    tickets (see the module's docstring).  Returns the release ids and
    the number of released ones."""
    cr = env.cr
    now = fields.Datetime.now().replace(microsecond=0)
    user_ids = users.ids
    n_users = len(user_ids)
    project = env["project.project"].create({"name": "Bench R&D project"})
    first = users[0]
    # ---- releases (the first RELEASED released, one a day up to yesterday)
    release = env["bizreg.rnd.release"].create(
        {
            "name": "Bench 0.0",
            "project_id": project.id,
            "user_id": first.id,
            "date_planned": now.date(),
        }
    )
    requirement = env["bizreg.rnd.requirement"].create(
        {
            "name": "Bench requirement",
            "user_id": first.id,
            "planned_release_id": release.id,
        }
    )
    case = env["bizreg.rnd.test.case"].create(
        {"name": "Bench case", "requirement_id": requirement.id, "user_id": first.id}
    )
    result = env["bizreg.rnd.test.result"].create(
        {
            "case_id": case.id,
            "release_id": release.id,
            "result": "passed",
            "user_id": first.id,
        }
    )
    defect = env["bizreg.rnd.defect"].create(
        {
            "name": "Bench defect",
            "severity": "major",
            "found_in_release_id": release.id,
            "requirement_id": requirement.id,
            "user_id": first.id,
        }
    )
    env.flush_all()
    n = RELEASES
    released = n * 4 // 5
    is_released = _released_index(released)
    is_clean = _clean_index(released)
    base = SQL("%s::timestamp", now)

    def date_released(ri):
        # release ri (<= released) was released (released - ri + 1) days ago
        return SQL(
            "%s - make_interval(days => %s - (%s) + 1, hours => 3)", base, released, ri
        )

    ri = SQL("g")
    release_ids = clone(
        cr,
        "bizreg_rnd_release",
        release.id,
        n,
        {
            "name": SQL("'Bench ' || (g / 100) || '.' || mod(g, 100)"),
            "bizreg_number": SQL("'RL-BENCH-' || g"),
            "user_id": _pick(user_ids, SQL("1 + mod(7 * (g - 1), %s)", n_users)),
            "state": SQL(
                "CASE WHEN %s THEN 'released' "
                "ELSE (ARRAY['draft', 'review', 'approved'])[1 + mod(g, 3)] END",
                is_released(ri),
            ),
            "date_released": SQL(
                "CASE WHEN %s THEN %s END", is_released(ri), date_released(ri)
            ),
            "date_planned": SQL(
                "CASE WHEN %s THEN (%s)::date - mod(g, 3) ELSE %s::date + (g - %s) END",
                is_released(ri),
                date_released(ri),
                base,
                released,
            ),
        },
    )
    # the checklist of each release: the template release's lines, done in
    # the released releases, the ready ones and two open releases in three
    done = SQL("(%s OR %s OR mod(g, 3) > 0)", is_released(ri), is_clean(ri))
    for line in release.checklist_ids:
        clone(
            cr,
            "bizreg_rnd_release_checklist",
            line.id,
            n,
            {
                "release_id": _pick(release_ids, SQL("g")),
                "done": done,
                "done_date": SQL("CASE WHEN %s THEN %s END", done, base),
                "done_user_id": SQL("CASE WHEN %s THEN %s END", done, first.id),
            },
        )
    # ---- requirements: requirement g is planned into release 1 + (g-1) % n,
    # owned by user 1 + (g - 1 + (g-1)/n) % users (every user has
    # requirements in every release when n is a multiple of the users)
    req_ri = SQL("1 + mod(g - 1, %s)", n)
    req_release = _pick(release_ids, req_ri)
    req_owner = _pick(user_ids, SQL("1 + mod(g - 1 + (g - 1) / %s, %s)", n, n_users))
    req_mix = _hash(SQL("g"), 1, 20)
    req_state = SQL(
        "CASE WHEN %s THEN (CASE WHEN %s IN (0, 1) THEN 'approved' "
        "WHEN %s = 2 THEN 'cancel' ELSE 'delivered' END) "
        "ELSE (ARRAY['draft', 'review', 'approved', 'approved'])[1 + mod(%s, 4)] END",
        is_released(req_ri),
        req_mix,
        req_mix,
        req_mix,
    )
    requirement_ids = clone(
        cr,
        "bizreg_rnd_requirement",
        requirement.id,
        REQUIREMENTS,
        {
            "name": SQL("'Bench requirement ' || g"),
            "bizreg_number": SQL("'RQ-BENCH-' || g"),
            "user_id": req_owner,
            "department_id": SQL("%s", department.id),
            "planned_release_id": req_release,
            "state": req_state,
            "delivered_release_id": SQL(
                "CASE WHEN (%s) = 'delivered' THEN %s END", req_state, req_release
            ),
        },
    )
    # ---- one test case per requirement, in its planned release
    case_ids = clone(
        cr,
        "bizreg_rnd_test_case",
        case.id,
        REQUIREMENTS,
        {
            "name": SQL("'Bench case ' || g"),
            "requirement_id": _pick(requirement_ids, SQL("g")),
            "planned_release_id": req_release,
            "user_id": req_owner,
            "department_id": SQL("%s", department.id),
        },
    )
    # ---- test results: result g is of case c = 1 + (g-1)/4 (the 4th is
    # the latest), in the case's planned release
    n_cases = len(case_ids)
    c = SQL("(1 + mod((g - 1) / 4, %s))", n_cases)
    latest = SQL("mod(g - 1, 4) = 3")
    case_ri = SQL("1 + mod(%s - 1, %s)", c, n)
    mix = _hash(c, 2, 100)
    outcome = SQL(
        "CASE WHEN NOT %s THEN (CASE WHEN %s < 20 THEN 'failed' "
        "ELSE 'passed' END) "
        "WHEN %s THEN 'passed' "
        "WHEN %s < 3 THEN 'failed' "
        "WHEN %s < 7 THEN 'waived' "
        "WHEN %s = 7 THEN 'blocked' ELSE 'passed' END",
        latest,
        _hash(SQL("g"), 3, 100),
        is_clean(case_ri),
        mix,
        mix,
        mix,
    )
    clone(
        cr,
        "bizreg_rnd_test_result",
        result.id,
        RESULTS,
        {
            "case_id": _pick(case_ids, c),
            "requirement_id": _pick(requirement_ids, c),
            "release_id": _pick(release_ids, case_ri),
            "result": outcome,
            "waiver_reason": SQL(
                "CASE WHEN (%s) = 'waived' THEN 'Bench waiver' END", outcome
            ),
            "waiver_state": SQL(
                "CASE WHEN (%s) = 'waived' THEN (CASE WHEN %s < 6 "
                "THEN 'approved' ELSE 'requested' END) END",
                outcome,
                mix,
            ),
            "executed_on": SQL("%s - make_interval(hours => mod(g, 1000))", base),
            "tester_id": _pick(user_ids, SQL("1 + mod(g, %s)", n_users)),
            "user_id": _pick(user_ids, SQL("1 + mod(g, %s)", n_users)),
            "department_id": SQL("%s", department.id),
        },
    )
    # the coverage of each requirement from the latest result of its case
    # in its planned release (what _compute_coverage_state stores)
    cr.execute(
        SQL(
            """
            UPDATE bizreg_rnd_requirement r
               SET coverage_state = CASE
                       WHEN x.case_id IS NULL THEN 'not_covered'
                       WHEN x.result = 'passed' THEN 'covered'
                       WHEN x.result = 'waived' AND x.waiver_state = 'approved'
                       THEN 'waived'
                       ELSE 'not_covered' END
              FROM bizreg_rnd_test_case tc
              LEFT JOIN LATERAL (
                    SELECT res.case_id, res.result, res.waiver_state
                      FROM bizreg_rnd_test_result res
                     WHERE res.case_id = tc.id
                       AND res.release_id = tc.planned_release_id
                     ORDER BY res.id DESC LIMIT 1) x ON TRUE
             WHERE tc.requirement_id = r.id AND r.id = ANY(%s)
            """,
            requirement_ids,
        )
    )
    # ---- defects: defect g is found in release fr = 1 + (g-1) % n, about
    # requirement 1 + (g-1) % REQUIREMENTS (planned into that release when
    # REQUIREMENTS is a multiple of n; none for one in ten)
    fr = SQL("(1 + mod(g - 1, %s))", n)
    found_released = is_released(fr)
    after = SQL("(%s AND %s = 0)", found_released, _hash(SQL("g"), 4, 3))
    reported = SQL(
        "CASE WHEN %s THEN LEAST(%s + make_interval(days => %s::int), "
        "%s - interval '1 hour') "
        "WHEN %s THEN %s - make_interval(days => 1 + %s::int) "
        "ELSE %s - make_interval(days => %s::int, hours => mod(g, 24)) END",
        after,
        date_released(fr),
        _hash(SQL("g"), 10, 60),
        base,
        found_released,
        date_released(fr),
        _hash(SQL("g"), 11, 20),
        base,
        _hash(SQL("g"), 12, 30),
    )
    sev = _hash(SQL("g"), 5, 20)
    severity = SQL(
        "CASE WHEN %s = 0 THEN 'blocker' WHEN %s IN (1, 2) "
        "THEN 'critical' WHEN %s < 10 THEN 'major' ELSE 'minor' END",
        sev,
        sev,
        sev,
    )
    st = SQL("1 + %s", _hash(SQL("g"), 6, 10))
    state = SQL(
        "CASE WHEN %s THEN (ARRAY['closed', 'closed', 'closed', 'closed', 'closed', "
        "'closed', 'closed', 'closed', 'verified', 'fixed'])[%s] "
        "WHEN %s AND %s < 3 THEN 'closed' "
        "ELSE (ARRAY['new', 'confirmed', 'fixing', 'fixed', 'closed', 'closed', "
        "'closed', 'closed', 'closed', 'verified'])[%s] END",
        found_released,
        st,
        is_clean(fr),
        sev,
        st,
    )
    fixed = SQL("(%s) IN ('fixed', 'verified', 'closed')", state)
    policies = env["bizreg.rnd.defect.policy"]._policy_map(env.company)
    hours = {}
    for key in ("blocker", "critical", "major", "minor"):
        policy = policies.get((env.company.id, key))
        hours[key] = (
            policy.id if policy else None,
            policy.fix_hours if policy else 0,
            policy.level2_delay_hours if policy else 0,
            policy.level3_delay_hours if policy else 0,
        )

    def by_severity(index, template):
        # working hours on a 8-hour day: about three calendar hours each
        if not any(values[0] for values in hours.values()):
            return SQL("NULL")
        return SQL(
            "CASE %s %s END",
            severity,
            SQL(" ").join(
                SQL("WHEN %s THEN %s", key, template(values[index], values[1]))
                for key, values in hours.items()
                if values[0]
            ),
        )

    def deadline(delay, fix):
        return SQL("(%s) + %s * interval '1 hour'", reported, 3.0 * (fix + delay))

    clone(
        cr,
        "bizreg_rnd_defect",
        defect.id,
        DEFECTS,
        {
            "name": SQL("'Bench defect ' || g"),
            "severity": severity,
            "state": state,
            "found_in_release_id": _pick(release_ids, fr),
            # fixed in the next released release (the same one while open)
            "fixed_in_release_id": SQL(
                "CASE WHEN %s THEN %s END",
                fixed,
                _pick(
                    release_ids,
                    SQL(
                        "CASE WHEN %s THEN LEAST(%s + 1, %s) ELSE %s END",
                        found_released,
                        fr,
                        released,
                        fr,
                    ),
                ),
            ),
            "requirement_id": SQL(
                "CASE WHEN %s > 0 THEN %s END",
                _hash(SQL("g"), 7, 10),
                _pick(requirement_ids, SQL("1 + mod(g - 1, %s)", REQUIREMENTS)),
            ),
            "user_id": _pick(user_ids, SQL("1 + mod(g - 1, %s)", n_users)),
            "reporter_id": _pick(user_ids, SQL("1 + mod(g, %s)", n_users)),
            "department_id": SQL("%s", department.id),
            "date_reported": reported,
            "found_after_release": after,
            "policy_id": by_severity(0, lambda pid, _fix: SQL("%s", pid)),
            "date_deadline": by_severity(1, lambda _h, fix: deadline(0, fix)),
            "escalation_l2_deadline": by_severity(
                2, lambda delay, fix: deadline(delay, fix)
            ),
            "escalation_l3_deadline": by_severity(
                3, lambda delay, fix: deadline(delay, fix)
            ),
            "fixer_id": SQL("CASE WHEN %s THEN %s END", fixed, first.id),
            "date_fixed": SQL(
                "CASE WHEN %s THEN (%s) + interval '1 day' END", fixed, reported
            ),
            "date_closed": SQL(
                "CASE WHEN (%s) = 'closed' THEN (%s) + interval '2 days' END",
                state,
                reported,
            ),
            "create_date": reported,
        },
    )
    # ---- tickets about released releases, three in four rated
    tickets = 0
    cr.execute("SELECT id FROM helpdesk_ticket ORDER BY id LIMIT 1")
    row = cr.fetchone()
    if row and TICKETS and released:
        tr = SQL("(1 + mod(g - 1, %s))", released)
        rated = SQL("%s > 0", _hash(SQL("g"), 8, 4))
        score = SQL("1 + %s", _hash(SQL("g"), 9, 5))
        clone(
            cr,
            "helpdesk_ticket",
            row[0],
            TICKETS,
            {
                "number": SQL("'BRND' || g"),
                "name": SQL("'Bench R&D ticket ' || g"),
                "bizreg_number": SQL("NULL"),
                "bizreg_rnd_release_id": _pick(release_ids, tr),
                "bizreg_received_date": SQL(
                    "LEAST(%s + make_interval(days => mod(g, 45)), %s)",
                    date_released(tr),
                    base,
                ),
                "bizreg_satisfaction": SQL(
                    "CASE WHEN %s THEN (%s)::varchar END", rated, score
                ),
                "bizreg_satisfaction_score": SQL(
                    "CASE WHEN %s THEN %s ELSE 0 END", rated, score
                ),
            },
        )
        tickets = TICKETS
    # the templates are not part of the figures
    cr.execute(
        "DELETE FROM bizreg_rnd_defect WHERE id = %s; "
        "DELETE FROM bizreg_rnd_test_result WHERE id = %s; "
        "DELETE FROM bizreg_rnd_test_case WHERE id = %s; "
        "DELETE FROM bizreg_rnd_requirement WHERE id = %s; "
        "DELETE FROM bizreg_rnd_release_checklist WHERE release_id = %s; "
        "UPDATE bizreg_rnd_release SET state = 'cancel' WHERE id = %s",
        [defect.id, result.id, case.id, requirement.id, release.id, release.id],
    )
    for table in (
        "bizreg_rnd_release",
        "bizreg_rnd_release_checklist",
        "bizreg_rnd_requirement",
        "bizreg_rnd_test_case",
        "bizreg_rnd_test_result",
        "bizreg_rnd_defect",
        "helpdesk_ticket",
    ):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.invalidate_all()
    return release_ids, released, tickets


# ---------------------------------------------------------------- tasks


def generate_tasks(env):
    """``TASKS`` tasks in one project (SQL clones of one ORM task), the same
    SQL on A and B."""
    project = env["project.project"].create({"name": "Bench task project"})
    task = env["project.task"].create({"name": "Bench task", "project_id": project.id})
    env.flush_all()
    clone(
        env.cr,
        "project_task",
        task.id,
        TASKS - 1,
        {
            "name": SQL("'Bench task ' || g"),
            "sequence": SQL("mod(g, 100)"),
            "priority": SQL("CASE WHEN mod(g, 10) = 0 THEN '1' ELSE '0' END"),
            "state": SQL(
                "CASE WHEN mod(g, 10) = 0 THEN '1_canceled' "
                "WHEN mod(g, 3) = 0 THEN '1_done' ELSE '01_in_progress' END"
            ),
            "date_deadline": SQL(
                "CASE WHEN mod(g, 4) = 0 THEN "
                "timestamp '2026-01-01' + make_interval(days => mod(g, 400)) END"
            ),
        },
    )
    env.cr.execute("ANALYZE project_task")
    env.invalidate_all()
    return project


# ---------------------------------------------------------------- lists


# ---------------------------------------------------------------- A


def _median_run(env, func):
    """(median ms, queries of the median run, result) after a warm-up."""
    func()
    runs = sorted(measure(env, func) for _round in range(ROUNDS))
    seconds, queries, result = runs[len(runs) // 2]
    return round(seconds * 1000, 1), queries, result


def _readiness(env, ids):
    releases = env["bizreg.rnd.release"].browse(ids)
    return {rec.id: (rec.is_ready, rec.readiness_issues) for rec in releases}


def _last_month(env):
    today = company_today(env.company)
    date_to = today.replace(day=1) - datetime.timedelta(days=1)
    return date_to.replace(day=1), date_to


def run_a(env):
    env = env(context=dict(env.context, tracking_disable=True))
    users, employees, department = _people(env)
    release_ids, released, tickets = generate_rnd(env, users, department)
    generate_tasks(env)
    open_ids = release_ids[released:]
    out = {
        "users": len(users),
        "releases": len(release_ids),
        "released": released,
        "open_releases": len(open_ids),
        "requirements": REQUIREMENTS,
        "test_cases": REQUIREMENTS,
        "test_results": RESULTS,
        "defects": DEFECTS,
        "tickets": tickets,
        "tasks": TASKS,
    }
    # readiness of all open releases vs two
    ms, queries, ready = _median_run(env, lambda: _readiness(env, open_ids))
    out["readiness_all_ms"], out["readiness_all_queries"] = ms, queries
    out["readiness_ready"] = sum(1 for is_ready, _issues in ready.values() if is_ready)
    ms, queries, _r = _median_run(env, lambda: _readiness(env, open_ids[:2]))
    out["readiness_two_ms"], out["readiness_two_queries"] = ms, queries
    # the KPI figures of last month, 10 vs all users
    date_from, date_to = _last_month(env)
    out["month"] = [str(date_from), str(date_to)]
    Release = env["bizreg.rnd.release"]
    for key, subset in (("few", users[:FEW]), ("all", users)):
        ms, queries, figures = _median_run(
            env,
            lambda subset=subset: Release._bizreg_kpi_rnd(
                subset.ids, date_from, date_to
            ),
        )
        out[f"kpi_{key}_users"] = len(subset)
        out[f"kpi_{key}_ms"], out[f"kpi_{key}_queries"] = ms, queries
        out[f"kpi_{key}_query_log"] = query_log(
            env,
            lambda subset=subset: Release._bizreg_kpi_rnd(
                subset.ids, date_from, date_to
            ),
        )
        out[f"kpi_{key}_totals"] = {
            name: round(sum(v[name] for v in figures.values()), 2)
            for name in (
                "requirements_due",
                "delivered_in_plan",
                "requirements_delivered",
                "defects_after_release",
                "ratings",
            )
        }
    Measure = env["bizreg.appraisal.measure"]
    for key, subset in (("few", employees[:FEW]), ("all", employees)):
        ms, queries, result = _median_run(
            env,
            lambda subset=subset: Measure._bizreg_compute_measures(
                MEASURES, subset, date_from, date_to
            ),
        )
        out[f"measures_{key}_employees"] = len(subset)
        out[f"measures_{key}_ms"], out[f"measures_{key}_queries"] = ms, queries
        out[f"measures_{key}_rows"] = {code: len(result[code]) for code in result}
    out.update(
        list_view(
            env,
            "bizreg.rnd.defect",
            "bizreg_rnd.bizreg_rnd_defect_view_list",
            [],
            "defect_list",
        )
    )
    out.update(
        list_view(env, "project.task", "project.view_task_tree2", [], "task_list")
    )
    return out


# ---------------------------------------------------------------- B


def run_b(env):
    env = env(context=dict(env.context, tracking_disable=True))
    generate_tasks(env)
    out = {"tasks": TASKS}
    out.update(
        list_view(env, "project.task", "project.view_task_tree2", [], "task_list")
    )
    return out
