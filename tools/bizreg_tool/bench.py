"""``./bizreg bench``: the performance goals, measured against plain Odoo.

Two throwaway databases on the same PostgreSQL, built in the same run with
demo data and the languages of ``./bizreg run`` (zh_CN, en_US):

- **A**: every bizreg module and the Odoo/OCA apps it extends;
- **B**: the same Odoo/OCA apps and dependencies, without bizreg.

The two installs run one after the other (timed: wall clock and the Odoo
process's CPU time); then ``tests/bench/runner.py`` runs the benchmarks of
``tests/bench/`` inside Odoo, on B then on A.  The goals are printed with the
measured value, the baseline (B, or hand-written SQL, or the goal's limit)
and the ratio, and written to ``.cache/bench-summary.json``.  Nothing is
asserted: the command exits 0 unless it could not run.  Logs:
``.cache/logs/bench-*.log``.
"""

import json
import os
import secrets
import subprocess
import time

from . import odoo_env
from .common import CACHE, LOGS, REPO, fmt_seconds, loud, say, stop_process
from .compat import baseline_modules

RUNNER = REPO / "tests" / "bench" / "runner.py"
BENCHES = (
    "confirm",
    "escalation",
    "appraisal",
    "marketing",
    "project",
    "meeting",
    "rnd",
    "document",
    "data",
)
SUMMARY = CACHE / "bench-summary.json"
LANGS = "zh_CN,en_US"
LIST_ROWS = 80  # rows of the leads list of bench_marketing


class Bench:
    def __init__(self, args, odoo, server, base_args):
        self.args = args
        self.odoo = odoo
        self.server = server
        self.base_args = base_args
        self.child = None
        self.token = args.reuse or secrets.token_hex(4)
        self.dbs = []

    def spawn(self, label, phase, cmd, env):
        """Run ``cmd`` to its end, output to a log; (wall s, CPU s, status)."""
        LOGS.mkdir(parents=True, exist_ok=True)
        logfile = LOGS / f"bench-{label}-{phase}-{self.token}.log"
        say(f"[bench {label}] {phase}: log {logfile.relative_to(REPO)}")
        started = time.monotonic()
        with open(logfile, "w", encoding="utf-8") as out:
            self.child = subprocess.Popen(
                cmd,
                cwd=str(REPO),
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            _pid, status, usage = os.wait4(self.child.pid, 0)
            self.child.returncode = os.waitstatus_to_exitcode(status)
            rc = self.child.returncode
            self.child = None
        wall = time.monotonic() - started
        cpu = usage.ru_utime + usage.ru_stime
        say(
            f"[bench {label}] {phase} done in {fmt_seconds(wall)} "
            f"(CPU {fmt_seconds(cpu)}, exit {rc})"
        )
        return wall, cpu, rc

    def install(self, label, db, modules):
        self.dbs.append(db)
        cmd = self.odoo.command(
            *self.base_args(self.odoo, self.server, db),
            "-i",
            ",".join(modules),
            f"--load-language={LANGS}",
            "--without-demo=",
            "--stop-after-init",
            "--no-http",
            "--max-cron-threads=0",
            "--workers=0",
            "--log-level=info",
        )
        return self.spawn(label, "install", cmd, self.odoo.environ())

    def measure(self, label, db):
        out = LOGS / f"bench-{label}-{self.token}.json"
        out.unlink(missing_ok=True)
        env = self.odoo.environ(
            BIZREG_BENCH_SIDE=label,
            BIZREG_BENCH_OUT=str(out),
            BIZREG_BENCH_ONLY=",".join(self.args.only or []),
        )
        cmd = [
            self.odoo.python,
            str(RUNNER),
            *self.base_args(self.odoo, self.server, db),
            "--no-http",
            "--max-cron-threads=0",
            "--log-level=warn",
        ]
        _wall, _cpu, rc = self.spawn(label, "bench", cmd, env)
        if rc:
            loud(f"the benchmarks of {label} exited with status {rc}: see the log")
        if not out.exists():
            return {}
        return json.loads(out.read_text(encoding="utf-8"))

    def run(self, modules):
        deps = baseline_modules(modules, coexist=())
        with_bizreg = deps + odoo_env.install_targets(modules)
        a_db = f"bizreg_bench_a_{self.token}"
        b_db = f"bizreg_bench_b_{self.token}"
        say(
            "",
            "==== bizreg bench: bizreg (A) against the same Odoo and OCA modules "
            "without it (B), demo data, " + LANGS,
            f"A: {a_db} ({', '.join(with_bizreg)})",
            f"B: {b_db} ({', '.join(deps)})",
        )
        raw = {"install": {}}
        for label, db, install in (("B", b_db, deps), ("A", a_db, with_bizreg)):
            if self.args.reuse and self.server.database_exists(self.odoo, db):
                self.dbs.append(db)
                say(f"[bench {label}] reusing {db} (install not timed)")
                continue
            wall, cpu, rc = self.install(label, db, install)
            raw["install"][label] = {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1)}
            if rc:
                loud(f"install of {db} exited with status {rc}: no benchmark")
                return raw
        raw["B"] = self.measure("B", b_db)
        raw["A"] = self.measure("A", a_db)
        return raw

    def cleanup(self, drop):
        stop_process(self.child)
        for db in self.dbs:
            if self.args.keep_db:
                say(f"Kept database {db} (--keep-db).")
            else:
                drop(self.odoo, self.server, db)


