"""``./bizreg run`` and ``./bizreg test``: see README.md."""

import argparse
import json
import os
import queue
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from types import SimpleNamespace

from . import bench as bench_tier
from . import checksums, odoo_env
from . import compat as compat_tier
from . import load as load_tier
from .common import (
    CACHE,
    DATA_DIR,
    LOGS,
    ODOO_CONF,
    REPO,
    Interrupted,
    fmt_seconds,
    free_port,
    loud,
    port_is_free,
    raise_on_signals,
    say,
    stop_process,
)
from .odoo_log import OdooLog
from .pg import DbError, database_server, read_odoo_conf

TIERS = ("static", "odoo", "compat", "suite")
# Languages of every database we create: the first is the default of new
# partners and users (Odoo's res.lang.install_lang takes the first of
# --load-language); the others are active too, so users may choose them.
LANGS = ("zh_CN", "en_US")
LANG = ",".join(LANGS)
# The odoo tier is stopped (and counted failed) past these limits, in seconds.
ODOO_TIMEOUT = int(os.environ.get("BIZREG_ODOO_TIMEOUT", 3600))
ODOO_SILENCE = int(os.environ.get("BIZREG_ODOO_SILENCE", 900))


def odoo_base_args(odoo, server, db, addons_dirs=None):
    """Arguments every Odoo process of ours gets (config, paths, database);
    ``addons_dirs`` replaces this checkout's addons folders (e.g. an older
    release's)."""
    if addons_dirs is None:
        addons_dirs = odoo_env.bizreg_dirs()
    return [
        "-c",
        str(ODOO_CONF),
        f"--addons-path={odoo.addons_path(addons_dirs)}",
        f"--data-dir={DATA_DIR}",
        *server.odoo_args(),
        "-d",
        db,
        f"--db-filter=^{re.escape(db)}$",
    ]


def http_ok(url, timeout=5.0, json_body=None):
    """Status code of a GET (or JSON POST) to ``url``, None if unreachable."""
    data = None
    headers = {}
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (OSError, ValueError):
        return None


def drop_database(odoo, server, db):
    try:
        server.drop_database(odoo, db)
        shutil.rmtree(DATA_DIR / "filestore" / db, ignore_errors=True)
        say(f"Dropped database {db}.")
    except DbError as exc:
        loud(f"could not drop database {db}: {exc}")


# ------------------------------------------------------------------- run

_UUID_SQL = "SELECT value FROM ir_config_parameter WHERE key = 'database.uuid'"


@dataclass
class Plan:
    """What Odoo must do to a database before it serves it."""

    init: list
    update: list
    load_lang: list
    first: bool
    hashes: dict = field(default_factory=dict)  # digests taken before Odoo runs
    reasons: dict = field(default_factory=dict)  # {module: why it is upgraded}

    @property
    def work(self):
        return bool(self.init or self.update or self.load_lang)


def plan_database(odoo, server, db, modules, targets):
    """The :class:`Plan` for ``db``: install what is missing, load missing
    languages, upgrade the modules whose files changed since their last
    install or upgrade (:mod:`.checksums`), or whose manifest version differs
    from the installed one, or that are marked to upgrade."""
    first = Plan(
        targets, [], list(LANGS), True, checksums.module_hashes(modules, LANGS)
    )
    if not server.database_exists(odoo, db):
        return first
    try:
        module_rows, lang_rows, uuid_rows = server.query(
            odoo,
            db,
            (
                "SELECT name, state, latest_version FROM ir_module_module "
                "WHERE name LIKE 'bizreg%%'",
                [],
            ),
            ("SELECT code FROM res_lang WHERE active", []),
            (_UUID_SQL, []),
        )
    except DbError as exc:
        if "UndefinedTable" in str(exc):  # created but never initialised
            return first
        raise
    state = {name: (st, version) for name, st, version in module_rows}
    active = {code for (code,) in lang_rows}
    hashes = checksums.module_hashes(modules, sorted(active | set(LANGS)))
    installed = [name for name in modules if state.get(name, ("",))[0] == "installed"]
    uuid = uuid_rows[0][0] if uuid_rows else None
    reasons = checksums.to_upgrade(hashes, checksums.load(db, uuid), installed)
    for name, path in sorted(modules.items()):
        st, installed_version = state.get(name, ("uninstalled", None))
        wanted = odoo_env.adapt_version(
            str(odoo_env.read_manifest(path).get("version", "1.0"))
        )
        if st == "to upgrade":
            reasons[name] = "marked to upgrade"
        elif st == "installed" and wanted != installed_version:
            reasons[name] = f"{installed_version} installed, {wanted} in addons/"
    init = [
        name
        for name in targets
        if state.get(name, ("uninstalled",))[0] in ("uninstalled", "to install")
    ]
    load_lang = [code for code in LANGS if code not in active]
    return Plan(init, sorted(reasons), load_lang, False, hashes, reasons)


