"""Upgrading from the previous release keeps the data (issue 18).

The modules of the previous release (``PREVIOUS_RELEASE``, taken from this
repository's history with ``git archive``) are installed with their demo data
(records of every area, many made by the areas' own flows: reviewed and
signed contracts, answered complaints, computed appraisals, published
documents, restore drills ...), in zh_CN.  Then the modules of this checkout
upgrade that database (``-u``; the modules new since then are installed
afterwards, ``-i``) and the test checks the
result, not a list of fields:

- every stored column of every bizreg model (and every ``bizreg_`` column
  added to an Odoo/OCA model) holds the same values for the records that
  existed before, unless a migration script of this checkout, for a version
  after the old one, names that column; a column that disappeared must be
  named by a migration too;
- every module is installed at this checkout's version;
- this checkout's code reads every record of every bizreg model;
- neither run logs an error.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tarfile
from io import BytesIO

import pytest
from bizreg_tool import odoo_env, pg
from bizreg_tool.cli import odoo_base_args
from bizreg_tool.common import CACHE, DATA_DIR, LOGS, REPO
from conftest import run_odoo

# The previous release: the commit of the last landed stop whose modules
# differ from today's (stop 26).  Move it forward at each release.
PREVIOUS_RELEASE = "ae37582ddfe518fec8b311ae59c19e09ba1f57ce"
MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date"}


def _old_addons():
    """The previous release's ``addons/`` in .cache/upgrade/<commit>."""
    root = CACHE / "upgrade" / PREVIOUS_RELEASE[:12]
    addons = root / "addons"
    if addons.is_dir():
        return addons
    proc = subprocess.run(
        ["git", "-C", str(REPO), "archive", PREVIOUS_RELEASE, "addons"],
        capture_output=True,
        timeout=300,
    )
    if proc.returncode:
        pytest.skip(
            f"the previous release {PREVIOUS_RELEASE[:12]} is not in this clone's "
            f"history (a shallow clone?): {proc.stderr.decode().strip()[-200:]}"
        )
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=BytesIO(proc.stdout)) as archive:
        archive.extractall(root, filter="data")
    return addons


def _modules(addons_dir):
    return sorted(
        name
        for name, path in odoo_env.find_modules([addons_dir]).items()
        if name.startswith("bizreg")
        and odoo_env.read_manifest(path).get("installable", True)
    )


# The stored columns bizreg declares: its models' and its bizreg_ fields on
# Odoo/OCA models (fields whose ir.model.fields record a bizreg module made).
_COLUMNS = """
SELECT f.model, f.name
  FROM ir_model_fields f
  JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
 WHERE d.module LIKE 'bizreg%%' AND f.store
   AND f.ttype NOT IN ('one2many', 'many2many')
"""
_TABLES = """
SELECT table_name, column_name FROM information_schema.columns
 WHERE table_schema = 'public' AND table_name IN (
       SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE')
"""


def _snapshot(server, odoo, db, limits=None):
    """``{(table, column): digest}`` of bizreg's stored columns over the
    records with id <= ``limits[table]`` (all records when not given), and
    ``{table: max id}``."""
    fields, columns = server.query(odoo, db, (_COLUMNS, []), (_TABLES, []))
    existing = {tuple(row) for row in columns}
    per_table = {}
    for model, name in fields:
        table = model.replace(".", "_")
        if name not in MAGIC and (table, name) in existing:
            per_table.setdefault(table, set()).add(name)
    limits = limits or {}
    queries, order = [], []
    for table, names in sorted(per_table.items()):
        names = sorted(names)
        digests = ", ".join(
            f"md5(coalesce(string_agg(coalesce(\"{n}\"::text, '<null>'), '|' "
            f"ORDER BY id), ''))"
            for n in names
        )
        queries.append(
            (
                f'SELECT count(*), max(id), {digests} FROM "{table}" '
                "WHERE %s IS NULL OR id <= %s",
                [limits.get(table), limits.get(table)],
            )
        )
        order.append((table, names))
    results = server.query(odoo, db, *queries)
    digests, maxima, counts = {}, {}, {}
    for (table, names), [row] in zip(order, results, strict=True):
        counts[table], maxima[table] = row[0], row[1] or 0
        for name, digest in zip(names, row[2:], strict=True):
            digests[(table, name)] = digest
    return digests, maxima, counts


def _migrated_names(addons_dir, old_versions):
    """Words of this checkout's migration scripts for versions after the
    installed ones, per module."""
    words = {}
    for name, path in odoo_env.find_modules([addons_dir]).items():
        old = old_versions.get(name)
        for script in (path / "migrations").glob("*/*.py"):
            version = script.parent.name
            if old and _version_key(version) <= _version_key(old):
                continue
            text = script.read_text(encoding="utf-8")
            words.setdefault(name, set()).update(re.findall(r"\w+", text))
    return set().union(*words.values()) if words else set()


