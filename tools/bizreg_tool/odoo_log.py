"""Read an Odoo 18.0 server log while it is written: count and summarise.

What counts as a failure of the Odoo tier:
- the test report ``N failed, N error(s) of N tests when loading database``;
- any ERROR or CRITICAL log line that is not part of that test report
  (install errors, unmuted errors inside tests, tracebacks);
- ``The model(s) ... has/have no access rules`` warnings;
- unknown module names given to ``-i`` (``invalid module names``);
- ``Module ... demo data failed to install`` warnings: Odoo then installs
  the module without its demo and its demo-based tests skip themselves.
Skipped tests are counted apart; skips caused by a missing browser or
websocket-client (HttpCase, tours) are reported loudly.
"""

import re

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>DEBUG|INFO|RUNBOT|WARNING|ERROR|CRITICAL|TEST|\w+) "
    r"(?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$"
)
REPORT = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) tests"
    r" when loading database"
)
STARTING = re.compile(r"^Starting (?P<test>\S+) \.\.\.$")
SKIPPED = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")
BROWSER_SKIP = re.compile(r"websocket|chrom|devtools|headless", re.IGNORECASE)
NO_ACCESS = re.compile(r"ha(s|ve) no access rules")
DEMO_FAILED = re.compile(r"^Module (?P<module>\S+) demo data failed to install")
TEST_RESULT_ERRORS = (
    re.compile(r"^(FAIL|ERROR): "),
    re.compile(r"^Module \S+: \d+ failures, \d+ errors of \d+ tests"),
    re.compile(r"^At least one test failed"),
    re.compile(r"^Test suite halted"),
    REPORT,
)


def error_lines(logfile):
    """The ERROR and CRITICAL lines of the Odoo log ``logfile`` (a path;
    none when it does not exist)."""
    if not logfile.exists():
        return []
    return [
        line
        for line in logfile.read_text("utf-8", "replace").splitlines()
        if " ERROR " in line or " CRITICAL " in line
    ]


class OdooLog:
    """Feed lines with :meth:`feed`; it returns lines worth printing."""

    TRACE_LINES = 30

    def __init__(self):
        self.report = None  # (failed, errors, total)
        self.log_errors = []  # ERROR/CRITICAL lines outside the test report
        self.no_access = []
        self.invalid_modules = []
        self.demo_failures = []  # modules installed without their demo
        self.skipped = []  # (test, reason)
        self.browser_skips = []
        self.tests_started = 0
        self.test_failures = []  # "FAIL: Class.method" lines
        self.last_message = ""
        self._trace_budget = 0

    # -- counters

    @property
    def failed(self):
        failed = (
            len(self.log_errors)
            + len(self.no_access)
            + len(self.invalid_modules)
            + len(self.demo_failures)
        )
        if self.report:
            failed += self.report[0] + self.report[1]
        return failed

    @property
    def total(self):
        return self.report[2] if self.report else self.tests_started

    @property
    def passed(self):
        if not self.report:
            return 0
        failed, errors, total = self.report
        return max(0, total - failed - errors - len(self.skipped))

    # -- parsing

    def feed(self, raw):
        line = raw.rstrip("\n")
        match = LINE.match(line)
        if not match:
            # continuation of a multi-line record (traceback, access hint)
            if self._trace_budget > 0:
                self._trace_budget -= 1
                return [f"    {line}"]
            return []
        self._trace_budget = 0
        level, logger, msg = match["level"], match["logger"], match["msg"].rstrip()
        self.last_message = f"{logger}: {msg}"[:160]
        out = []
        report = REPORT.search(msg)
        if report:
            self.report = (
                int(report["failed"]),
                int(report["errors"]),
                int(report["total"]),
            )
        started = STARTING.match(msg)
        if started and ".tests." in logger:
            self.tests_started += 1
            module = (
                logger.split(".")[2] if logger.startswith("odoo.addons.") else logger
            )
            out.append(f"  test {module}: {started['test']}")
        skipped = SKIPPED.match(msg)
        if skipped:
            self.skipped.append((skipped["test"], skipped["reason"]))
            if BROWSER_SKIP.search(skipped["reason"]):
                self.browser_skips.append((skipped["test"], skipped["reason"]))
                out.append(
                    f"!! SKIPPED browser test {skipped['test']}: {skipped['reason']}"
                )
            else:
                out.append(f"  skipped {skipped['test']}: {skipped['reason']}")
        if level in ("ERROR", "CRITICAL"):
            if re.match(r"^(FAIL|ERROR): ", msg):
                self.test_failures.append(msg)
            elif not any(p.search(msg) for p in TEST_RESULT_ERRORS):
                self.log_errors.append(f"{level} {logger}: {msg}")
            out.append(f"{level} {logger}: {msg}")
            self._trace_budget = self.TRACE_LINES
        elif level == "WARNING":
            if NO_ACCESS.search(msg):
                self.no_access.append(msg)
                self._trace_budget = 10
            elif "invalid module names" in msg:
                self.invalid_modules.append(msg)
            elif DEMO_FAILED.match(msg):
                self.demo_failures.append(DEMO_FAILED.match(msg)["module"])
                self._trace_budget = self.TRACE_LINES
            out.append(f"WARNING {logger}: {msg}")
        elif level == "INFO" and (
            report
            or logger == "odoo.tests.stats"
            or re.search(
                r"modules loaded in|Modules loaded\.|loading \d+ modules|post-tests in",
                msg,
            )
        ):
            out.append(f"  {logger}: {msg}")
        return out

    def problems(self):
        """Lines explaining every counted failure, for the tier summary."""
        lines = []
        if self.report:
            failed, errors, total = self.report
            if failed or errors:
                lines.append(
                    f"{failed} failed, {errors} error(s) of {total} Odoo tests"
                )
                lines += [f"  {m.splitlines()[0]}" for m in self.test_failures[:20]]
        lines += [f"log error: {m.splitlines()[0][:300]}" for m in self.log_errors]
        lines += [f"missing access rules: {m.splitlines()[0]}" for m in self.no_access]
        lines += [f"bad module name: {m}" for m in self.invalid_modules]
        lines += [
            f"demo data of {m} failed to install (installed without it)"
            for m in self.demo_failures
        ]
        return lines
