# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Measuring helpers shared by the benchmarks (run inside Odoo).

A measure flushes and invalidates the caches first, counts the queries with
``cr.sql_log_count`` and times with ``time.perf_counter()``; the caller warms
up first and reports the median of several runs.
"""

import contextlib
import cProfile
import io
import pstats
import re
import statistics
import time

import odoo
from odoo.tools import SQL


def measure(env, func):
    """(seconds, queries, result) of ``func()``, everything flushed."""
    seconds, queries, result, _flush = measure_flush(env, func)
    return seconds, queries, result


def measure_flush(env, func):
    """``measure`` with the time of the final flush (Odoo writing what
    ``func()`` left in the cache) apart: (seconds, queries, result, flush
    seconds)."""
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    computed = time.perf_counter()
    env.flush_all()
    end = time.perf_counter()
    return end - start, env.cr.sql_log_count - before, result, end - computed


def median(values):
    return statistics.median(values) if values else None


def settle(env, tables):
    """Commit, then ``VACUUM ANALYZE`` ``tables`` as autovacuum does within a
    minute of a request writing thousands of rows: the state the next request
    of a user meets. For benchmarks that run in their own copy of the
    database (``COMMITS = True``, see ``runner.py``)."""
    env.flush_all()
    env.cr.commit()
    with contextlib.closing(odoo.sql_db.db_connect(env.cr.dbname).cursor()) as cr:
        cr._cnx.autocommit = True  # VACUUM runs outside a transaction
        cr.execute(
            SQL(
                "VACUUM ANALYZE %s",
                SQL(", ").join(SQL.identifier(table) for table in tables),
            )
        )


@contextlib.contextmanager
def savepoint(env, name="bench"):
    """Everything inside is rolled back (caches included)."""
    env.flush_all()
    env.cr.execute(f"SAVEPOINT {name}")
    try:
        yield
    finally:
        env.invalidate_all()
        env.cr.execute(f"ROLLBACK TO SAVEPOINT {name}")
        env.invalidate_all()
        env.registry.clear_cache()


_FROM = re.compile(r'\b(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', re.I)


def query_log(env, func):
    """Run ``func`` and return ``[(count, "VERB table"), ...]`` of its
    queries, most frequent first."""
    cr = env.cr
    seen = []
    original = cr.execute

    def execute(query, params=None, log_exceptions=True):
        text = str(getattr(query, "code", query)).strip()
        verb = text.split(None, 1)[0].upper() if text else "?"
        found = _FROM.search(text)
        seen.append(f"{verb} {found.group(1) if found else '?'}")
        return original(query, params, log_exceptions)

    env.flush_all()
    env.invalidate_all()
    cr.execute = execute
    try:
        func()
        env.flush_all()
    finally:
        del cr.execute
    counts = {}
    for key in seen:
        counts[key] = counts.get(key, 0) + 1
    return sorted(((n, k) for k, n in counts.items()), reverse=True)


def profile(func, limit=15, within=("odoo/addons/bizreg", "addons/bizreg")):
    """Top functions by cumulative time while running ``func``: the overall
    top and the top of bizreg's own code. Returns two lists of strings."""
    prof = cProfile.Profile()
    prof.enable()
    try:
        func()
    finally:
        prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (filename, line, name), (
        _cc,
        ncalls,
        tottime,
        cumtime,
        _callers,
    ) in stats.stats.items():
        rows.append((cumtime, tottime, ncalls, filename, line, name))

    def fmt(row):
        cumtime, tottime, ncalls, filename, line, name = row
        short = re.sub(r"^.*/(odoo/(?:addons/)?|addons/)", "", filename)
        return (
            f"{cumtime * 1000:8.1f} ms cum {tottime * 1000:7.1f} ms own "
            f"{ncalls:6d}x {short}:{line} {name}"
        )

    rows.sort(reverse=True)
    mine = [r for r in rows if any(w in r[3] for w in within)]
    by_own = sorted(rows, key=lambda r: r[1], reverse=True)
    return (
        [fmt(r) for r in mine[:limit]],
        [fmt(r) for r in by_own[:limit]],
    )


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def clone(cr, table, src_id, count, overrides):
    """Insert ``count`` copies of row ``src_id``; ``overrides`` maps a column
    to an SQL expression of ``g`` (1..count); those of columns the table does
    not have are ignored.  Returns the new ids in order."""
    cols = columns(cr, table)
    select = [overrides.get(col, SQL.identifier("src", col)) for col in cols]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s AS src, generate_series(1, %s) AS g "
            "WHERE src.id = %s ORDER BY g RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(col) for col in cols),
            SQL(", ").join(select),
            SQL.identifier(table),
            count,
            src_id,
        )
    )
    return [row[0] for row in cr.fetchall()]
