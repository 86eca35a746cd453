"""Suite tier fixtures: one real Odoo server on loopback for the whole run.

See README.md beside this file for the API.  ``./bizreg test`` passes the
database server it uses (``BIZREG_DB_HOST``/``_PORT``/``_USER``) and, when the
Odoo tier already installed every bizreg module with demo data, that database
(``BIZREG_SUITE_DB``) so nothing is installed twice.  Run directly
(``python3 -m pytest tests/suite``) the fixture does everything itself.
"""

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bizreg_rpc import OdooClient, RpcError
from probes import Api, Appraisal, Desk, Sale

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))

from bizreg_tool import odoo_env, pg  # noqa: E402
from bizreg_tool.cli import LANG, odoo_base_args  # noqa: E402
from bizreg_tool.common import DATA_DIR, LOGS, free_port, stop_process  # noqa: E402
from bizreg_tool.odoo_log import error_lines  # noqa: E402

INSTALL_TIMEOUT = 3600
START_TIMEOUT = 300
# Prefork, as in production: two HTTP workers (concurrent requests really run
# in parallel processes), no cron worker, and a real-time limit per request
# that is generous for a shared machine but still kills a runaway request.
WORKERS = 2
LIMIT_TIME_REAL = 600


@dataclass
class OdooServer:
    """The running server: ``url``, ``db``, ``modules`` and a client factory."""

    url: str
    db: str
    modules: list
    logfile: Path
    process: subprocess.Popen = None

    def client(self, timeout=120):
        return OdooClient(self.url, self.db, timeout=timeout)

    def log_errors(self):
        """ERROR/CRITICAL lines the server logged so far (for assertions)."""
        return error_lines(self.logfile)


def _db_server():
    host = os.environ.get("BIZREG_DB_HOST")
    if host:
        return pg.DbServer(
            host=host,
            port=os.environ.get("BIZREG_DB_PORT") or None,
            user=os.environ.get("BIZREG_DB_USER") or None,
        )
    return pg.database_server()


def _odoo_command(odoo, base_args, logfile, *args):
    """Odoo's command line with ``base_args`` and ``args``, on the loopback,
    logging to ``logfile`` (emptied first: Odoo appends, and a run's checks
    read its own lines only)."""
    logfile.unlink(missing_ok=True)
    return odoo.command(
        *base_args, "--http-interface=127.0.0.1", f"--logfile={logfile}", *args
    )