def record_checksums(odoo, server, db, plan):
    """After a successful install/upgrade: record the digests of the bizreg
    modules now installed (taken before Odoo ran: a file changed meanwhile
    makes the next start upgrade again)."""
    rows, uuid_rows = server.query(
        odoo,
        db,
        (
            "SELECT name FROM ir_module_module "
            "WHERE state = 'installed' AND name LIKE 'bizreg%%'",
            [],
        ),
        (_UUID_SQL, []),
    )
    if not uuid_rows:
        loud(f"database {db} has no database.uuid: module checksums not recorded")
        return None
    installed = {name for (name,) in rows}
    hashes = {n: h for n, h in plan.hashes.items() if n in installed}
    return checksums.save(db, uuid_rows[0][0], hashes)


def prepare_command(odoo, server, db, plan):
    """One Odoo process that installs, upgrades and loads languages, then
    stops: its exit status tells whether the upgrade worked (a serving Odoo
    whose upgrade failed would go on serving)."""
    cmd = odoo.command(
        *odoo_base_args(odoo, server, db),
        "--without-demo=",
        "--stop-after-init",
        "--no-http",
    )
    if plan.first:
        say(
            f"First start: creating database {db} with "
            f"{', '.join(plan.init) or 'base'}, demo data and the languages "
            f"{' and '.join(LANGS)}."
        )
    elif plan.init:
        say(f"Installing {', '.join(plan.init)}")
    for name, reason in sorted(plan.reasons.items()):
        say(f"Upgrading {name}: {reason}")
    if plan.load_lang and not plan.first:
        say(f"Loading the language(s) {', '.join(plan.load_lang)}")
    if plan.init:
        cmd += ["-i", ",".join(plan.init)]
    if plan.update:
        cmd += ["-u", ",".join(plan.update)]
    if plan.load_lang:
        cmd.append(f"--load-language={','.join(plan.load_lang)}")
    return cmd


def print_logins(odoo, server, db, port):
    say("", f"bizreg is ready: http://localhost:{port}  (database {db})")
    try:
        [rows] = server.query(
            odoo,
            db,
            (
                "SELECT login FROM res_users "
                "WHERE active AND login NOT LIKE '\\_\\_%%' ORDER BY id",
                [],
            ),
        )
        logins = [login for (login,) in rows if login != "admin"]
    except DbError as exc:
        logins = []
        loud(f"could not list users: {exc}")
    say("Log in as admin / admin (administrator).")
    if logins:
        say(
            "Demo users (with demo data a demo user's password is its login): "
            + ", ".join(logins)
        )
    say("Stop with Ctrl-C.", "")


def serve(odoo, proc, port, started, server, db):
    """Wait for the serving Odoo to answer, print the logins, wait for it."""
    # /web/login answers once the registry is loaded.  One request at a
    # time, waiting as long as needed: a request given up early would leave
    # a server thread (and a database connection) waiting.
    status = None
    while proc.poll() is None and status is None:
        status = http_ok(f"http://127.0.0.1:{port}/web/login", timeout=7200)
        if status is None:
            time.sleep(0.5)  # not listening yet
    if status == 200:
        say(f"(ready after {fmt_seconds(time.monotonic() - started)})")
        print_logins(odoo, server, db, port)
    elif status is not None:
        loud(f"/web/login answers HTTP {status}: see Odoo's log above")
    rc = proc.wait()
    if rc:
        loud(f"Odoo exited with status {rc}")
    return rc


