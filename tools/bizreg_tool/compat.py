"""The compat tier: the own tests of the apps bizreg extends, with and without it.

Two throwaway databases on the same PostgreSQL, built in parallel:

- **A**: every bizreg module, the apps it extends (``APPS``) and the apps that
  confirm orders on their own (``COEXIST``: their demo data must load);
- **B**: the same apps and the same non-bizreg dependencies, without bizreg.

Both are installed with demo data (Odoo's CI runs these tests on demo
databases) in English only, without tests; then the apps' tests run in each
against the complete registry: ``at_install`` tests run after the install with
``post_install`` ones (on an install with tests, Odoo runs an app's
``at_install`` tests before the modules that extend it are loaded, so they
would never meet bizreg).  A test counts as failed when it fails or errors in
A and not in B, unless ``tests/compat_allowlist.txt`` lists it (a test of
exactly what the regulation forbids in scope; the reason is also given in the
owning module's readme).  Every other test is passed (it passes in A, or it
fails in B too: not bizreg's doing).  Logs: ``.cache/logs/compat-*.log``.
"""

import re
import secrets
import subprocess
import threading
import time
from pathlib import Path

from . import odoo_env
from .common import LOGS, REPO, fmt_seconds, free_port, loud, say, stop_process
from .odoo_log import LINE, OdooLog

# The apps bizreg extends, whose own tests are compared.
APPS = (
    "crm",
    "sale",
    "sale_management",
    "helpdesk_mgmt",
    "helpdesk_mgmt_sla",
    "helpdesk_mgmt_rating",
    "helpdesk_type",
    "base_tier_validation",
    "project",
    "hr_timesheet",
    "project_role",
    "agreement",
    "calendar",
    "dms",
    "auditlog",
)
# Odoo apps that confirm sales orders themselves (demo orders of projects,
# deliveries, online shop): installed with their demo data in both databases
# (their tests are not run), so that an install or demo error they meet only
# with bizreg fails the tier.
COEXIST = ("sale_project", "sale_stock", "website_sale")
# Apps whose at_install tests run where Odoo runs them, while the app is being
# installed (they rebuild the app's models with odoo_test_helper's
# FakeModelLoader, which on the complete registry drops the extensions of the
# modules loaded after it: they cannot run there).
IN_PLACE = ("base_tier_validation",)
ALLOWLIST = REPO / "tests" / "compat_allowlist.txt"
# Per database: install, then the tests.
INSTALL_TIMEOUT = 3600
TEST_TIMEOUT = 3600
SILENCE = 900

# Runs Odoo with its post-install test pass extended to the at_install tests
# (see the module docstring).  Arguments: Odoo's command line.
BOOT = r"""
import os
import sys
from odoo.tests import loader

_make_suite = loader.make_suite


def make_suite(module_names, position="at_install"):
    # Loading the registry (no install) runs each module's at_install tests on
    # the registry loaded so far: none here, they run with the post_install
    # tests on the complete registry.
    if position != "post_install":
        return loader.OdooSuite([])
    in_place = set(os.environ.get("BIZREG_COMPAT_IN_PLACE", "").split(","))
    seen, tests = set(), []
    for where in ("at_install", "post_install"):
        names = module_names
        if where == "at_install":
            names = [name for name in module_names if name not in in_place]
        for test in _make_suite(names, where):
            if test.id() not in seen:
                seen.add(test.id())
                tests.append(test)
    return loader.OdooSuite(sorted(tests, key=lambda t: t.test_sequence))


loader.make_suite = make_suite
import odoo.cli

sys.argv = ["odoo", *sys.argv[1:]]
odoo.cli.main()
"""

FAILED_TEST = re.compile(r"^(?:FAIL|ERROR): (?P<desc>.+)$")
SUBTEST = re.compile(r"^Subtest (?P<test>\S+)")
CLASS_HOOK = re.compile(r"^(?P<hook>\w+) \((?P<path>[\w.]+)\)$")


class CompatLog(OdooLog):
    """An :class:`OdooLog` that also keeps the ids of the failing tests
    (``<module>.tests.<file>.<Class>.<method>``)."""

    def __init__(self):
        super().__init__()
        self.failing = set()

    def feed(self, raw):
        out = super().feed(raw)
        match = LINE.match(raw.rstrip("\n"))
        if match and match["level"] in ("ERROR", "CRITICAL"):
            failed = FAILED_TEST.match(match["msg"])
            if failed:
                self.failing.add(test_id(match["logger"], failed["desc"]))
        return out


def test_id(logger, description):
    """The id of a failed test from its log line's logger and description."""
    hook = CLASS_HOOK.match(description)
    if hook:  # setUpClass (odoo.addons.sale.tests.test_x.TestX)
        return f"{strip_prefix(hook['path'])}.{hook['hook']}"
    subtest = SUBTEST.match(description)
    if subtest:
        description = subtest["test"]
    return f"{strip_prefix(logger)}.{description.split()[0]}"