def run_odoo(odoo, server, db, logfile, *args, addons_dirs=None):
    """Run Odoo on ``db`` with ``args`` (``-i``/``-u`` …) to the end of its
    initialisation: no cron, zh_CN loaded, its log in ``logfile``. Fails the
    test when it exits with an error or logs an ERROR."""
    cmd = _odoo_command(
        odoo,
        odoo_base_args(odoo, server, db, addons_dirs),
        logfile,
        f"--load-language={LANG}",
        "--stop-after-init",
        "--max-cron-threads=0",
        "--http-port=%d" % free_port(),
        *args,
    )
    proc = subprocess.run(
        cmd,
        cwd=str(REPO),
        env=odoo.environ(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        timeout=INSTALL_TIMEOUT,
    )
    what = f"{' '.join(args)} on {db}"
    if proc.returncode:
        pytest.fail(f"{what} failed ({proc.returncode}), see {logfile}")
    if errors := error_lines(logfile):
        pytest.fail(f"{what} logged errors, see {logfile}: {errors[0]}")


def _wait_ready(server, client):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(
                f"the Odoo server exited ({server.process.returncode}), "
                f"see {server.logfile}"
            )
        with contextlib.suppress(OSError, RpcError, ValueError):
            client.version_info()
            status, _body = client.get("/web/login")  # waits for the registry
            if status == 200:
                return
        time.sleep(0.5)
    pytest.fail(f"the Odoo server did not answer within {START_TIMEOUT}s")


def start_server(odoo, base_args, db, modules, logfile, workers=WORKERS, *extra):
    """Start Odoo's prefork server (``workers`` HTTP workers, a real-time
    limit per request) with ``base_args`` and ``extra`` on free loopback
    ports; return the :class:`OdooServer` (not yet ready: see
    ``_wait_ready``)."""
    port = free_port()
    gevent_port = free_port()
    while gevent_port == port:
        gevent_port = free_port()
    extra = extra or ("--max-cron-threads=0",)
    cmd = _odoo_command(
        odoo,
        base_args,
        logfile,
        f"--http-port={port}",
        f"--gevent-port={gevent_port}",
        f"--workers={workers}",
        f"--limit-time-real={LIMIT_TIME_REAL}",
        f"--limit-time-cpu={LIMIT_TIME_REAL}",
        *extra,
    )
    proc = subprocess.Popen(
        cmd,
        cwd=str(REPO),
        env=odoo.environ(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return OdooServer(f"http://127.0.0.1:{port}", db, sorted(modules), logfile, proc)


@pytest.fixture(scope="session")
def odoo_server():
    """Start ``python -m odoo`` on a free 127.0.0.1 port; yield :class:`OdooServer`."""
    try:
        odoo = odoo_env.find_odoo(python=os.environ.get("BIZREG_PYTHON"))
    except odoo_env.OdooNotFound as exc:
        pytest.skip(exc.sentence())
    # ./bizreg test names the modules its odoo tier installed (the same database)
    modules = [m for m in os.environ.get("BIZREG_MODULES", "").split(",") if m]
    modules = modules or odoo_env.bizreg_modules()
    if not modules:
        pytest.skip("no bizreg module under addons/ yet")
    LOGS.mkdir(parents=True, exist_ok=True)
    server = _db_server()
    db = os.environ.get("BIZREG_SUITE_DB")
    created = not db
    proc = None
    try:
        if created:
            db = f"bizreg_suite_{secrets.token_hex(4)}"
            run_odoo(
                odoo,
                server,
                db,
                LOGS / f"suite-install-{db}.log",
                "-i",
                ",".join(odoo_env.install_targets(modules)),
                "--without-demo=",
            )
        logfile = LOGS / f"suite-server-{db}.log"
        running = start_server(
            odoo, odoo_base_args(odoo, server, db), db, modules, logfile
        )
        proc = running.process
        _wait_ready(running, running.client())
        yield running
    finally:
        stop_process(proc)
        if created and db and not os.environ.get("BIZREG_KEEP_DB"):
            with contextlib.suppress(pg.DbError):
                server.drop_database(odoo, db)
            shutil.rmtree(DATA_DIR / "filestore" / db, ignore_errors=True)
        server.release()


@pytest.fixture
def odoo_client(odoo_server):
    """A fresh :class:`bizreg_rpc.OdooClient` on the suite's server."""
    return odoo_server.client()


# ----------------------------------------------------------------------
# Adversarial probes (see probes.py)
# ----------------------------------------------------------------------
@pytest.fixture(scope="session")
def probe_client(odoo_server):
    """One client for every probe: its sessions (one per user and thread) are
    reused, since a login costs a password hash on the server."""
    return odoo_server.client()


@pytest.fixture
def api(probe_client):
    """:class:`probes.Api`: calls as any login, admin reads."""
    return Api(probe_client)


@pytest.fixture
def sale(api):
    return Sale(api)


@pytest.fixture
def desk(api):
    return Desk(api)


@pytest.fixture
def appraisal(api):
    return Appraisal(api)


@pytest.fixture(scope="session")
def portal_login(probe_client):
    """Login of a portal customer (contact of a demo customer company), created
    once by admin; its password is its login."""
    admin = Api(probe_client)
    login = f"portal_{secrets.token_hex(4)}"
    partner = admin.create(
        "res.partner",
        {
            "name": f"Portal customer {login}",
            "email": f"{login}@customer.example.com",
            "parent_id": admin.ref("bizreg_sale.demo_partner_huaxin"),
        },
    )
    admin.create(
        "res.users",
        {
            "login": login,
            "password": login,
            "partner_id": partner,
            "groups_id": [(6, 0, [admin.ref("base.group_portal")])],
        },
    )
    return login