# ---------------------------------------------------------------- goals


def _get(data, *path):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _ratio(value, base):
    if value is None or not base:
        return None
    return round(value / base, 2)


def _meeting_goals(raw, row):
    """The goals of bench_meeting.py (issue 17)."""
    mtg, b_mtg = _get(raw, "A", "meeting") or {}, _get(raw, "B", "meeting") or {}
    if "error" in mtg:
        row("meeting (A): error", None, None, "", None)
    base_mtg = _get(b_mtg, "note_and_activity", "queries_per_record")
    for level, runs in sorted((mtg.get("levels") or {}).items()):
        key = max(runs, key=lambda k: int(k[4:]))
        q = runs[key]["queries_per_item"]
        row(
            f"meeting action items {level}: queries per overdue item ({key[4:]} due, "
            f"{mtg.get('actions')} items of {mtg.get('employees_after')} employees) "
            "vs note + activity + write on B",
            q,
            base_mtg,
            "<= 15",
            q <= 15,
            unit="queries",
        )
    before = mtg.get("nothing_due_queries")
    after = mtg.get("nothing_due_queries_after")
    row(
        f"meeting action-item cron, nothing due: queries with "
        f"{mtg.get('employees')} -> {mtg.get('employees_after')} employees",
        after,
        before,
        "constant",
        after is not None and after == before,
        unit="queries",
    )
    stats = mtg.get("report_statistics") or {}
    stats_after = mtg.get("report_statistics_after") or {}
    for key, label in (
        ("kpi", "work-report submission statistics of a month"),
        ("pivot", "work-report statistics view by department and month"),
    ):
        before = _get(stats, key, "queries")
        after = _get(stats_after, key, "queries")
        row(
            f"{label} ({mtg.get('work_reports')} reports): queries with "
            f"{mtg.get('employees')} -> {mtg.get('employees_after')} employees "
            f"({_get(stats, key, 'ms')} -> {_get(stats_after, key, 'ms')} ms)",
            after,
            before,
            "constant",
            after is not None and after == before,
            unit="queries",
        )
    before = mtg.get("report_cron_queries")
    after = mtg.get("report_cron_queries_after")
    row(
        f"work-report cron, nothing to create or escalate: queries with "
        f"{mtg.get('employees')} -> {mtg.get('employees_after')} employees",
        after,
        before,
        "constant",
        after is not None and after == before,
        unit="queries",
    )