def strip_prefix(path):
    return path[len("odoo.addons.") :] if path.startswith("odoo.addons.") else path


def read_allowlist(path=ALLOWLIST):
    """{test id: reason} from ``test_id  # reason`` lines."""
    allowed = {}
    if not path.exists():
        return allowed
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        test, _, reason = line.partition("#")
        allowed[test.strip()] = reason.strip()
    return allowed


def baseline_modules(bizreg_modules, coexist=COEXIST):
    """What B installs: the apps (and the ``coexist`` modules) and every
    non-bizreg module a bizreg module depends on (auto-installed modules
    follow the same way in A and B)."""
    wanted = list(APPS) + list(coexist)
    for path in bizreg_modules.values():
        for dep in odoo_env.read_manifest(path).get("depends", []):
            if dep not in bizreg_modules and dep not in wanted:
                wanted.append(dep)
    return wanted


class Side:
    """One database of the comparison, installed then tested in a thread."""

    def __init__(self, label, db, install):
        self.label = label
        self.db = db
        self.install = install
        self.install_log = CompatLog()
        self.test_log = CompatLog()
        self.problems = []  # why this side could not be compared
        self.times = {}
        self.child = None
        self.installed = set()


class Compat:
    def __init__(self, runner, base_args):
        from . import cli  # cli imports this module

        self.cli = cli
        self.runner = runner
        self.odoo = runner.odoo
        self.base_args = base_args
        self.server = runner.db_server()
        self.token = secrets.token_hex(4)
        self.sides = ()

    def command(self, side, *args, boot=False):
        base = self.base_args(self.odoo, self.server, side.db)
        common = [
            "--stop-after-init",
            "--without-demo=",
            f"--http-port={free_port()}",
            "--http-interface=127.0.0.1",
            "--max-cron-threads=0",
            "--workers=0",
            "--log-level=info",
        ]
        if boot:
            return [self.odoo.python, "-c", BOOT, *base, *common, *args]
        return self.odoo.command(*base, *common, *args)

    def environ(self):
        return self.odoo.environ(BIZREG_COMPAT_IN_PLACE=",".join(IN_PLACE))

    def odoo_run(self, side, phase, cmd, log, timeout):
        logfile = LOGS / f"compat-{side.label}-{phase}-{side.db}.log"
        say(f"[compat {side.label}] {phase}: log {logfile.relative_to(REPO)}")
        started = time.monotonic()
        with open(logfile, "w", encoding="utf-8") as out:
            side.child = subprocess.Popen(
                cmd,
                cwd=str(REPO),
                env=self.environ(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                errors="replace",
                start_new_session=True,
            )
            try:
                for line in self.cli.lines_within(side.child, timeout, SILENCE):
                    out.write(line)
                    log.feed(line)
            except TimeoutError as exc:
                side.problems.append(f"{phase} stopped: {exc} ({log.last_message})")
                stop_process(side.child)
            rc = side.child.wait()
            side.child = None
        side.times[phase] = time.monotonic() - started
        say(
            f"[compat {side.label}] {phase} done in "
            f"{fmt_seconds(side.times[phase])} (exit {rc})"
        )
        return rc

    def in_place_tags(self):
        tags = ",".join(f"at_install/{app}" for app in APPS if app in IN_PLACE)
        return [f"--test-tags={tags}"] if tags else []

    def build_and_test(self, side, tags):
        try:
            rc = self.odoo_run(
                side,
                "install",
                self.command(side, "-i", ",".join(side.install), *self.in_place_tags()),
                side.install_log,
                INSTALL_TIMEOUT,
            )
            if rc or side.problems:
                side.problems.append(f"install of {side.db} exited with status {rc}")
                return
            [rows] = self.server.query(
                self.odoo,
                side.db,
                ("SELECT name FROM ir_module_module WHERE state = 'installed'", []),
            )
            side.installed = {name for (name,) in rows}
            self.odoo_run(
                side,
                "tests",
                self.command(side, f"--test-tags={tags}", boot=True),
                side.test_log,
                TEST_TIMEOUT,
            )
            if side.test_log.report is None:
                side.problems.append(
                    f"the tests of {side.db} ended without a report "
                    f"(last: {side.test_log.last_message})"
                )
        except Exception as exc:  # reported by the caller, like a failed test
            side.problems.append(f"{type(exc).__name__}: {exc}")

    def run(self):
        bizreg = self.runner.modules
        dirs = [Path(p) for p in [*self.odoo.core_addons, *self.odoo.addons]]
        missing = [
            app
            for app in APPS + COEXIST
            if not any((d / app / "__manifest__.py").exists() for d in dirs)
        ]
        if missing:
            return None, f"the app(s) {', '.join(missing)} are not installed here"
        baseline = baseline_modules(bizreg)
        with_bizreg = list(APPS + COEXIST) + odoo_env.install_targets(bizreg)
        tags = ",".join(f"/{app}" for app in APPS)
        a = Side("A", f"bizreg_compat_a_{self.token}", with_bizreg)
        b = Side("B", f"bizreg_compat_b_{self.token}", baseline)
        say(
            "",
            "==== compat tier: Odoo's own tests of the apps bizreg extends, "
            "with bizreg (A) and without (B)",
            f"A: {a.db} ({', '.join(a.install)})",
            f"B: {b.db} ({', '.join(b.install)})",
            f"Test tags {tags} (at_install tests run with the post_install ones)",
        )
        LOGS.mkdir(parents=True, exist_ok=True)
        self.runner.keep += [a.db, b.db]
        self.sides = (a, b)
        threads = [
            threading.Thread(target=self.build_and_test, args=(side, tags), daemon=True)
            for side in (a, b)
        ]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                while thread.is_alive():
                    thread.join(1)
        finally:
            for side in (a, b):
                stop_process(side.child)
        return self.compare(a, b), None

    def compare(self, a, b):
        allowed = read_allowlist()
        result = {"passed": 0, "failed": 0}
        for side in (a, b):
            for problem in side.problems:
                loud(f"compat {side.label}: {problem}")
        if a.problems or b.problems:
            result["failed"] = 1
            return result
        extra = a.installed - b.installed
        missing = b.installed - a.installed
        if {m for m in extra if not m.startswith("bizreg")} or missing:
            loud(
                "compat: A and B differ beyond bizreg: only in A "
                f"{sorted(m for m in extra if not m.startswith('bizreg'))}, "
                f"only in B {sorted(missing)}"
            )
        # Errors logged while installing A that B does not log (bizreg's data,
        # demo included): failures too.
        b_install = {re.sub(r"\d+", "N", m) for m in b.install_log.log_errors}
        install_errors = [
            m
            for m in a.install_log.log_errors
            if re.sub(r"\d+", "N", m) not in b_install
        ]
        demo_failures = [
            f"demo data of {module} failed to install"
            for module in a.install_log.demo_failures
            if module not in b.install_log.demo_failures
        ]
        install_errors += demo_failures
        total = a.test_log.total + (a.install_log.report or (0, 0, 0))[2]
        failing_in = {
            side.label: side.test_log.failing | side.install_log.failing
            for side in (a, b)
        }
        only_a = failing_in["A"] - failing_in["B"]
        if a.test_log.failed and not a.test_log.failing:
            only_a.add("(failures without a test id: see the log)")
        listed = sorted(t for t in only_a if t in allowed)
        failing = sorted(t for t in only_a if t not in allowed)
        stale = sorted(t for t in allowed if t not in only_a)
        result["failed"] = len(failing) + len(install_errors)
        skipped = len(a.test_log.skipped) + len(a.install_log.skipped)
        result["passed"] = max(0, total - len(failing) - skipped)
        result.update(
            tests=total,
            failing_with_bizreg=len(failing_in["A"]),
            failing_without=len(failing_in["B"]),
            only_with_bizreg=len(only_a),
            allowed=listed,
            regressions=failing,
            install_errors=install_errors,
            seconds={
                f"{side.label}_{phase}": round(sec)
                for side in (a, b)
                for phase, sec in side.times.items()
            },
        )
        say(
            f"compat: {total} tests; failing with bizreg {len(failing_in['A'])}, "
            f"without {len(failing_in['B'])}; only with bizreg {len(only_a)}, "
            f"of which {len(listed)} allowed ({ALLOWLIST.relative_to(REPO)})"
        )
        for test in failing:
            loud(f"compat: fails only with bizreg: {test}")
        for message in install_errors:
            loud(f"compat: install error only with bizreg: {message[:300]}")
        for test in stale:
            say(f"compat: allow-listed but not failing (remove it?): {test}")
        return result

    def stop(self):
        for side in self.sides:
            stop_process(side.child)


def run(runner, base_args):
    """The tier for cli.Runner: (result, skipped count)."""
    compat = Compat(runner, base_args)
    try:
        result, reason = compat.run()
    finally:
        compat.stop()
    if reason:
        runner.skip("compat", reason)
        return {"skipped": reason}, 0
    for db in [side.db for side in compat.sides]:
        if not runner.args.keep_db and db in runner.keep:
            runner.keep.remove(db)
            compat.cli.drop_database(compat.odoo, compat.server, db)
    a = compat.sides[0]
    return result, len(a.test_log.skipped) + len(a.install_log.skipped)


def summary(result):
    """The figures under the tier's line of the test summary."""
    if "tests" not in result:
        return None
    return (
        f"        {result['tests']} Odoo/OCA tests: failing with bizreg "
        f"{result['failing_with_bizreg']}, without {result['failing_without']}, "
        f"only with bizreg {result['only_with_bizreg']} "
        f"({len(result['allowed'])} allow-listed)"
    )
