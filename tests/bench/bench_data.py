# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Data management: the cost of the usage audit, and a backup and restore
drill of a large database.

**Audit.** ``RECORDS`` agreements (contracts) and as many helpdesk tickets
(SQL clones of one ORM-made record each), then every record written once,
one ``write`` call per record as a user saving a form does (the name),
then what the commit writes (the precommit hooks: tracking messages, the
audit entries written in bulk), timed with the writes:

- A with bizreg_data's audit rules on (auditlog, fast mode), and the same
  writes with the two rules unsubscribed (auditlog's own ``unsubscribe``:
  the models' methods as they are without the audit), on the same records,
  on and off in turns ``REPEAT`` times (the medians are reported: a pause
  of the disk, a checkpoint or a WAL write, falls on either side alike);
- B (no bizreg at all, auditlog installed without rules): the same writes,
  ``REPEAT`` times.

On A, the audit trail is one in use before the timed runs (``RECORDS``
entries, and its statistics: see ``_trail_in_use``).

The goal compares A with the audit on to A with the audit off, which is the
cost bizreg_data adds to these writes; A on against B is printed too (it
includes every other bizreg rule on agreements and tickets).

**Backup and drill.** A table of ``BACKUP_MB`` MB of random bytes (which
neither compression nor deduplication shrinks) is committed into database
A through a connection of its own, and a backup policy with two directory
destinations (one off-site) runs a backup and a restore drill end to end
(``_bizreg_start_backup(wait=True)``, ``_bizreg_start_drill(wait=True)``:
the engine in its own process, as the cron starts it).  The resident memory
of this Odoo process is sampled every 50 ms during the backup (it must stay
flat: the dump streams through the engine, never through Odoo).  Baseline:
``pg_dump -Fc`` of the same database to a file and ``tar`` of the filestore,
same run.  The table and the backup folders are removed afterwards.
"""

import os
import shutil
import subprocess
import tempfile
import threading
import time

from benchlib import clone, measure, savepoint

from odoo import Command
from odoo.sql_db import db_connect
from odoo.tools import SQL, config

RECORDS = int(os.environ.get("BIZREG_BENCH_DATA_RECORDS", "10000"))
BACKUP_MB = int(os.environ.get("BIZREG_BENCH_DATA_BACKUP_MB", "1024"))
REPEAT = 3


def _records(env):
    """``{model: recordset}``: RECORDS agreements and RECORDS tickets."""
    partner = env["res.partner"].create({"name": "Bench audit customer"})
    agreement = env["agreement"].create(
        {"name": "Bench agreement", "code": "BENCH-AUDIT", "partner_id": partner.id}
    )
    ticket = env["helpdesk.ticket"].create(
        {
            "name": "Bench ticket",
            "description": "<p>Bench</p>",
            "partner_id": partner.id,
        }
    )
    env.flush_all()
    cr = env.cr
    agreements = clone(
        cr,
        "agreement",
        agreement.id,
        RECORDS,
        {
            "code": SQL("'BENCH-AUDIT-' || g"),
            "name": SQL("jsonb_build_object('en_US', 'Bench agreement ' || g)")
            if _is_jsonb(cr, "agreement", "name")
            else SQL("'Bench agreement ' || g"),
        },
    )
    tickets = clone(
        cr,
        "helpdesk_ticket",
        ticket.id,
        RECORDS,
        {
            "number": SQL("'BENCH-' || g"),
            "name": SQL("'Bench ticket ' || g"),
        },
    )
    env.invalidate_all()
    return {
        "agreement": env["agreement"].browse(agreements),
        "helpdesk.ticket": env["helpdesk.ticket"].browse(tickets),
    }


def _is_jsonb(cr, table, column):
    cr.execute(
        "SELECT data_type FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = %s",
        [table, column],
    )
    return cr.fetchone()[0] == "jsonb"


def _write_once(env, records, tag):
    """(ms per record, queries per record) of writing each record's name in
    a call of its own, rolled back."""
    _checkpoint(env)
    with savepoint(env, "bench_data_write"):

        def work():
            for record in records:
                record.write({"name": f"{tag} {record.id}"})
            # what the commit writes too (tracking messages, audit entries
            # written in bulk), on both sides
            env.cr.precommit.run()

        seconds, queries, _r = measure(env, work)
    return seconds * 1000 / len(records), queries / len(records)


def _checkpoint(env):
    """Write PostgreSQL's dirty pages out before a timed run (where the
    user may: a superuser, as on the embedded cluster), so that a
    checkpoint of earlier work does not fall inside one run rather than
    another."""
    env.cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if env.cr.fetchone()[0]:
        env.cr.execute("CHECKPOINT")


def _median_run(runs):
    """The median of ``_write_once`` runs (``REPEAT`` is odd)."""
    ms, queries = sorted(runs)[len(runs) // 2]
    return {"ms": round(ms, 3), "queries": round(queries, 2)}


def _audit_rules(env, models):
    return env["auditlog.rule"].search(
        [("model_id.model", "in", models), ("state", "=", "subscribed")]
    )


def _trail_in_use(env, count):
    """An audit trail in use, as in a database that has run with the rules
    for a while: ``count`` entries of a line each (uncommitted, like the
    rest of the bench), and the planner's statistics of the trail's tables
    (``ANALYZE``).  On a trail whose statistics still call it empty (a new
    database, or this bench's, whose runs are rolled back),
    PostgreSQL may plan the foreign-key check of each new line
    (``SELECT 1 FROM auditlog_log WHERE id = $1 FOR KEY SHARE``) as a
    sequential scan and keep that plan for the connection: a batch of n
    entries then reads n²/2 rows (0.1 ms more a ticket write with
    n = 10,000), until autovacuum's first ANALYZE of the trail (after 50
    entries and 10 %) has the plan made again with the index."""
    cr = env.cr
    model = env["ir.model"]._get("res.partner")
    field = env["ir.model.fields"]._get("res.partner", "name")
    cr.execute(
        SQL(
            "INSERT INTO auditlog_log (name, model_id, model_name, model_model, "
            "res_id, method, log_type, user_id, create_date, write_date) "
            "SELECT 'History ' || g, %s, %s, %s, g, 'write', 'fast', %s, "
            "now(), now() FROM generate_series(1, %s) g RETURNING id",
            model.id,
            model.name,
            model.model,
            env.uid,
            count,
        )
    )
    log_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL(
            "INSERT INTO auditlog_log_line (log_id, field_id, field_name, "
            "field_description, old_value, new_value, old_value_text, "
            "new_value_text, create_date, write_date) "
            "SELECT l, %s, %s, %s, 'False', 'History', 'False', 'History', "
            "now(), now() FROM unnest(%s::int[]) l",
            field.id,
            field.name,
            field.field_description,
            log_ids,
        )
    )
    cr.execute("ANALYZE auditlog_log, auditlog_log_line")


def _audit(env, side):
    records = _records(env)
    result = {"records": RECORDS}
    if side == "A":
        _trail_in_use(env, RECORDS)
    # warm-up (the first writes load the methods, the prefetch, the caches)
    for recordset in records.values():
        with savepoint(env, "bench_data_warm"):
            for record in recordset[:200]:
                record.write({"name": f"warm {record.id}"})
    for model, recordset in records.items():
        key = model.replace(".", "_")
        if side == "B":
            runs = [_write_once(env, recordset, f"B{run}") for run in range(REPEAT)]
            result[key] = {"plain": _median_run(runs)}
            continue
        rules = _audit_rules(env, [model])
        figures = {"audit_rules": len(rules)}
        # audit on and off in turns, so that the disk's pauses (checkpoints,
        # WAL writes) fall on both sides alike
        on, off = [], []
        for run in range(REPEAT):
            on.append(_write_once(env, recordset, f"on{run}"))
            rules.unsubscribe()
            try:
                off.append(_write_once(env, recordset, f"off{run}"))
            finally:
                rules.subscribe()
        figures["audit_on"] = _median_run(on)
        figures["audit_off"] = _median_run(off)
        with savepoint(env, "bench_data_logs"):
            before = env["auditlog.log"].search_count([("model_model", "=", model)])
            recordset[:100].write({"name": "counted"})
            for record in recordset[:100]:
                record.write({"name": f"counted {record.id}"})
            env.flush_all()
            figures["logs_per_100_writes"] = (
                env["auditlog.log"].search_count([("model_model", "=", model)]) - before
            ) // 2
        result[key] = figures
    return result


# ----------------------------------------------------------------------
# Backup and restore drill of a large database
# ----------------------------------------------------------------------
def _rss_kb():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class _Sampler:
    """The resident memory of this process every 50 ms, in a thread."""

    def __init__(self):
        self.values = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.values.append(_rss_kb())
            self._stop.wait(0.05)

    def __enter__(self):
        self.values.append(_rss_kb())
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.values.append(_rss_kb())


def _fill(dbname, megabytes):
    """Commit a table of ``megabytes`` MB of random bytes (1 MB a row)."""
    with db_connect(dbname).cursor() as cr:
        cr.execute("DROP TABLE IF EXISTS bizreg_bench_blob")
        cr.execute("CREATE TABLE bizreg_bench_blob (id serial PRIMARY KEY, data bytea)")
        cr.execute("ALTER TABLE bizreg_bench_blob ALTER data SET STORAGE EXTERNAL")
        for _i in range(megabytes):
            cr.execute(
                "INSERT INTO bizreg_bench_blob (data) VALUES (%s)",
                [os.urandom(1024 * 1024)],
            )
        cr.commit()
        cr.execute("SELECT pg_database_size(current_database())")
        return cr.fetchone()[0]


def _drop_fill(dbname):
    with db_connect(dbname).cursor() as cr:
        cr.execute("DROP TABLE IF EXISTS bizreg_bench_blob")
        cr.commit()


def _pg_dump_baseline(env, folder):
    """``pg_dump -Fc`` of the database to a file and a tar of the
    filestore: seconds and MB."""
    bindir = config.get("pg_path") or ""
    pg_dump = os.path.join(bindir, "pg_dump") if bindir else "pg_dump"
    penv = dict(os.environ)
    if config["db_password"]:
        penv["PGPASSWORD"] = config["db_password"]
    args = [pg_dump, "--format=custom", "--no-owner", "--file"]
    args += [os.path.join(folder, "plain.dump")]
    for option, key in (("--host", "db_host"), ("--port", "db_port")):
        if config[key]:
            args += [option, str(config[key])]
    if config["db_user"]:
        args += ["--username", config["db_user"]]
    args.append(env.cr.dbname)
    started = time.perf_counter()
    subprocess.run(args, env=penv, check=True)
    filestore = config.filestore(env.cr.dbname)
    if os.path.isdir(filestore):
        subprocess.run(
            ["tar", "-cf", os.path.join(folder, "filestore.tar"), "-C", filestore, "."],
            check=True,
        )
    seconds = time.perf_counter() - started
    size = sum(
        os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder)
    )
    return seconds, size / 1e6


def _backup_drill(env):
    dbname = env.cr.dbname
    tmp = tempfile.mkdtemp(prefix="bizreg-bench-backup-")
    result = {"backup_mb_of_random_data": BACKUP_MB}
    try:
        started = time.perf_counter()
        result["database_mb"] = round(_fill(dbname, BACKUP_MB) / 1e6, 1)
        result["fill_s"] = round(time.perf_counter() - started, 1)
        plain = os.path.join(tmp, "plain")
        os.makedirs(plain)
        seconds, size = _pg_dump_baseline(env, plain)
        result["pg_dump_s"], result["pg_dump_mb"] = round(seconds, 1), round(size, 1)
        shutil.rmtree(plain, ignore_errors=True)
        Dest = env["bizreg.data.destination"]
        destinations = Dest.create(
            [
                {
                    "name": "Bench local",
                    "kind": "directory",
                    "path": os.path.join(tmp, "local"),
                },
                {
                    "name": "Bench off-site",
                    "kind": "directory",
                    "path": os.path.join(tmp, "offsite"),
                    "offsite": True,
                },
            ]
        )
        policy = env["bizreg.data.backup.policy"].create(
            {
                "name": "Bench policy",
                "destination_ids": [Command.set(destinations.ids)],
            }
        )
        with _Sampler() as sampler:
            started = time.perf_counter()
            backup = policy._bizreg_start_backup(wait=True)
            result["backup_s"] = round(time.perf_counter() - started, 1)
        result["backup_state"] = backup.state
        result["backup_mb"] = round(backup.size_mb, 1)
        result["backup_engine_s"] = round(backup.duration, 1)
        result["rss_start_mb"] = round(sampler.values[0] / 1024, 1)
        result["rss_max_mb"] = round(max(sampler.values) / 1024, 1)
        result["rss_growth_mb"] = round(
            (max(sampler.values) - sampler.values[0]) / 1024, 1
        )
        result["rss_samples"] = len(sampler.values)
        started = time.perf_counter()
        drill = policy._bizreg_start_drill(wait=True)
        result["drill_s"] = round(time.perf_counter() - started, 1)
        result["drill_state"] = drill.state
        result["drill_rto_s"] = round(drill.rto_seconds, 1)
        if drill.state != "passed":
            result["drill_error"] = (drill.error or "")[-2000:]
        if backup.state != "done":
            result["backup_error"] = (backup.error or "")[-2000:]
    finally:
        _drop_fill(dbname)
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def run_a(env):
    result = {"audit": _audit(env, "A")}
    env.cr.rollback()
    if BACKUP_MB:
        result["backup"] = _backup_drill(env)
    return result


def run_b(env):
    return {"audit": _audit(env, "B")}
