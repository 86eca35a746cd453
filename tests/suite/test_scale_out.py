"""Scale-out with Odoo's own parts, on loopback (issue 18).

Two Odoo servers (prefork, two HTTP workers and two cron workers each) on one
PostgreSQL primary, sharing the data directory (sessions and filestore), and
both reading through Odoo 18's ``db_replica_host`` from a hot standby made
with ``pg_basebackup``.  Nothing here is bizreg code: the test proves the
suite runs in that deployment (README, "Several servers and a read
replica").

The primary is a cluster of its own in ``.cache/scale`` holding a copy of the
suite's database (bizreg with demo data), so the shared development cluster
is neither reconfigured nor copied; everything is removed afterwards.
"""

import base64
import contextlib
import os
import shutil
import time
import uuid
from dataclasses import dataclass

import pytest
from bizreg_rpc import RpcError, Session
from bizreg_tool import odoo_env, pg
from bizreg_tool.cli import odoo_base_args
from bizreg_tool.common import CACHE, DATA_DIR, LOGS, stop_process
from conftest import START_TIMEOUT, _wait_ready, start_server

SCALE = CACHE / "scale"
WAIT = 90  # seconds for a cron run or the replica to catch up


@dataclass
class ScaleOut:
    db: str
    primary: pg.DbServer
    replica: pg.DbServer
    servers: list  # two OdooServer

    def query(self, odoo, server, sql, params=()):
        [rows] = server.query(odoo, self.db, (sql, list(params)))
        return rows


@pytest.fixture(scope="module")
def scale_out(odoo_server):
    odoo = odoo_env.find_odoo(python=os.environ.get("BIZREG_PYTHON"))
    db = odoo_server.db
    source = pg.database_server()
    if SCALE.exists():
        for root in (SCALE / "replica", SCALE / "primary"):
            with contextlib.suppress(pg.DbError):
                pg.Cluster(root).stop()
        shutil.rmtree(SCALE)
    primary_cluster = pg.Cluster(SCALE / "primary")
    replica_cluster = None
    procs = []
    try:
        primary_port = primary_cluster.start(lease=False)
        primary = pg.DbServer("127.0.0.1", primary_port, pg.ROLE)
        pg.copy_database(source, primary, db)
        # Odoo's publisher job calls odoo.com: the test machine is offline
        primary.query(
            odoo,
            db,
            (
                "UPDATE ir_cron SET active = false WHERE id IN (SELECT res_id "
                "FROM ir_model_data WHERE module = 'mail' "
                "AND name = 'ir_cron_module_update_notification')",
                [],
            ),
        )
        data_dir = SCALE / "odoo"
        shutil.copytree(
            DATA_DIR / "filestore" / db,
            data_dir / "filestore" / db,
            dirs_exist_ok=True,
        )
        replica_cluster = primary_cluster.make_replica(SCALE / "replica")
        replica_port = replica_cluster.start(lease=False)
        replica = pg.DbServer("127.0.0.1", replica_port, pg.ROLE)
        assert replica_cluster.is_standby()
        servers = []
        for name in ("a", "b"):
            server = start_server(
                odoo,
                odoo_base_args(odoo, primary, db),
                db,
                odoo_server.modules,
                LOGS / f"scale-{name}-{db}.log",
                2,
                f"--data-dir={data_dir}",
                "--db_replica_host=127.0.0.1",
                f"--db_replica_port={replica_port}",
                "--max-cron-threads=2",
            )
            procs.append(server.process)
            servers.append(server)
        for server in servers:
            _wait_ready(server, server.client(timeout=START_TIMEOUT))
        yield ScaleOut(db, primary, replica, servers)
        for server in servers:
            assert server.log_errors() == [], server.logfile
    finally:
        for proc in procs:
            stop_process(proc)
        for cluster in (replica_cluster, primary_cluster):
            if cluster:
                with contextlib.suppress(pg.DbError):
                    cluster.stop()
        shutil.rmtree(SCALE, ignore_errors=True)


@pytest.fixture(scope="module")
def odoo():
    return odoo_env.find_odoo(python=os.environ.get("BIZREG_PYTHON"))


def _session(server, login="admin"):
    return Session(server.url, server.db).authenticate(
        login, "admin" if login == "admin" else login
    )


def _wait_until(check, what):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    pytest.fail(f"{what}: not within {WAIT}s")


def _caught_up(scale, odoo):
    """Wait until the replica has replayed everything the primary wrote."""
    [[lsn]] = scale.query(odoo, scale.primary, "SELECT pg_current_wal_lsn()::text")
    _wait_until(
        lambda: scale.query(
            odoo,
            scale.replica,
            "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn",
            [lsn],
        )[0][0],
        "the replica replaying the primary's WAL",
    )


def test_replica_is_a_streaming_hot_standby(scale_out, odoo):
    [[recovery]] = scale_out.query(
        odoo, scale_out.replica, "SELECT pg_is_in_recovery()"
    )
    assert recovery is True
    [[senders]] = scale_out.query(
        odoo,
        scale_out.primary,
        "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'",
    )
    assert senders == 1
    with pytest.raises(pg.DbError, match="read-only transaction"):
        scale_out.query(
            odoo, scale_out.replica, "CREATE TABLE bizreg_scale_probe (id int)"
        )