def _rnd_goals(raw, row):
    """The goals of bench_rnd.py (issue 14)."""
    rnd, b_rnd = _get(raw, "A", "rnd") or {}, _get(raw, "B", "rnd") or {}
    for side, figures in (("A", rnd), ("B", b_rnd)):
        if "error" in figures:
            row(f"rnd ({side}): error", None, None, "", None)
    size = (
        f"{rnd.get('releases')} releases, {rnd.get('requirements')} requirements, "
        f"{rnd.get('test_results')} test results, {rnd.get('defects')} defects"
    )
    q_all, q_two = rnd.get("readiness_all_queries"), rnd.get("readiness_two_queries")
    row(
        f"R&D readiness of all {rnd.get('open_releases')} open releases ({size}): "
        f"queries vs two open releases ({rnd.get('readiness_all_ms')} ms vs "
        f"{rnd.get('readiness_two_ms')} ms)",
        q_all,
        q_two,
        "constant",
        q_all is not None and q_all == q_two,
        unit="queries",
    )
    for key, label, who in (
        ("kpi", "R&D KPI figures of a month (_bizreg_kpi_rnd)", "users"),
        ("measures", "R&D measures of a month (3 KPIs)", "employees"),
    ):
        many, few = rnd.get(f"{key}_all_queries"), rnd.get(f"{key}_few_queries")
        row(
            f"{label}: queries for {rnd.get(f'{key}_all_{who}')} vs "
            f"{rnd.get(f'{key}_few_{who}')} {who} ({rnd.get(f'{key}_all_ms')} ms vs "
            f"{rnd.get(f'{key}_few_ms')} ms)",
            many,
            few,
            "constant",
            many is not None and many == few,
            unit="queries",
        )
    t, bt = rnd.get("defect_list_ms"), b_rnd.get("task_list_ms")
    row(
        f"defect list, {LIST_ROWS} of {rnd.get('defects')} defects, A vs Odoo's "
        f"task list ({b_rnd.get('tasks')} tasks) on B (ms)",
        t,
        bt,
        "<= 1.2x",
        t is not None and bt is not None and t <= 1.2 * bt,
        unit="ms",
    )
    t = rnd.get("task_list_ms")
    row(
        "Odoo's task list, A vs B (ms; information)",
        t,
        bt,
        "<= 1.2x",
        t is not None and bt is not None and t <= 1.2 * bt,
        unit="ms",
    )


def _data_goals(raw, row):
    """The goals of bench_data.py (issue 16)."""
    data, b_data = _get(raw, "A", "data") or {}, _get(raw, "B", "data") or {}
    for side, figures in (("A", data), ("B", b_data)):
        if "error" in figures:
            row(f"data ({side}): error", None, None, "", None)
    audit, b_audit = data.get("audit") or {}, b_data.get("audit") or {}
    for key, label in (("agreement", "agreements"), ("helpdesk_ticket", "tickets")):
        figures = audit.get(key) or {}
        on = (figures.get("audit_on") or {}).get("ms")
        off = (figures.get("audit_off") or {}).get("ms")
        plain = ((b_audit.get(key) or {}).get("plain") or {}).get("ms")
        row(
            f"data: write {audit.get('records')} {label} one at a time, audit on "
            "vs audit rules off, A (ms/record)",
            on,
            off,
            "<= 1.3x",
            on is not None and off is not None and on <= 1.3 * off,
            unit="ms",
        )
        row(
            f"data: write {audit.get('records')} {label}, A with audit vs B "
            "without bizreg (ms/record, every bizreg rule included)",
            on,
            plain,
            "shown",
            True,
            unit="ms",
        )
    backup = data.get("backup") or {}
    if backup:
        row(
            f"data: backup of a {backup.get('database_mb')} MB database "
            "(encrypted, 2 destinations) vs pg_dump -Fc + tar (s)",
            backup.get("backup_s"),
            backup.get("pg_dump_s"),
            "done",
            backup.get("backup_state") == "done",
            unit="s",
        )
        row(
            "data: restore drill of that backup (s; RTO in the drill register)",
            backup.get("drill_s"),
            backup.get("drill_rto_s"),
            "passed",
            backup.get("drill_state") == "passed",
            unit="s",
        )
        row(
            "data: Odoo process memory growth during the backup (MB)",
            backup.get("rss_growth_mb"),
            backup.get("rss_start_mb"),
            "<= 50 MB",
            (backup.get("rss_growth_mb") or 0) <= 50,
            unit="MB",
        )


