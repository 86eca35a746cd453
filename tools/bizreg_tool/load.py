"""``./bizreg load``: the load scenario (tests/load/locustfile.py) against a
prefork Odoo on loopback; see README.md.

Locust lives in a virtual environment of its own (``.cache/locust``): its
gevent release differs from the one Odoo pins, and the load must come from
another process than the server anyway."""

import csv
import json
import statistics
import subprocess
import sys
import threading
import time
import venv
from pathlib import Path

from . import odoo_env
from .common import (
    CACHE,
    LOGS,
    REPO,
    Interrupted,
    fmt_seconds,
    free_port,
    loud,
    say,
    stop_process,
)
from .odoo_log import error_lines
from .pg import DbError, database_server

LOCUST = "locust==2.32.*"
LOCUST_VENV = CACHE / "locust"
LOCUSTFILE = REPO / "tests" / "load" / "locustfile.py"
P95_GOAL_MS = 1000
# the demo users whose groups the seats take, by the role the scenario plays
TEMPLATES = {
    "xs_user": "sales",
    "xs_manager": "sales",
    "kf_user": "service",
    "kf_manager": "service",
    "legal": "legal",
    "finance": "legal",
    "risk": "legal",
    "hr_officer": "hr",
    "director": "director",
    "auditor": "director",
    "yg_user": "employee",
}
SAMPLE_EVERY = 5.0


def _locust_python():
    """The venv's Python with Locust, made on first use (None if it cannot)."""
    python = LOCUST_VENV / "bin" / "python"
    if python.exists():
        done = subprocess.run(
            [str(python), "-c", "import locust"], capture_output=True, check=False
        )
        if done.returncode == 0:
            return python
    say(f"Installing {LOCUST} into {LOCUST_VENV} ...")
    venv.EnvBuilder(with_pip=True, clear=True).create(LOCUST_VENV)
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", LOCUST], check=False
    )
    return python if done.returncode == 0 else None


def _seats(client, count):
    """``count`` users for the run (``load_<template>_<n>``, password = login),
    each with the groups of a demo user of a role, made once per database."""
    admin = client.session()
    templates = admin.call_kw(
        "res.users",
        "search_read",
        [[["login", "in", list(TEMPLATES)]]],
        {"fields": ["login", "groups_id"], "context": {"active_test": False}},
    )
    if not templates:
        raise RuntimeError(
            "the database has none of the demo users the seats copy "
            f"({', '.join(TEMPLATES)}): it needs the bizreg demo data"
        )
    templates.sort(key=lambda user: list(TEMPLATES).index(user["login"]))
    seats, groups = [], {}
    for n in range(count):
        template = templates[n % len(templates)]
        login = f"load_{template['login']}_{n:02d}"
        seats.append(
            {"login": login, "password": login, "role": TEMPLATES[template["login"]]}
        )
        groups[login] = template["groups_id"]
    # the seats made by an earlier run, then the others in one call
    existing = {
        user["login"]
        for user in admin.call_kw(
            "res.users",
            "search_read",
            [[["login", "in", list(groups)]]],
            {"fields": ["login"], "context": {"active_test": False}},
        )
    }
    missing = [login for login in groups if login not in existing]
    if missing:
        admin.call_kw(
            "res.users",
            "create",
            [
                [
                    {
                        "name": f"负载 {login}",
                        "login": login,
                        "password": login,
                        "lang": "zh_CN",
                        "tz": "Asia/Shanghai",
                        "groups_id": [[6, 0, groups[login]]],
                    }
                    for login in missing
                ]
            ],
            {"context": {"no_reset_password": True}},
        )
    return seats


def _children(pid):
    """``{pid: resident MB}`` of the processes whose parent is ``pid``."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            # "pid (comm) state ppid ...": comm may hold spaces
            if int(stat.rsplit(")", 1)[1].split()[1]) != pid:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    found[int(entry.name)] = int(line.split()[1]) / 1024
        except (OSError, ValueError, IndexError):  # a worker that just ended
            continue
    return found


class _Memory:
    """The resident memory of the server's worker processes, sampled in a
    thread: ``{pid: [MB, ...]}``."""

    def __init__(self, pid):
        self._pid = pid
        self.samples = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            for child, mb in _children(self._pid).items():
                self.samples.setdefault(child, []).append(mb)
            self._stop.wait(SAMPLE_EVERY)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def report(self):
        """Lines about each worker: first and last minute's mean, maximum."""
        per_minute = max(1, int(60 / SAMPLE_EVERY))
        lines, growth = [], []
        # the workers; not a child that lived a few seconds (a recycled
        # cron worker's successor, a helper process)
        brief = {pid for pid, values in self.samples.items() if len(values) < 3}
        for pid, values in sorted(self.samples.items()):
            if pid in brief:
                continue
            first = statistics.mean(values[:per_minute])
            last = statistics.mean(values[-per_minute:])
            growth.append(last - first)
            lines.append(
                f"  worker {pid}: {first:.0f} MB in the first minute, "
                f"{last:.0f} MB in the last, at most {max(values):.0f} MB "
                f"({len(values)} samples)"
            )
        if brief:
            lines.append(
                f"  ({len(brief)} processes that lived under 15 s left out: more "
                "than one or two is a child started again and again, such as a "
                "websocket (gevent) process that fails: see the server's log)"
            )
        return lines, max(growth, default=0.0)


