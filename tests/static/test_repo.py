"""Repository-level static checks: they run even before any module exists."""

import configparser
import re
import subprocess
import sys

from staticlib import ENTERPRISE, HERE, REPO, parse_po, read_list

sys.path.insert(0, str(REPO / "tools"))

from bizreg_tool.odoo_log import OdooLog  # noqa: E402

LINT_TARGETS = [
    t for t in ("addons", "tests", "tools", "bizreg") if (REPO / t).exists()
]


def test_ruff_check_clean():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-fix",
            "--output-format=concise",
            *LINT_TARGETS,
        ],
        cwd=str(REPO),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"ruff check:\n{proc.stdout}{proc.stderr}"


def test_requirements_pin_oca_addons_by_series():
    lines = (REPO / "requirements.txt").read_text("utf-8").splitlines()
    addons = [line.strip() for line in lines if line.strip().startswith("odoo-addon-")]
    assert addons, "requirements.txt lists no OCA add-on"
    # the 18.0 series, or a range inside it (a release excluded with a reason)
    series = re.compile(
        r"^odoo-addon-[\w-]+(==18\.0\.\*|>=18\.0\.[\d.]+,<18\.0\.[\d.]+)$"
    )
    unpinned = [line for line in addons if not series.match(line)]
    assert not unpinned, f"OCA add-ons must be pinned by series (==18.0.*): {unpinned}"
    dev = (REPO / "requirements-dev.txt").read_text("utf-8")
    assert "-r requirements.txt" in dev


def test_odoo_conf_holds_no_secret():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO / "odoo.conf", encoding="utf-8")
    options = dict(parser.items("options"))
    assert options.get("db_user") not in (None, "postgres")
    for key in ("admin_passwd", "db_password", "smtp_password"):
        assert options.get(key, "False") in ("False", ""), f"odoo.conf stores {key}"


def test_community_allowlist_has_no_enterprise_module():
    community = read_list(HERE / "community_modules.txt")
    assert {"base", "mail", "hr", "crm", "sale_management", "project"} <= community
    assert not community & ENTERPRISE


def test_bizreg_command_help():
    proc = subprocess.run(
        [sys.executable, str(REPO / "bizreg"), "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and "test" in proc.stdout


def test_po_fallback_parser():
    text = (
        'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\n'
        '#. module: x\nmsgid "Contract"\nmsgstr "合同"\n\n'
        '#, fuzzy\nmsgid "Review"\nmsgstr "审核"\n\n'
        'msgid "Long"\n"er"\nmsgstr ""\n"长"\n\n'
        'msgid "Empty"\nmsgstr ""\n'
    )
    entries = {msgid: (strs, fuzzy) for msgid, strs, fuzzy in parse_po(text)}
    assert entries["Contract"] == (["合同"], False)
    assert entries["Review"] == (["审核"], True)
    assert entries["Longer"] == (["长"], False)
    assert entries["Empty"] == ([""], False)


def odoo_line(level, logger, message):
    return f"2026-01-01 10:00:00,000 11 {level} db {logger}: {message}"


TEST_A = "odoo.addons.bizreg_x.tests.test_a"
ODOO_LOG = [
    odoo_line("INFO", "odoo.modules.loading", "loading 60 modules..."),
    odoo_line(
        "WARNING",
        "odoo.modules.loading",
        "The models ['x.y'] have no access rules in module bizreg_x, consider adding",
    ),
    "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink",
    odoo_line(
        "WARNING",
        "odoo.modules.loading",
        "Module bizreg_x demo data failed to install, installed without demo data",
    ),
    "Traceback (most recent call last):",
    odoo_line("INFO", TEST_A, "Starting TestA.test_1 ... "),
    odoo_line("INFO", TEST_A, "Starting TestA.test_2 ..."),
    odoo_line("ERROR", TEST_A, "FAIL: TestA.test_2"),
    "Traceback (most recent call last):",
    "AssertionError: 1 != 2",
    odoo_line("INFO", TEST_A, "Starting TestA.test_tour ..."),
    odoo_line(
        "INFO",
        TEST_A,
        "skipped TestA.test_tour : websocket-client module is not installed",
    ),
    odoo_line("ERROR", "odoo.sql_db", "bad query: SELECT 1/0"),
    odoo_line(
        "ERROR",
        "odoo.modules.loading",
        "Module bizreg_x: 1 failures, 0 errors of 3 tests ",
    ),
    odoo_line(
        "ERROR",
        "odoo.modules.loading",
        "At least one test failed when loading the modules.",
    ),
    odoo_line(
        "ERROR",
        "odoo.tests.result",
        "1 failed, 0 error(s) of 3 tests when loading database 'db'",
    ),
]


def test_odoo_log_parser_counts():
    log = OdooLog()
    for line in ODOO_LOG:
        log.feed(line)
    assert log.report == (1, 0, 3)
    assert log.tests_started == 3
    assert len(log.no_access) == 1
    assert log.demo_failures == ["bizreg_x"]
    assert len(log.log_errors) == 1 and "bad query" in log.log_errors[0]
    assert len(log.browser_skips) == 1
    assert (log.passed, log.failed) == (
        1,
        4,
    )  # 3 run - 1 failed - 1 skipped; fail+sql+acl+demo
    problems = "\n".join(log.problems())
    assert re.search(r"1 failed, 0 error", problems)
    assert "demo data of bizreg_x failed to install" in problems


def test_pre_commit_config():
    """.pre-commit-config.yaml: OCA's hooks, the mandatory pylint-odoo set blocking."""
    import yaml  # PyYAML (requirements-dev.txt); here, so other checks run without

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {}
    for repo in config["repos"]:
        assert repo["repo"] == "local" or repo.get("rev"), f"{repo['repo']}: no rev"
        for hook in repo["hooks"]:
            hooks.setdefault(hook["id"], []).append(hook)
    wanted = {
        "en-po-files",
        "oca-checks-odoo-module",
        "oca-checks-po",
        "prettier",
        "ruff",
        "ruff-format",
        "pylint_odoo",
        "trailing-whitespace",
        "check-xml",
    }
    assert wanted <= set(hooks), f"missing hooks: {sorted(wanted - set(hooks))}"
    manual = {
        i for i, hs in hooks.items() for h in hs if "manual" in h.get("stages", [])
    }
    assert manual <= {"prettier"}, f"hooks that never run on commit: {manual}"
    mandatory = [
        h for h in hooks["pylint_odoo"] if "--rcfile=.pylintrc-mandatory" in h["args"]
    ]
    assert mandatory and "--exit-zero" not in mandatory[0]["args"]
    assert (REPO / ".pylintrc-mandatory").is_file()
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config"],
        cwd=str(REPO),
        capture_output=True,
        text=True,
    )
    if "No module named pre_commit" not in proc.stderr:  # pre-commit is optional
        assert proc.returncode == 0, proc.stdout + proc.stderr