def _document_goals(raw, row):
    """The goals of bench_document.py (issue 15)."""
    doc, b_doc = _get(raw, "A", "document") or {}, _get(raw, "B", "document") or {}
    for side, figures in (("A", doc), ("B", b_doc)):
        if "error" in figures:
            row(f"document ({side}): error", None, None, "", None)
    size = f"{doc.get('documents')} documents, {doc.get('versions')} versions"
    for key, label, base_key in (
        ("list", "register list", "list"),
        ("search", f"register search '{doc.get('word')}' (title/number)", "search"),
        ("file_search", f"register search '{doc.get('word')}' on file names", "search"),
    ):
        t, bt = doc.get(f"register_{key}_full_ms"), b_doc.get(f"dms_{base_key}_full_ms")
        if key == "file_search" and t is None:
            continue  # the search view offers no file search
        row(
            f"document {label}, {LIST_ROWS} rows ({size}) as a department author "
            f"vs dms {base_key} ({b_doc.get('files')} files) as a dms user on B (ms)",
            t,
            bt,
            "<= 1.2x",
            t is not None and bt is not None and t <= 1.2 * bt,
            unit="ms",
        )
    for key, label in (("list", "register list"), ("search", "register search")):
        small = doc.get(f"register_{key}_small_queries")
        full = doc.get(f"register_{key}_full_queries")
        row(
            f"document {label}: queries at {doc.get('documents')} vs "
            f"{doc.get('documents_small')} documents",
            full,
            small,
            "constant",
            full is not None and full == small,
            unit="queries",
        )


