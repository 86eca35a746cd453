"""The database server: a configured one, or an embedded cluster in .cache/pg.

The embedded cluster belongs to the repository: data in ``.cache/pg/data``,
its unix socket in ``.cache/pg/run``, TCP on a free 127.0.0.1 port, trust
authentication for loopback only, superuser role ``bizreg`` (Odoo refuses
``postgres``).  PostgreSQL refuses to run as root, so when we are root it runs
as the ``postgres`` system user (created as ``bizreg-pg`` if missing).

Several invocations may share it (a developer's ``run`` and a ``test``, two
engineers' ``test``): start and stop happen under a file lock, each user holds
a lease file named by its pid, and an invocation stops the cluster only if it
started it and no other live lease remains.
"""

import configparser
import contextlib
import glob
import json
import os
import pwd
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .common import CACHE, ODOO_CONF, file_lock, free_port, pid_alive, port_is_free, say

ROLE = "bizreg"
_FALSE = {"", "false", "none"}
_DB_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


class DbError(Exception):
    pass


def read_odoo_conf(path=ODOO_CONF):
    parser = configparser.ConfigParser(interpolation=None)
    if Path(path).is_file():
        parser.read(path, encoding="utf-8")
    if not parser.has_section("options"):
        return {}
    return {
        key: value
        for key, value in parser.items("options")
        if value.strip().lower() not in _FALSE
    }