def test_session_of_one_server_serves_the_other(scale_out):
    a, b = scale_out.servers
    session = _session(a, "director")
    assert session.uid
    info_a = session.jsonrpc("/web/session/get_session_info")
    session.url = b.url  # the same cookie, sent to the other server
    info_b = session.jsonrpc("/web/session/get_session_info")
    assert info_b["uid"] == info_a["uid"] == session.uid
    assert info_b["db"] == scale_out.db
    # logging out on B ends the session on A too (one session store)
    session.jsonrpc("/web/session/destroy")
    session.url = a.url
    with pytest.raises(RpcError, match="SessionExpired"):
        session.jsonrpc("/web/session/get_session_info")


def test_file_stored_by_one_server_is_read_by_the_other(scale_out, odoo):
    a, b = scale_out.servers
    content = uuid.uuid4().hex.encode()
    datas = base64.b64encode(content).decode()
    attachment = _session(a).call_kw(
        "ir.attachment", "create", [{"name": "scale.txt", "datas": datas}]
    )
    _caught_up(scale_out, odoo)  # read() is read-only: the replica answers
    [row] = _session(b).call_kw(
        "ir.attachment", "read", [[attachment], ["datas", "store_fname"]]
    )
    assert row["store_fname"], "kept in the filestore, not in the database"
    assert base64.b64decode(row["datas"]) == content


def _replica_backends(scale, odoo):
    """Odoo's connections to the suite database on the replica (Odoo names
    each connection ``odoo-<pid>``)."""
    return scale.query(
        odoo,
        scale.replica,
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = %s AND application_name LIKE 'odoo-%%'",
        [scale.db],
    )[0][0]


def _replay(scale, odoo, action):
    scale.query(odoo, scale.replica, f"SELECT pg_wal_replay_{action}()")


def _names(session, ids):
    """The names of partners ``ids`` as the web client's list reads them
    (``web_search_read``, declared read-only: served from the replica)."""
    found = session.call_kw(
        "res.partner",
        "web_search_read",
        [[("id", "in", ids)]],
        {"specification": {"name": {}}},
    )
    return [row["name"] for row in found["records"]]


def test_read_only_requests_run_on_the_replica(scale_out, odoo):
    """With the replica's replay paused, a record just written on the primary
    is missing from what the read-only routes answer and present in what the
    read/write routes answer; once the replay resumes, both see it."""
    a, b = scale_out.servers
    director_b = _session(b, "director")
    admin_a = _session(a)
    name = f"Scale replica {uuid.uuid4().hex[:8]}"
    _replay(scale_out, odoo, "pause")
    try:
        partner = admin_a.call_kw("res.partner", "create", [{"name": name}])
        # read/write route (/jsonrpc execute_kw): the primary
        assert b.client().execute_kw(
            "res.partner", "search_read", [[("id", "=", partner)]], {"fields": ["name"]}
        ) == [{"id": partner, "name": name}]
        # read-only route (/web/dataset/call_kw of a read-only method): the replica
        assert _names(director_b, [partner]) == []
        assert _replica_backends(scale_out, odoo) >= 1
    finally:
        _replay(scale_out, odoo, "resume")
    _caught_up(scale_out, odoo)
    assert _names(director_b, [partner]) == [name]
    # a bizreg report page (the KPI lines' grouped figures) on the replica
    groups = director_b.call_kw(
        "bizreg.appraisal.line",
        "web_read_group",
        [[]],
        {"fields": ["weighted_score:sum"], "groupby": ["kpi_id"]},
    )
    assert groups["length"] >= 1


def test_cron_jobs_run_once_with_four_cron_workers(scale_out, odoo):
    """Two servers with two cron workers each, all woken by the trigger's
    notification: Odoo's job lock lets exactly one of them run each time."""
    a, b = scale_out.servers
    admin = _session(a)
    token = f"bizreg-scale-cron-{uuid.uuid4().hex[:8]}"
    [model] = admin.call_kw(
        "ir.model", "search", [[("model", "=", "res.partner")]], {"limit": 1}
    )
    cron = admin.call_kw(
        "ir.cron",
        "create",
        [
            {
                "name": token,
                "model_id": model,
                "state": "code",
                "code": f"model.create({{'name': '{token}'}})",
                "interval_number": 1,
                "interval_type": "days",
                "nextcall": "2100-01-01 00:00:00",
            }
        ],
    )
    trigger = admin.call_kw(
        "ir.actions.server",
        "create",
        [
            {
                "name": f"{token} trigger",
                "model_id": model,
                "state": "code",
                "code": f"env['ir.cron'].browse({cron})._trigger()",
            }
        ],
    )

    def runs():  # counted on the primary
        return scale_out.query(
            odoo,
            scale_out.primary,
            "SELECT count(*) FROM res_partner WHERE name = %s",
            [token],
        )[0][0]

    for round_, server in enumerate((a, b, a), start=1):
        _session(server).call_kw("ir.actions.server", "run", [[trigger]])
        _wait_until(lambda round_=round_: runs() >= round_, f"cron run {round_}")
        time.sleep(3)  # time for a second worker to run it wrongly
        assert runs() == round_
    [[triggers]] = scale_out.query(
        odoo,
        scale_out.primary,
        "SELECT count(*) FROM ir_cron_trigger WHERE cron_id = %s",
        [cron],
    )
    assert triggers == 0