def goals(raw):
    """Rows ``{goal, measured, baseline, ratio, limit, met}`` from the raw
    figures (``met`` is None when a figure is missing)."""
    rows = []

    def row(goal, measured, baseline, limit, met, ratio=None, unit=""):
        rows.append(
            {
                "goal": goal,
                "measured": measured,
                "baseline": baseline,
                "ratio": ratio if ratio is not None else _ratio(measured, baseline),
                "limit": limit,
                "met": None if measured is None or baseline is None else met,
                "unit": unit,
            }
        )

    a_conf, b_conf = _get(raw, "A", "confirm"), _get(raw, "B", "confirm")
    b_default = _get(b_conf, "default") or {}
    for variant, title in (
        ("default", "default rules"),
        ("extra", "+20 definitions and hand-offs"),
    ):
        a = _get(a_conf, variant) or {}
        for mode, label in (("single", "one at a time"), ("batch", "100 in one call")):
            t, bt = a.get(f"{mode}_ms"), b_default.get(f"{mode}_ms")
            q, bq = a.get(f"{mode}_queries"), b_default.get(f"{mode}_queries")
            row(
                f"confirm contract, {title}, {label}: ms/order",
                t,
                bt,
                "<= 1.5x",
                t is not None and bt is not None and t <= 1.5 * bt,
                unit="ms",
            )
            row(
                f"confirm contract, {title}, {label}: queries/order",
                q,
                bq,
                "<= B + 15",
                q is not None and bq is not None and q <= bq + 15,
                unit="queries",
            )
    default = _get(a_conf, "default") or {}
    for variant, title in (
        ("extra_definitions", "+20 tier definitions"),
        ("extra_handoffs", "+20 hand-off rules"),
        ("extra", "+20 of both"),
    ):
        figures = _get(a_conf, variant) or {}
        row(
            f"confirm: queries/order independent of the rules ({title} vs default)",
            figures.get("single_queries"),
            default.get("single_queries"),
            "equal",
            figures.get("single_queries") == default.get("single_queries"),
            unit="queries",
        )
    row(
        "confirm: 100 in one call cheaper per order than one at a time (ms)",
        default.get("batch_ms"),
        default.get("single_ms"),
        "< 1x",
        (default.get("batch_ms") or 0) < (default.get("single_ms") or 0),
        unit="ms",
    )
    base_esc = _get(raw, "B", "escalation", "note_and_activity", "queries_per_record")
    for model, figures in sorted((_get(raw, "A", "escalation") or {}).items()):
        if not isinstance(figures, dict) or model.startswith("_"):
            continue
        if "error" in figures:
            row(f"escalation {model}: error", None, None, "", None)
            continue
        for level, runs in sorted((figures.get("levels") or {}).items()):
            key = max(runs, key=lambda k: int(k[4:]))
            q = runs[key]["queries_per_record"]
            row(
                f"escalation {model} {level}: queries per due record ({key[4:]} due)",
                q,
                base_esc,
                "<= 15",
                q <= 15,
                unit="queries",
            )
        before = figures.get("nothing_due_queries")
        after = figures.get("nothing_due_queries_after", before)
        row(
            f"escalation {model}: queries with nothing due "
            f"({figures.get('rows_before')} -> {figures.get('rows_after', '=')} rows)",
            after,
            before,
            "constant",
            after == before,
            unit="queries",
        )
    app = _get(raw, "A", "appraisal") or {}
    if "error" in app:
        row("appraisal: error", None, None, "", None)
    row(
        f"appraisal measures, {app.get('employees')} employees x 12 KPIs vs SQL (s)",
        app.get("measures_all_s"),
        app.get("sql_equivalent_s"),
        "<= 1.2x",
        (app.get("measures_all_s") or 0) <= 1.2 * (app.get("sql_equivalent_s") or 0),
        unit="s",
    )
    for key, label in (
        ("compute_results_s", "Compute Results"),
        ("open_cycle_s", "open the cycle (Open Cycle: appraisals and lines)"),
        ("form_read_s", "open the cycle's form (web_read of its fields)"),
    ):
        value = app.get(key)
        row(
            f"appraisal {label}, {app.get('employees')} employees (s)",
            value,
            2.0,
            "<= 2 s",
            value is not None and value <= 2.0,
            unit="s",
        )
    # where Compute Results' time goes: Odoo writing the results (the flush of
    # the KPI lines and appraisals), against the whole
    row(
        "appraisal: of Compute Results, Odoo writing the results (flush, s)",
        app.get("compute_results_flush_s"),
        app.get("compute_results_s"),
        "shown",
        True,
        unit="s",
    )
    # the same in the transaction that opened the cycle (its rows not yet
    # committed), as it was measured before the benchmark ran it as users do
    row(
        "appraisal: of Compute Results in the transaction that opened the "
        "cycle, the flush (s)",
        app.get("compute_results_same_transaction_flush_s"),
        app.get("compute_results_same_transaction_s"),
        "shown",
        True,
        unit="s",
    )
    mkt, b_mkt = _get(raw, "A", "marketing") or {}, _get(raw, "B", "marketing") or {}
    for side, figures in (("A", mkt), ("B", b_mkt)):
        if "error" in figures:
            row(f"marketing ({side}): error", None, None, "", None)
    t, sql = mkt.get("effect_s"), mkt.get("effect_sql_s")
    row(
        f"marketing effect of all {mkt.get('plans')} plans ({mkt.get('campaigns')} "
        f"campaigns, {mkt.get('leads')} leads, {mkt.get('orders')} orders) vs SQL (s)",
        t,
        sql,
        "<= 1.2x",
        t is not None and sql is not None and t <= 1.2 * sql,
        unit="s",
    )
    row(
        "marketing effect: queries for all plans vs for two",
        mkt.get("effect_queries_all"),
        mkt.get("effect_queries_two"),
        "equal",
        mkt.get("effect_queries_all") == mkt.get("effect_queries_two"),
        unit="queries",
    )
    same = mkt.get("effect_equals_sql")  # True, or the first difference
    row(
        "marketing effect: same figures as the SQL (1 = yes)",
        None if same is None else int(same is True),
        1,
        "equal",
        same is True,
    )
    t, bt = mkt.get("list_ms"), b_mkt.get("list_ms")
    row(
        f"leads list with campaign columns, {LIST_ROWS} of {mkt.get('leads')} "
        "leads, A vs B (ms)",
        t,
        bt,
        "<= 1.2x",
        t is not None and bt is not None and t <= 1.2 * bt,
        unit="ms",
    )
    pj, b_pj = _get(raw, "A", "project") or {}, _get(raw, "B", "project") or {}
    for side, figures in (("A", pj), ("B", b_pj)):
        if "error" in figures:
            row(f"project ({side}): error", None, None, "", None)
    t, bt = pj.get("portfolio_ms"), b_pj.get("plain_ms")
    row(
        f"project portfolio list, {LIST_ROWS} of {pj.get('projects')} projects "
        f"({pj.get('tasks')} tasks, {pj.get('timesheets')} timesheet lines), "
        "A vs Odoo's project list on B (ms)",
        t,
        bt,
        "<= 1.2x",
        t is not None and bt is not None and t <= 1.2 * bt,
        unit="ms",
    )
    t, bt = pj.get("plain_ms"), b_pj.get("plain_ms")
    row(
        "Odoo's project list, A vs B (ms)",
        t,
        bt,
        "<= 1.2x",
        t is not None and bt is not None and t <= 1.2 * bt,
        unit="ms",
    )
    row(
        "project cost and schedule figures: queries for all projects vs for two",
        pj.get("figures_queries_all"),
        pj.get("figures_queries_two"),
        "equal",
        pj.get("figures_queries_all") == pj.get("figures_queries_two"),
        unit="queries",
    )
    t, sql = pj.get("figures_s"), pj.get("figures_sql_s")
    row(
        f"project cost and schedule figures of all {pj.get('projects')} projects "
        "vs SQL (s)",
        t,
        sql,
        "<= 1.2x",
        t is not None and sql is not None and t <= 1.2 * sql,
        unit="s",
    )
    same = pj.get("figures_equal_sql")
    row(
        "project figures: same as the SQL (1 = yes)",
        None if same is None else int(same is True),
        1,
        "equal",
        same is True,
    )
    _meeting_goals(raw, row)
    _rnd_goals(raw, row)
    _document_goals(raw, row)
    _data_goals(raw, row)
    inst = raw.get("install", {})
    for what in ("wall_s", "cpu_s"):
        a, b = _get(inst, "A", what), _get(inst, "B", what)
        row(
            f"install with demo + zh_CN, suite vs dependencies ({what[:-2]} s)",
            a,
            b,
            "<= 1.2x",
            a is not None and b is not None and a <= 1.2 * b,
            unit="s",
        )
    return rows