def cmd_run(args):
    odoo = odoo_env.command_odoo(args)
    if not odoo:
        return 2
    port = args.port or int(read_odoo_conf().get("http_port", 8069))
    if not port_is_free(port, "127.0.0.1"):
        say(f"Port {port} is already in use (another Odoo?): choose one with --port.")
        return 2
    say(f"Odoo {odoo.version} from {odoo.root} ({odoo.python})")
    odoo_env.ensure_requirements(odoo.python, REPO / "requirements.txt", odoo.environ())
    modules = odoo_env.bizreg_modules()
    if not modules:
        loud("no bizreg module under addons/ yet: serving plain Odoo")
    server = proc = None
    rc = 0
    started = time.monotonic()
    popen = {"cwd": str(REPO), "env": odoo.environ(), "start_new_session": True}
    try:
        server = database_server(args.db_host, args.db_port, args.db_user)
        say(f"Database server: {server.describe()}")
        plan = plan_database(
            odoo, server, args.db, modules, odoo_env.install_targets(modules)
        )
        if plan.work:
            proc = subprocess.Popen(
                prepare_command(odoo, server, args.db, plan), **popen
            )
            rc = proc.wait()
            if rc:
                loud(
                    f"Odoo could not install or upgrade (status {rc}, see its log "
                    "above); nothing is recorded: the next start tries again."
                )
                return rc
            record_checksums(odoo, server, args.db, plan)
        cmd = odoo.command(
            *odoo_base_args(odoo, server, args.db),
            f"--http-port={port}",
            "--without-demo=",
        )
        proc = subprocess.Popen(cmd, **popen)
        rc = serve(odoo, proc, port, started, server, args.db)
    except Interrupted:
        say("", "Stopping Odoo ...")
    except DbError as exc:
        loud(str(exc))
        rc = 1
    finally:
        stop_process(proc)
        if server:
            server.release()
    return rc


# ------------------------------------------------------------------ test


def git_state():
    def git(*args):
        proc = subprocess.run(
            ["git", *args], cwd=str(REPO), capture_output=True, text=True
        )
        return proc.stdout.strip() if proc.returncode == 0 else None

    tree = git("rev-parse", "HEAD^{tree}")
    status = git("status", "--porcelain", "--untracked-files=no")
    return tree, bool(status)


def lines_within(proc, total, silence):
    """Yield ``proc``'s output lines; TimeoutError past the time limits."""
    lines = queue.Queue()

    def pump():
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + total
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"still running after {fmt_seconds(total)}")
        try:
            line = lines.get(timeout=min(left, silence))
        except queue.Empty:
            if time.monotonic() < deadline:
                raise TimeoutError(f"no log line for {fmt_seconds(silence)}") from None
            continue
        if line is None:
            return
        yield line


def has_pytest(python, env):
    probe = [python, "-c", "import pytest"]
    return subprocess.run(probe, env=env, capture_output=True).returncode == 0


def junit_counts(path):
    """(passed, failed, skipped) from a pytest junit XML file."""
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = failures = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failures += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests - failures - skipped, failures, skipped