@dataclass
class DbServer:
    host: str = None
    port: int = None
    user: str = None
    cluster: "Cluster" = None

    def describe(self):
        where = f"{self.host or '(libpq default)'}:{self.port or '(default)'}"
        kind = "embedded cluster .cache/pg" if self.cluster else "configured server"
        return f"{kind} at {where}, user {self.user or '(libpq default)'}"

    def odoo_args(self):
        args = []
        if self.host:
            args.append(f"--db_host={self.host}")
        if self.port:
            args.append(f"--db_port={self.port}")
        if self.user:
            args.append(f"--db_user={self.user}")
        return args

    def dsn(self, dbname):
        dsn = {"dbname": dbname}
        if self.host:
            dsn["host"] = self.host
        if self.port:
            dsn["port"] = int(self.port)
        if self.user:
            dsn["user"] = self.user
        return dsn

    def release(self):
        if self.cluster:
            self.cluster.release()

    # -- queries, run by the Python that has Odoo (and so psycopg2)

    def query(self, odoo, dbname, *queries):
        """Run ``(sql, params)`` pairs in ``dbname``; return one result each."""
        request = {"dsn": self.dsn(dbname), "queries": [list(q) for q in queries]}
        proc = subprocess.run(
            [odoo.python, "-c", _QUERY],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            env=odoo.environ(),
            timeout=300,
        )
        try:
            answer = json.loads(proc.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError) as exc:
            raise DbError(proc.stderr.strip()[-500:] or str(exc)) from exc
        if "error" in answer:
            raise DbError(answer["error"])
        return answer["results"]

    def database_exists(self, odoo, name):
        sql = "SELECT 1 FROM pg_database WHERE datname = %s"
        [rows] = self.query(odoo, "postgres", (sql, [name]))
        return bool(rows)

    def drop_database(self, odoo, name):
        if not _DB_NAME.match(name):
            raise DbError(f"refusing to drop oddly named database {name!r}")
        self.query(
            odoo, "postgres", (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', [])
        )


def copy_database(source, target, dbname, timeout=1800):
    """Copy database ``dbname`` from DbServer ``source`` to DbServer
    ``target`` (same name), through ``pg_dump | pg_restore`` of the
    PostgreSQL client tools beside the server binaries."""
    bindir = Path(Cluster().bindir)

    def conn(server):
        args = []
        if server.host:
            args += ["-h", str(server.host)]
        if server.port:
            args += ["-p", str(server.port)]
        if server.user:
            args += ["-U", str(server.user)]
        return args

    dump = subprocess.Popen(
        [str(bindir / "pg_dump"), *conn(source), "-Fc", "-Z", "0", dbname],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    restore = subprocess.run(
        [
            str(bindir / "pg_restore"),
            *conn(target),
            "-C",
            "-d",
            "postgres",
            "--no-owner",
        ],
        stdin=dump.stdout,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    dump.stdout.close()
    dump_err = dump.stderr.read().decode("utf-8", "replace")
    if dump.wait(timeout=60) or restore.returncode:
        raise DbError(
            f"copying {dbname} failed: {dump_err.strip()[-500:]} "
            f"{restore.stderr.strip()[-500:]}"
        )


_QUERY = r"""
import json, sys
request = json.load(sys.stdin)
try:
    import psycopg2
    conn = psycopg2.connect(**request["dsn"])
    conn.autocommit = True
    results = []
    with conn.cursor() as cr:
        for sql, params in request["queries"]:
            cr.execute(sql, params)
            results.append(cr.fetchall() if cr.description else None)
    conn.close()
    print(json.dumps({"results": results}, default=str))
except Exception as exc:
    print(json.dumps({"error": "%s: %s" % (type(exc).__name__, exc)}))
"""


def database_server(host=None, port=None, user=None, lease=True):
    """The configured server, or the embedded cluster (started if needed).

    Configured means: an explicit ``--db-host``, ``$PGHOST``, or ``db_host`` in
    odoo.conf.  Credentials stay with libpq (``$PGPASSWORD``, ``~/.pgpass``).
    """
    conf = read_odoo_conf()
    host = host or os.environ.get("PGHOST") or conf.get("db_host")
    if host:
        return DbServer(
            host=host,
            port=port or os.environ.get("PGPORT") or conf.get("db_port"),
            user=user or os.environ.get("PGUSER") or conf.get("db_user"),
        )
    cluster = Cluster()
    cluster_port = cluster.start(lease=lease)
    return DbServer(host="127.0.0.1", port=cluster_port, user=ROLE, cluster=cluster)


class Cluster:
    def __init__(self, root=None):
        self.root = Path(root or CACHE / "pg")
        self.data = self.root / "data"
        self.sockets = self.root / "run"
        self.logfile = self.root / "log" / "postgresql.log"
        self.lock = self.root / "cluster.lock"
        self.leases = self.root / "leases"
        self.port_file = self.root / "port"
        self.started = False  # by this invocation
        self.leased = False
        self._bindir = None
        self._user = None

    # -- helpers

    @property
    def bindir(self):
        if self._bindir:
            return self._bindir
        candidates = []
        if os.environ.get("PG_BINDIR"):
            candidates.append(os.environ["PG_BINDIR"])
        if shutil.which("pg_config"):
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                out = subprocess.run(
                    ["pg_config", "--bindir"], capture_output=True, text=True
                ).stdout.strip()
                candidates.append(out)
        candidates += sorted(
            glob.glob("/usr/lib/postgresql/*/bin"),
            key=lambda p: int(re.sub(r"\D", "", p) or 0),
            reverse=True,
        )
        if shutil.which("pg_ctl"):
            candidates.append(str(Path(shutil.which("pg_ctl")).parent))
        for candidate in candidates:
            if (
                candidate
                and (Path(candidate) / "pg_ctl").is_file()
                and (Path(candidate) / "initdb").is_file()
            ):
                self._bindir = candidate
                return candidate
        raise DbError(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found: install "
            "PostgreSQL >= 13 (e.g. apt-get install postgresql), set PG_BINDIR, "
            "or configure a database server with PGHOST / db_host in odoo.conf."
        )

    @property
    def os_user(self):
        """The unprivileged user running the cluster when we are root."""
        if os.geteuid() != 0:
            return None
        if self._user:
            return self._user
        for name in ("postgres", "bizreg-pg"):
            with contextlib.suppress(KeyError):
                pwd.getpwnam(name)
                self._user = name
                return name
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                "bizreg-pg",
            ],
            check=True,
        )
        self._user = "bizreg-pg"
        return self._user

    def _cmd(self, tool, *args):
        cmd = [str(Path(self.bindir) / tool), *map(str, args)]
        if self.os_user:
            cmd = ["runuser", "-u", self.os_user, "--", *cmd]
        return cmd

    def _run(self, tool, *args, check=True, timeout=120):
        proc = subprocess.run(
            self._cmd(tool, *args),
            cwd=str(self.root),
            capture_output=True,
            text=True,
            timeout=timeout,
            start_new_session=True,  # a terminal Ctrl-C must not reach postgres
        )
        if check and proc.returncode:
            raise DbError(
                f"{tool} failed ({proc.returncode}): "
                f"{(proc.stderr or proc.stdout).strip()[-800:]}"
            )
        return proc

    def _own(self, path, mode):
        path.mkdir(parents=True, exist_ok=True)
        if self.os_user:
            entry = pwd.getpwnam(self.os_user)
            os.chown(path, entry.pw_uid, entry.pw_gid)
        path.chmod(mode)

    def _make_reachable(self):
        """Let the cluster user traverse the ancestors of .cache/pg."""
        if not self.os_user:
            return
        probe = ["runuser", "-u", self.os_user, "--", "test", "-w", str(self.data)]
        if subprocess.run(probe).returncode == 0:
            return
        for parent in reversed(self.data.parents):
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o001)
                say(f"(gave others traverse permission on {parent} for {self.os_user})")
        if subprocess.run(probe).returncode:
            raise DbError(f"user {self.os_user} cannot write {self.data}")

    # -- lifecycle

    def initialized(self):
        return (self.data / "PG_VERSION").is_file()

    def _init(self):
        say(f"Initialising the embedded PostgreSQL cluster in {self.data} ...")
        self.root.mkdir(parents=True, exist_ok=True)
        if self.data.exists():  # a half-made cluster from an interrupted init
            shutil.rmtree(self.data)
        self._own(self.data, 0o700)
        self._own(self.sockets, 0o700)
        self._own(self.logfile.parent, 0o700)
        self._make_reachable()
        self._run(
            "initdb",
            "-D",
            self.data,
            "-U",
            ROLE,
            "-E",
            "UTF8",
            "--locale=C",
            "--auth=trust",
            "--no-instructions",
            timeout=300,
        )
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# bizreg embedded cluster (./bizreg run / test)\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.sockets}'\n"
                "max_connections = 200\n"
                "shared_buffers = 256MB\n"
                "synchronous_commit = off\n"
            )
        (self.data / "pg_hba.conf").write_text(
            "# bizreg embedded cluster: trust on the private socket and loopback only\n"
            "local all all trust\n"
            "host  all all 127.0.0.1/32 trust\n"
            "# streaming replicas made with make_replica (loopback only)\n"
            "host  replication all 127.0.0.1/32 trust\n",
            encoding="utf-8",
        )

    def make_replica(self, root):
        """A streaming replica of this (running) cluster in ``root``, made
        with ``pg_basebackup`` over loopback: a hot standby (read-only
        queries) following this cluster's WAL.  Start it with ``start()``;
        it listens on its own port and socket directory."""
        port = self.running_port()
        if not port:
            raise DbError("the primary cluster is not running")
        replica = Cluster(root)
        if replica.data.exists():
            shutil.rmtree(replica.data)
        replica.root.mkdir(parents=True, exist_ok=True)
        self._own(replica.root, 0o755)
        replica._own(replica.data, 0o700)
        replica._own(replica.sockets, 0o700)
        replica._own(replica.logfile.parent, 0o700)
        replica._make_reachable()
        self._run(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            port,
            "-U",
            ROLE,
            "-D",
            replica.data,
            "-R",  # standby.signal and primary_conninfo
            "-X",
            "stream",
            "-c",
            "fast",
            timeout=900,
        )
        with open(replica.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# bizreg streaming replica (make_replica)\n"
                f"unix_socket_directories = '{replica.sockets}'\n"
                "hot_standby = on\n"
            )
        return replica

    def is_standby(self):
        return (self.data / "standby.signal").is_file()

    def running_port(self):
        """The port of the running postmaster, or None."""
        if not self.initialized():
            return None
        if self._run("pg_ctl", "status", "-D", self.data, check=False).returncode:
            return None
        with contextlib.suppress(OSError, IndexError, ValueError):
            lines = (self.data / "postmaster.pid").read_text().splitlines()
            return int(lines[3])
        return None

    def start(self, lease=True):
        """Start (or reuse) the cluster; return its TCP port."""
        with file_lock(self.lock):
            if not self.initialized():
                self._init()
            port = self.running_port()
            if port:
                say(f"Reusing the running embedded PostgreSQL on 127.0.0.1:{port}")
            else:
                port = self._start_postmaster()
                self.started = True
            if lease:
                self.leases.mkdir(parents=True, exist_ok=True)
                (self.leases / str(os.getpid())).write_text(str(time.time()))
                self.leased = True
            return port

    def _start_postmaster(self):
        self._make_reachable()
        previous = None
        with contextlib.suppress(OSError, ValueError):
            previous = int(self.port_file.read_text())
        error = None
        for attempt in range(3):
            port = (
                previous
                if previous and attempt == 0 and port_is_free(previous)
                else free_port()
            )
            started = time.monotonic()
            proc = self._run(
                "pg_ctl",
                "start",
                "-D",
                self.data,
                "-w",
                "-t",
                "60",
                "-l",
                self.logfile,
                "-o",
                f"-p {port}",
                check=False,
                timeout=120,
            )
            if proc.returncode == 0:
                self.port_file.write_text(str(port))
                say(
                    f"Started the embedded PostgreSQL on 127.0.0.1:{port} "
                    f"({time.monotonic() - started:.1f}s)"
                )
                return port
            error = (proc.stderr or proc.stdout).strip()
        log_tail = ""
        with contextlib.suppress(OSError):
            log_tail = "\n".join(self.logfile.read_text().splitlines()[-15:])
        raise DbError(f"PostgreSQL did not start: {error}\n{log_tail}")

    def live_leases(self):
        pids = []
        if self.leases.is_dir():
            for lease in self.leases.iterdir():
                try:
                    pid = int(lease.name)
                except ValueError:
                    continue
                if pid != os.getpid() and pid_alive(pid):
                    pids.append(pid)
                elif pid != os.getpid():
                    lease.unlink(missing_ok=True)
        return pids

    def release(self):
        """Drop our lease; stop the cluster if we started it and nobody else uses it."""
        with file_lock(self.lock):
            if self.leased:
                (self.leases / str(os.getpid())).unlink(missing_ok=True)
                self.leased = False
            if not self.started:
                return
            others = self.live_leases()
            if others:
                say(
                    "Leaving the embedded PostgreSQL running: still used by pid(s) "
                    + ", ".join(map(str, others))
                )
                return
            self.stop()
            self.started = False

    def stop(self):
        if self.running_port() is None:
            return
        self._run(
            "pg_ctl",
            "stop",
            "-D",
            self.data,
            "-m",
            "fast",
            "-w",
            "-t",
            "60",
            check=False,
            timeout=90,
        )
        say("Stopped the embedded PostgreSQL.")