def _fmt(value):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:.1f}"
    return str(value)


def print_table(rows):
    width = max(len(r["goal"]) for r in rows)
    say(
        "",
        f"{'goal':<{width}}  {'measured':>10}  {'baseline':>10}  {'ratio':>6}  "
        f"{'limit':<10} met",
    )
    for r in rows:
        met = {True: "yes", False: "NO", None: "?"}[r["met"]]
        say(
            f"{r['goal']:<{width}}  {_fmt(r['measured']):>10}  "
            f"{_fmt(r['baseline']):>10}  {_fmt(r['ratio']):>6}  {r['limit']:<10} {met}"
        )


def print_consumers(raw):
    for side in ("A", "B"):
        for name, data in (raw.get(side) or {}).items():
            if not isinstance(data, dict):
                continue
            found = dict(data.get("consumers") or {})
            found.update((k, v) for k, v in data.items() if k.startswith("profile_"))
            for key, lines in found.items():
                if not isinstance(lines, list):
                    continue
                say("", f"[{side}] {name}: {key}:")
                for line in lines[:15]:
                    say(f"    {line}")
    for side in ("A", "B"):
        for name, data in (raw.get(side) or {}).items():
            if isinstance(data, dict) and "error" in data:
                loud(f"benchmark {name} on {side} failed:")
                say(data["error"])


def cmd_bench(args, base_args, drop):
    from .common import Interrupted
    from .pg import DbError, database_server

    odoo = odoo_env.command_odoo(args)
    if not odoo:
        return 2
    modules = odoo_env.bizreg_modules()
    if not modules:
        say("No bizreg module under addons/: nothing to benchmark.")
        return 2
    started = time.monotonic()
    server = bench = None
    try:
        server = database_server(args.db_host, args.db_port, args.db_user)
        say(f"Database server: {server.describe()}")
        bench = Bench(args, odoo, server, base_args)
        raw = bench.run(modules)
    except DbError as exc:
        loud(str(exc))
        return 1
    except Interrupted as exc:
        loud(f"interrupted ({exc})")
        return 130
    finally:
        if bench:
            bench.cleanup(drop)
        if server:
            server.release()
    rows = goals(raw)
    print_consumers(raw)
    say("", f"==== bizreg bench ({fmt_seconds(time.monotonic() - started)})")
    print_table(rows)
    missed = [r["goal"] for r in rows if r["met"] is False]
    unknown = [r["goal"] for r in rows if r["met"] is None]
    CACHE.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(
        json.dumps({"goals": rows, "raw": raw}, indent=2, default=str) + "\n",
        encoding="utf-8",
    )
    say(
        "",
        f"{len(rows) - len(missed) - len(unknown)} goals met, {len(missed)} not met, "
        f"{len(unknown)} not measured; figures in {SUMMARY.relative_to(REPO)}",
    )
    return 0