class Runner:
    def __init__(self, args):
        self.args = args
        self.odoo = None
        self.no_odoo = None  # reason
        self.python = None
        self.server = None
        self.modules = {}
        self.selected = []
        self.results = {}
        self.child = None
        self.keep = []  # databases to drop at the end (unless --keep-db)
        self.suite_db = None
        self.pytest_python = None

    # -- helpers

    def skip(self, tier, reason):
        loud(f"SKIPPED {tier} tier: {reason}")
        self.results[tier] = {"skipped": reason}

    def db_server(self):
        if self.server is None:
            self.server = database_server(
                self.args.db_host, self.args.db_port, self.args.db_user
            )
            say(f"Database server: {self.server.describe()}")
        return self.server

    def pytest(self, tier, directory, env):
        junit = LOGS / f"{tier}-junit.xml"
        junit.unlink(missing_ok=True)
        cmd = [
            self.pytest_python,
            "-m",
            "pytest",
            str(directory),
            "-p",
            "no:cacheprovider",
            "-rfEs",
            f"--junitxml={junit}",
            "-o",
            "junit_family=xunit2",
        ]
        self.child = subprocess.Popen(
            cmd, cwd=str(REPO), env=env, start_new_session=True
        )
        rc = self.child.wait()
        self.child = None
        passed = failed = skipped = 0
        if rc == 5:  # no tests collected
            pass
        elif not junit.exists():
            loud(f"pytest exited with status {rc} without a report")
            failed = 1
        else:
            passed, failed, skipped = junit_counts(junit)
            if rc not in (0, 1) and not failed:
                loud(f"pytest exited with status {rc}")
                failed = 1
        return {"passed": passed, "failed": failed}, skipped

    # -- tiers

    def static(self):
        say(
            "",
            "==== static tier: tests/static (manifests, data files, access, i18n, "
            "ruff, pylint-odoo)",
        )
        env = dict(self.odoo.environ() if self.odoo else os.environ)
        if self.odoo:
            env["BIZREG_ODOO_CORE_ADDONS"] = os.pathsep.join(self.odoo.core_addons)
        if self.args.module:
            env["BIZREG_MODULES"] = ",".join(self.args.module)
        result, skipped = self.pytest("static", REPO / "tests" / "static", env)
        return result, skipped

    def odoo_tier(self):
        say(
            "",
            "==== odoo tier: Odoo tests of the bizreg modules (install, demo data, "
            f"{', '.join(LANGS)})",
        )
        install = self.selected
        tags = self.args.test_tags or ",".join(f"/{name}" for name in install)
        db = f"bizreg_test_{secrets.token_hex(4)}"
        server = self.db_server()
        LOGS.mkdir(parents=True, exist_ok=True)
        logfile = LOGS / f"odoo-tier-{db}.log"
        cmd = self.odoo.command(
            *odoo_base_args(self.odoo, server, db),
            "-i",
            ",".join(install),
            f"--test-tags={tags}",
            f"--load-language={LANG}",
            "--without-demo=",
            "--stop-after-init",
            f"--http-port={free_port()}",
            "--http-interface=127.0.0.1",
            "--max-cron-threads=0",
            "--log-level=info",
        )
        say(f"Database {db}; modules {', '.join(install)}; test tags {tags}")
        say(f"Full log: {logfile.relative_to(REPO)}")
        log = OdooLog()
        self.keep.append(db)
        with open(logfile, "w", encoding="utf-8") as out:
            self.child = subprocess.Popen(
                cmd,
                cwd=str(REPO),
                env=self.odoo.environ(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                errors="replace",
                start_new_session=True,
            )
            stalled = None
            try:
                for line in lines_within(self.child, ODOO_TIMEOUT, ODOO_SILENCE):
                    out.write(line)
                    for shown in log.feed(line):
                        say(shown[:400])
            except TimeoutError as exc:
                stalled = str(exc)
                stop_process(self.child)
            rc = self.child.wait()
            self.child = None
        result = {"passed": log.passed, "failed": log.failed}
        if stalled:
            loud(f"Odoo tier stopped: {stalled} (last: {log.last_message})")
            result["failed"] += 1
        elif log.report is None:
            loud(f"Odoo exited with status {rc} before reporting its tests")
            result["failed"] += 1
        elif rc and not result["failed"]:
            loud(f"Odoo exited with status {rc}")
            result["failed"] += 1
        for problem in log.problems():
            loud(problem)
        if log.browser_skips:
            loud(
                f"{len(log.browser_skips)} browser test(s) (HttpCase, tours) were "
                f"SKIPPED: {log.browser_skips[0][1]} -- they need websocket-client "
                "and Chrome/Chromium"
            )
        if log.report:
            self.suite_db = db  # the selected modules are installed: reuse it
        return result, len(log.skipped)

    def compat(self):
        return compat_tier.run(self, odoo_base_args)

    def suite(self):
        say("", "==== suite tier: tests/suite (a real server over JSON-RPC)")
        server = self.db_server()
        env = self.odoo.environ(
            BIZREG_PYTHON=self.odoo.python,
            BIZREG_DB_HOST=server.host or "",
            BIZREG_DB_PORT=str(server.port or ""),
            BIZREG_DB_USER=server.user or "",
        )
        env["BIZREG_MODULES"] = ",".join(self.selected)
        if self.suite_db:
            env["BIZREG_SUITE_DB"] = self.suite_db
            say(f"Reusing the Odoo tier's database {self.suite_db}")
        if self.args.keep_db:
            env["BIZREG_KEEP_DB"] = "1"
        return self.pytest("suite", REPO / "tests" / "suite", env)

    # -- orchestration

    def prepare(self):
        try:
            self.odoo = odoo_env.find_odoo(odoo_path=self.args.odoo_path)
            self.python = self.odoo.python
            say(f"Odoo {self.odoo.version} from {self.odoo.root} ({self.python})")
        except odoo_env.OdooNotFound as exc:
            self.no_odoo = exc.sentence()
            say(self.no_odoo)
            try:
                self.python = odoo_env.resolve_python()
            except odoo_env.OdooNotFound:
                self.python = sys.executable
        env = self.odoo.environ() if self.odoo else dict(os.environ)
        odoo_env.ensure_requirements(
            self.python,
            REPO / "requirements-dev.txt",
            env,
            with_odoo_addons=bool(self.odoo),
        )
        self.pytest_python = next(
            (py for py in (self.python, sys.executable) if has_pytest(py, env)), None
        )
        self.modules = odoo_env.bizreg_modules()
        unknown = [m for m in self.args.module if m not in self.modules]
        if unknown:
            say(
                f"Unknown module(s) {', '.join(unknown)}; bizreg modules here: "
                f"{', '.join(self.modules) or 'none yet'}"
            )
            return False
        self.selected = self.args.module or sorted(self.modules)
        return True

    def run(self):
        wanted = self.args.tier or (["odoo"] if self.args.module else list(TIERS))
        timings = {}
        how = "--module" if self.args.module and not self.args.tier else "--tier"
        for tier in TIERS:
            if tier not in wanted:
                self.skip(tier, f"not selected ({how})")
        for tier in (t for t in TIERS if t in wanted):
            if not self.pytest_python and tier not in ("odoo", "compat"):
                self.skip(tier, f"pytest is not importable by {self.python}")
                continue
            if tier != "static":
                if not self.odoo:
                    self.skip(tier, self.no_odoo)
                    continue
                if not self.modules:
                    self.skip(tier, "no bizreg module under addons/ yet")
                    continue
            started = time.monotonic()
            try:
                result, skipped = getattr(
                    self, "odoo_tier" if tier == "odoo" else tier
                )()
            except DbError as exc:
                loud(f"{tier} tier could not run: {exc}")
                result, skipped = {"passed": 0, "failed": 1}, 0
            timings[tier] = (time.monotonic() - started, skipped)
            self.results[tier] = result
        return timings

    def cleanup(self):
        stop_process(self.child)
        if self.server and self.odoo:
            for db in self.keep:
                if self.args.keep_db:
                    say(f"Kept database {db} (--keep-db).")
                else:
                    drop_database(self.odoo, self.server, db)
        if self.server:
            self.server.release()


def cmd_test(args):
    raise_on_signals()
    started = time.monotonic()
    tree, dirty = git_state()  # what is tested: the tree at the start
    runner = Runner(args)
    interrupted = False
    timings = {}
    try:
        if not runner.prepare():
            return 2
        timings = runner.run()
    except Interrupted as exc:
        interrupted = True
        loud(f"interrupted ({exc})")
    finally:
        runner.cleanup()
    for tier in TIERS:
        runner.results.setdefault(tier, {"skipped": "interrupted"})
    passed = sum(r.get("passed", 0) for r in runner.results.values())
    failed = sum(r.get("failed", 0) for r in runner.results.values()) + interrupted
    summary = {
        "tree": tree,
        "dirty": dirty,
        "tiers": runner.results,
        "passed": passed,
        "failed": failed,
    }
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "test-summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    say("", f"==== bizreg test summary ({fmt_seconds(time.monotonic() - started)})")
    for tier in TIERS:
        result = runner.results[tier]
        if "skipped" in result:
            loud(f"SKIPPED {tier} tier: {result['skipped']}")
            continue
        seconds, skipped = timings.get(tier, (0, 0))
        extra = f", {skipped} skipped" if skipped else ""
        say(
            f"{tier:>6}: {result['passed']} passed, {result['failed']} failed{extra}"
            f" ({fmt_seconds(seconds)})"
        )
        if tier == "compat" and compat_tier.summary(result):
            say(compat_tier.summary(result))
    say(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


# ------------------------------------------------------------------ main


def build_parser():
    parser = argparse.ArgumentParser(
        prog="bizreg",
        description="Run bizreg (Odoo 18.0 add-ons) locally, or run its tests.",
    )
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="{run,test,bench,load}"
    )

    def common(p):
        p.add_argument(
            "--odoo-path",
            help="an Odoo 18.0 source tree (default: $ODOO_PATH, "
            "else the odoo package of $PYTHON or python3)",
        )
        p.add_argument(
            "--db-host",
            help="use this PostgreSQL server instead of the "
            "embedded cluster (default: $PGHOST, db_host in odoo.conf)",
        )
        p.add_argument("--db-port", help="its port (default: $PGPORT, db_port)")
        p.add_argument("--db-user", help="its user (default: $PGUSER, db_user)")

    run = sub.add_parser(
        "run", help="serve the web client with the bizreg modules and demo data"
    )
    run.add_argument("--db", default="bizreg", help="database name (default: bizreg)")
    run.add_argument(
        "--port", type=int, help="HTTP port (default: http_port of odoo.conf, 8069)"
    )
    common(run)
    run.set_defaults(func=cmd_run)

    test = sub.add_parser("test", help="run the static, Odoo and suite test tiers")
    test.add_argument(
        "--module",
        action="append",
        default=[],
        metavar="NAME",
        help="only this module's Odoo tests (repeatable)",
    )
    test.add_argument(
        "--tier",
        action="append",
        choices=TIERS,
        help="only this tier (repeatable; default: all, or odoo with --module)",
    )
    test.add_argument(
        "--test-tags",
        help="Odoo --test-tags spec for the Odoo tier "
        "(default: /<module> for each selected module)",
    )
    test.add_argument(
        "--keep-db", action="store_true", help="keep the throwaway test database(s)"
    )
    common(test)
    test.set_defaults(func=cmd_test)

    bench = sub.add_parser(
        "bench",
        help="measure the performance goals against the same Odoo without bizreg",
    )
    bench.add_argument(
        "--only",
        action="append",
        choices=bench_tier.BENCHES,
        help="only this benchmark (repeatable; the installs are always timed)",
    )
    bench.add_argument(
        "--keep-db", action="store_true", help="keep the two benchmark databases"
    )
    bench.add_argument(
        "--reuse",
        metavar="TOKEN",
        help="reuse the databases bizreg_bench_{a,b}_TOKEN kept by --keep-db "
        "(their installs are not timed again)",
    )
    common(bench)
    bench.set_defaults(
        func=lambda args: bench_tier.cmd_bench(args, odoo_base_args, drop_database)
    )

    load = sub.add_parser(
        "load",
        help="the load scenario: staff of every role against a prefork server",
    )
    load.add_argument(
        "--db",
        default="bizreg_load",
        help="database, made with the demo data if missing (default: bizreg_load)",
    )
    load.add_argument(
        "--users", type=int, default=50, help="concurrent users (default: 50)"
    )
    load.add_argument(
        "--duration",
        type=int,
        default=600,
        help="seconds of load after the users are started (default: 600)",
    )
    load.add_argument(
        "--workers", type=int, default=4, help="Odoo HTTP workers (default: 4)"
    )
    common(load)
    load.set_defaults(
        func=lambda args: load_tier.cmd_load(
            args,
            SimpleNamespace(
                odoo_base_args=odoo_base_args,
                plan_database=plan_database,
                prepare_command=prepare_command,
                record_checksums=record_checksums,
            ),
        )
    )
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.func(args)