def _stats(prefix):
    """Aggregated and per-request rows of Locust's ``<prefix>_stats.csv``."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return total, [row for row in rows if row["Name"] != "Aggregated"]


def _ms(value):
    """A time of Locust's CSV in ms ("N/A" where a request had no answer)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def cmd_load(args, helpers):
    """``helpers``: cli's odoo_base_args, plan_database, prepare_command,
    record_checksums (passed in: cli imports this module)."""
    odoo = odoo_env.command_odoo(args)
    if not odoo:
        return 2
    sys.path.insert(0, str(REPO / "tests" / "suite"))
    from bizreg_rpc import OdooClient  # the suite tier's JSON-RPC client

    python = _locust_python()
    if not python:
        loud(f"could not install {LOCUST} (no network?): the load cannot run")
        return 2
    modules = odoo_env.bizreg_modules()
    LOGS.mkdir(parents=True, exist_ok=True)
    server = proc = None
    popen = {"cwd": str(REPO), "env": odoo.environ(), "start_new_session": True}
    try:
        server = database_server(args.db_host, args.db_port, args.db_user)
        plan = helpers.plan_database(
            odoo, server, args.db, modules, odoo_env.install_targets(modules)
        )
        if plan.work:
            install_log = LOGS / f"load-install-{args.db}.log"
            say(f"Preparing {args.db} (log: {install_log}) ...")
            with open(install_log, "w", encoding="utf-8") as out:
                rc = subprocess.call(
                    helpers.prepare_command(odoo, server, args.db, plan),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    **popen,
                )
            if rc:
                loud(f"Odoo could not install or upgrade {args.db}: see {install_log}")
                return rc
            helpers.record_checksums(odoo, server, args.db, plan)
        port, gevent_port = free_port(), free_port()
        logfile = LOGS / f"load-server-{args.db}.log"
        logfile.unlink(missing_ok=True)  # Odoo appends: this run's errors only
        say(
            f"Serving {args.db} with {args.workers} HTTP workers and a cron "
            f"worker on 127.0.0.1:{port} (log: {logfile})"
        )
        proc = subprocess.Popen(
            odoo.command(
                *helpers.odoo_base_args(odoo, server, args.db),
                f"--http-port={port}",
                f"--gevent-port={gevent_port}",
                "--http-interface=127.0.0.1",
                f"--workers={args.workers}",
                "--max-cron-threads=1",
                "--limit-time-real=120",
                "--limit-time-cpu=60",
                f"--logfile={logfile}",
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **popen,
        )
        url = f"http://127.0.0.1:{port}"
        client = OdooClient(url, args.db)
        deadline = time.monotonic() + 300
        while True:
            try:
                if client.get("/web/login")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                loud(f"the Odoo server did not start: see {logfile}")
                return 1
            time.sleep(1)
        seats = _seats(client, args.users)
        seats_file = LOGS / f"load-seats-{args.db}.json"
        seats_file.write_text(json.dumps(seats), "utf-8")
        prefix = LOGS / f"load-{args.db}"
        say(
            f"Load: {args.users} users of {len(set(s['role'] for s in seats))} "
            f"roles for {fmt_seconds(args.duration)}, Locust log: {prefix}.log"
        )
        env = dict(odoo.environ(), BIZREG_LOAD_USERS=str(seats_file))
        env["BIZREG_LOAD_DB"] = args.db
        started = time.monotonic()
        with _Memory(proc.pid) as memory:
            subprocess.run(
                [
                    str(python),
                    "-m",
                    "locust",
                    "-f",
                    str(LOCUSTFILE),
                    "--headless",
                    "--host",
                    url,
                    "-u",
                    str(args.users),
                    # one login a second (a login hashes the password:
                    # a burst of them is not the daily work measured), and
                    # the figures of the run once every user works
                    "-r",
                    "1",
                    "--reset-stats",
                    "-t",
                    f"{args.duration}s",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--logfile",
                    f"{prefix}.log",
                    "--loglevel",
                    "WARNING",
                ],
                env=env,
                cwd=str(REPO),
                check=False,
                stdout=subprocess.DEVNULL,
            )
        elapsed = time.monotonic() - started
        total, rows = _stats(prefix)
        requests, failures = int(total["Request Count"]), int(total["Failure Count"])
        p95 = _ms(total["95%"])
        say("", f"==== load: {args.users} users, {fmt_seconds(elapsed)}")
        for row in sorted(rows, key=lambda r: -_ms(r["95%"]))[:8]:
            say(
                f"  {row['Name']:<40} {row['Request Count']:>6} requests, "
                f"p95 {row['95%']} ms, failures {row['Failure Count']}"
            )
        lines, growth = memory.report()
        say("Memory of the server's workers:", *lines)
        server_errors = len(error_lines(logfile))
        say(
            "",
            f"load: {requests} requests, p95 {p95:.0f} ms (goal <= {P95_GOAL_MS}), "
            f"{failures} failed requests and {server_errors} server errors "
            f"(goal 0), worker memory growth at most {growth:.0f} MB",
        )
        if failures:
            say(f"Failures: {prefix}_failures.csv")
        return 0 if p95 <= P95_GOAL_MS and not failures and not server_errors else 1
    except Interrupted:
        say("", "Stopped.")
        return 130
    except (DbError, RuntimeError) as exc:
        loud(str(exc))
        return 1
    finally:
        stop_process(proc)
        if server:
            server.release()
