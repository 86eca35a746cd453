# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Runs the benchmarks of one side inside Odoo (started by ``./bizreg bench``).

    python tests/bench/runner.py <odoo options: -c CONF -d DB ...>

Environment: ``BIZREG_BENCH_SIDE`` (``A``: with bizreg, ``B``: without),
``BIZREG_BENCH_OUT`` (the JSON file written after each benchmark),
``BIZREG_BENCH_ONLY`` (comma-separated benchmark names, default all).  Each
benchmark ``bench_<name>.py`` has ``run_a(env)`` and/or ``run_b(env)`` and
runs in its own transaction, rolled back: the database is left unchanged.
A benchmark that must commit (to measure a step in the state a user meets
it: after an earlier request committed its data) sets ``COMMITS = True``;
it runs in a copy of the database made for it (``CREATE DATABASE ...
TEMPLATE``, as Odoo's database manager duplicates one) and dropped after
it.
A benchmark that raises is reported with its traceback; the others run.
"""

import importlib
import json
import os
import shutil
import sys
import time
import traceback
from contextlib import closing

HERE = os.path.dirname(os.path.abspath(__file__))
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


def drop_database(name):
    """Drop the database ``name`` if it exists, with its registry, pooled
    connections and filestore."""
    import odoo
    from odoo.tools import SQL

    odoo.modules.registry.Registry.delete(name)
    odoo.sql_db.close_db(name)
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True  # outside a transaction
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(name)))
    shutil.rmtree(odoo.tools.config.filestore(name), ignore_errors=True)


def copy_database(db, name):
    """A new database ``name``, a copy of ``db`` (dropped first if a former
    run left it); returns ``name``."""
    import odoo
    from odoo.tools import SQL

    drop_database(name)
    odoo.sql_db.close_db(db)  # a template must have no other connection
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(
            SQL(
                "CREATE DATABASE %s TEMPLATE %s",
                SQL.identifier(name),
                SQL.identifier(db),
            )
        )
    return name


def main(argv):
    sys.path.insert(0, HERE)
    import odoo
    from odoo import SUPERUSER_ID, api

    side = os.environ.get("BIZREG_BENCH_SIDE", "A").lower()
    out_path = os.environ["BIZREG_BENCH_OUT"]
    only = [n for n in os.environ.get("BIZREG_BENCH_ONLY", "").split(",") if n]
    odoo.tools.config.parse_config(argv)
    db = odoo.tools.config["db_name"]
    db = db[0] if isinstance(db, list) else db
    results = {}
    for name in BENCHES:
        if only and name not in only:
            continue
        bench = importlib.import_module(f"bench_{name}")
        func = getattr(bench, f"run_{side}", None)
        if func is None:
            continue
        print(f"[bench {side.upper()}] {name} ...", flush=True)
        started = time.perf_counter()
        target = db
        try:
            if getattr(bench, "COMMITS", False):
                target = copy_database(db, f"{db}_{name}")
            registry = odoo.modules.registry.Registry(target)
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                try:
                    results[name] = func(env)
                finally:
                    cr.rollback()
        except Exception:
            results[name] = {"error": traceback.format_exc()}
            print(results[name]["error"], flush=True)
        finally:
            if target != db:
                drop_database(target)
        results[name]["_seconds"] = round(time.perf_counter() - started, 1)
        print(
            f"[bench {side.upper()}] {name} done in {results[name]['_seconds']} s",
            flush=True,
        )
        with open(out_path, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