def _version_key(version):
    return tuple(int(part) for part in re.findall(r"\d+", version))


_READ_ALL = r"""
import json
failures = []
models = env["ir.model"].search([("model", "like", "bizreg.%")])
count = 0
for model in models.mapped("model"):
    Model = env.get(model)
    if Model is None or Model._abstract or not Model._auto:
        continue
    fields = [n for n, f in Model._fields.items() if f.store]
    try:
        records = Model.sudo().with_context(active_test=False).search([])
        count += len(records.read(fields))
    except Exception as exc:
        failures.append("%s: %s" % (model, exc))
print("BIZREG-READ " + json.dumps({"records": count, "failures": failures}))
"""


def test_upgrade_from_the_previous_release_keeps_the_data():
    odoo = odoo_env.find_odoo(python=os.environ.get("BIZREG_PYTHON"))
    server = pg.database_server()
    old_addons = _old_addons()
    old_modules = _modules(old_addons)
    new_modules = _modules(REPO / "addons")
    db = f"bizreg_upgrade_{secrets.token_hex(4)}"
    LOGS.mkdir(parents=True, exist_ok=True)
    try:
        run_odoo(
            odoo,
            server,
            db,
            LOGS / f"upgrade-install-{db}.log",
            "-i",
            ",".join(odoo_env.install_targets(old_modules)),
            "--without-demo=",
            addons_dirs=[old_addons],
        )
        [old_versions] = server.query(
            odoo,
            db,
            (
                "SELECT name, latest_version FROM ir_module_module "
                "WHERE name LIKE 'bizreg%%' AND state = 'installed'",
                [],
            ),
        )
        old_versions = dict(old_versions)
        assert sorted(old_versions) == old_modules
        before, limits, counts = _snapshot(server, odoo, db)
        assert sum(counts.values()) > 1000, "the old demo made records"

        # the upgrade proper; the modules new since then are installed
        # afterwards (their demo may rightly change existing records)
        run_odoo(
            odoo,
            server,
            db,
            LOGS / f"upgrade-update-{db}.log",
            "-u",
            ",".join(sorted(old_versions)),
        )
        after, _maxima, after_counts = _snapshot(server, odoo, db, limits)
        added = [m for m in new_modules if m not in old_versions]
        if added:
            run_odoo(
                odoo,
                server,
                db,
                LOGS / f"upgrade-install-new-{db}.log",
                "-i",
                ",".join(added),
            )

        [versions] = server.query(
            odoo,
            db,
            (
                "SELECT name, latest_version FROM ir_module_module "
                "WHERE name LIKE 'bizreg%%' AND state = 'installed'",
                [],
            ),
        )
        expected = {
            name: odoo_env.adapt_version(
                odoo_env.read_manifest(REPO / "addons" / name)["version"]
            )
            for name in new_modules
        }
        assert dict(versions) == expected

        migrated = _migrated_names(REPO / "addons", old_versions)
        lost = sorted(
            f"{table}.{column}"
            for table, column in before
            if (table, column) not in after and column not in migrated
        )
        changed = sorted(
            f"{table}.{column}"
            for (table, column), digest in before.items()
            if (table, column) in after
            and after[(table, column)] != digest
            and column not in migrated
        )
        fewer = sorted(t for t, n in counts.items() if after_counts.get(t, 0) < n)
        assert (lost, changed, fewer) == ([], [], [])
        print(
            f"upgrade {PREVIOUS_RELEASE[:8]} -> checkout: {len(before)} stored "
            f"columns of {len(counts)} tables, {sum(counts.values())} records "
            "kept"
        )

        proc = subprocess.run(
            odoo.command(
                "shell",
                *odoo_base_args(odoo, server, db),
                "--no-http",
                "--log-level=warn",
            ),
            input=_READ_ALL,
            capture_output=True,
            text=True,
            cwd=str(REPO),
            env=odoo.environ(),
            timeout=900,
        )
        [line] = [
            line for line in proc.stdout.splitlines() if line.startswith("BIZREG-READ ")
        ]
        result = json.loads(line.split(" ", 1)[1])
        assert result["failures"] == []
        # every record of the bizreg models' tables, each read with every field
        assert result["records"] >= sum(
            n for table, n in counts.items() if table.startswith("bizreg_")
        )
    finally:
        if not os.environ.get("BIZREG_KEEP_DB"):
            with contextlib.suppress(pg.DbError):
                server.drop_database(odoo, db)
            shutil.rmtree(DATA_DIR / "filestore" / db, ignore_errors=True)
        server.release()
