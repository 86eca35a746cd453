"""Static tier: checks that need no Odoo and no database.

Run by ``./bizreg test`` (or ``python3 -m pytest tests/static``).  Tests are
parametrized per module of ``addons/`` so counts are meaningful;
``BIZREG_MODULES=a,b`` restricts them to some modules.
"""

import re
import subprocess
import sys

import pytest
from staticlib import HERE, MODULES, REPO, odoo_core_addons, read_list


@pytest.fixture(scope="session")
def community_modules():
    """(names, source): Odoo Community modules, from Odoo itself if importable."""
    dirs = odoo_core_addons()
    if dirs:
        names = {
            p.name
            for d in dirs
            for p in d.iterdir()
            if (p / "__manifest__.py").is_file()
        }
        return names, "Odoo's addons directories " + ", ".join(map(str, dirs))
    return read_list(
        HERE / "community_modules.txt"
    ), "tests/static/community_modules.txt"


@pytest.fixture(scope="session")
def pylint_messages():
    """Run pylint-odoo once on every module; return its messages by module."""
    if not MODULES:
        return {}
    cmd = [
        sys.executable,
        "-m",
        "pylint",
        "--rcfile",
        str(REPO / ".pylintrc-mandatory"),
        "--output-format=parseable",
        "--score=n",
        *(f"addons/{m}" for m in MODULES),
    ]
    proc = subprocess.run(cmd, cwd=str(REPO), capture_output=True, text=True)
    if proc.returncode & 32 or proc.returncode & 1:  # usage error or fatal
        pytest.fail(f"pylint could not run ({proc.returncode}):\n{proc.stderr[-3000:]}")
    by_module = {}
    for line in proc.stdout.splitlines():
        match = re.match(r"^addons/([^/]+)/", line)
        if match:
            by_module.setdefault(match.group(1), []).append(line)
    return by_module


@pytest.fixture(scope="session")
def oca_checks_messages():
    """Run OCA's oca-checks-odoo-module (the XML, manifest and CSV checks of
    OCA's pre-commit hooks) once on every module; its messages by module."""
    if not MODULES:
        return {}
    cmd = [
        sys.executable,
        "-c",
        "import sys; from oca_pre_commit_hooks.cli import main; sys.exit(main())",
        *(f"addons/{m}" for m in MODULES),
    ]
    proc = subprocess.run(cmd, cwd=str(REPO), capture_output=True, text=True)
    if "Traceback" in proc.stderr:
        pytest.fail(f"oca-checks-odoo-module could not run:\n{proc.stderr[-3000:]}")
    by_module = {}
    for line in (proc.stdout + proc.stderr).splitlines():
        match = re.match(r"^addons/([^/]+)/\S+:\d+: ", line)
        if match:
            by_module.setdefault(match.group(1), []).append(line)
    return by_module
