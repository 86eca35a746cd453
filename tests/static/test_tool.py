"""The tool's own checks (tools/bizreg_tool), without Odoo or a database:
module checksums and upgrade planning of ``./bizreg run``, requirement checks."""

import os
import subprocess
import sys

import pytest
from staticlib import REPO

sys.path.insert(0, str(REPO / "tools"))

from bizreg_tool import checksums, cli, odoo_env  # noqa: E402

# click-odoo-contrib 1.21's _addon_hash.addon_hash(tree, DEFAULT_EXCLUDE_PATTERNS,
# ["zh_CN", "en_US"]) of the tree made by make_module() below.
CLICK_ODOO_DIGEST = "c4e73684999f17307045feeff3339d97cec20aef"
LANGS = ["zh_CN", "en_US"]


def make_module(root, name="mod", version="18.0.1.0.0"):
    files = {
        "__init__.py": "from . import models\n",
        "__manifest__.py": f"{{'name': 'x', 'version': '{version}'}}\n",
        "models/__init__.py": "",
        "i18n/zh_CN.po": 'msgid "a"\n',
        "i18n/fr.po": "fr",
        f"i18n/{name}.pot": "pot",
        "static/description/icon.png": "png",
        "tests/test_x.py": "t",
        "models/__pycache__/x.cpython-311.pyc": "pyc",
    }
    for rel, text in files.items():
        path = root / name / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / name


def test_digest_is_click_odoo_updates(tmp_path):
    top = make_module(tmp_path)
    assert checksums.module_hash(top, LANGS) == CLICK_ODOO_DIGEST


@pytest.mark.parametrize(
    "rel, changes",
    [
        ("models/__init__.py", True),  # code
        ("i18n/zh_CN.po", True),  # a language of the database
        ("data/new_empty_file.xml", True),  # a new file, even empty
        ("i18n/fr.po", False),  # a language the database does not have
        ("i18n/mod.pot", False),  # the template
        ("static/description/icon.png", False),  # served from disk
        ("tests/test_x.py", False),
        ("models/__pycache__/x.cpython-311.pyc", False),
    ],
)
def test_digest_follows_the_files_an_upgrade_loads(tmp_path, rel, changes):
    top = make_module(tmp_path)
    before = checksums.module_hash(top, LANGS)
    path = top / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("" if "new" in rel else "changed", encoding="utf-8")
    assert (checksums.module_hash(top, LANGS) != before) is changes


def test_to_upgrade_reasons():
    hashes = {"a": "1", "b": "2", "c": "3"}
    assert checksums.to_upgrade(hashes, {"a": "1", "b": "2"}, ["a", "b"]) == {}
    assert checksums.to_upgrade(hashes, {"a": "1", "b": "x"}, ["a", "b"]) == {
        "b": "files changed since its last install or upgrade"
    }
    # not installed: nothing to upgrade; installed but never recorded: upgrade
    assert checksums.to_upgrade(hashes, {"a": "1"}, ["a", "c"]) == {
        "c": "files changed since its last install or upgrade"
    }
    assert set(checksums.to_upgrade(hashes, None, ["a", "b"])) == {"a", "b"}


def test_store_is_per_database_uuid(tmp_path, monkeypatch):
    monkeypatch.setattr(checksums, "STORE", tmp_path / "checksums")
    assert checksums.load("db", "uuid-1") is None
    path = checksums.save("db", "uuid-1", {"a": "1"})
    assert path.parent == tmp_path / "checksums"
    assert checksums.load("db", "uuid-1") == {"a": "1"}
    assert checksums.load("db", "uuid-2") is None  # the database was recreated
    assert checksums.load("db", None) is None


class FakeServer:
    """Answers the queries of cli.plan_database / record_checksums."""

    def __init__(self, modules=None, langs=("zh_CN", "en_US"), uuid="u-1"):
        self.exists = modules is not None
        self.modules = modules or {}  # name: (state, latest_version)
        self.langs = list(langs)
        self.uuid = uuid

    def database_exists(self, odoo, db):
        return self.exists

    def query(self, odoo, db, *queries):
        results = []
        for sql, _params in queries:
            if "ir_config_parameter" in sql:
                results.append([(self.uuid,)] if self.uuid else [])
            elif "res_lang" in sql:
                results.append([(code,) for code in self.langs])
            elif "state = 'installed'" in sql:
                rows = self.modules.items()
                results.append([(n,) for n, (st, _v) in rows if st == "installed"])
            else:
                rows = self.modules.items()
                results.append([(n, st, v) for n, (st, v) in rows])
        return results


@pytest.fixture
def addons(tmp_path, monkeypatch):
    monkeypatch.setattr(checksums, "STORE", tmp_path / "checksums")
    root = tmp_path / "addons"
    return {
        name: make_module(root, name) for name in ("bizreg_a", "bizreg_b", "bizreg_c")
    }


def test_first_start_installs_and_records(addons):
    plan = cli.plan_database(None, FakeServer(), "db", addons, sorted(addons))
    assert plan.first and plan.init == sorted(addons) and not plan.update
    assert plan.load_lang == list(cli.LANGS)
    server = FakeServer({n: ("installed", "18.0.1.0.0") for n in addons})
    cli.record_checksums(None, server, "db", plan)
    again = cli.plan_database(None, server, "db", addons, sorted(addons))
    assert not again.work, again


def test_changed_module_is_upgraded_until_an_upgrade_succeeds(addons):
    installed = {n: ("installed", "18.0.1.0.0") for n in addons}
    installed["bizreg_c"] = ("uninstalled", None)
    server = FakeServer(installed)
    targets = ["bizreg_a", "bizreg_b"]
    # an existing database without recorded checksums: upgrade what is installed
    plan = cli.plan_database(None, server, "db", addons, targets)
    assert plan.update == ["bizreg_a", "bizreg_b"] and not plan.init
    cli.record_checksums(None, server, "db", plan)
    assert not cli.plan_database(None, server, "db", addons, targets).work
    # a file changes, the manifest version does not
    (addons["bizreg_b"] / "models" / "__init__.py").write_text("# changed\n")
    plan = cli.plan_database(None, server, "db", addons, targets)
    assert plan.update == ["bizreg_b"]
    assert "files changed" in plan.reasons["bizreg_b"]
    cmd = cli.prepare_command(FakeOdoo(), FakeDbServer(), "db", plan)
    assert cmd[cmd.index("-u") + 1] == "bizreg_b" and "--stop-after-init" in cmd
    # the upgrade failed (nothing recorded): the next start upgrades again
    assert cli.plan_database(None, server, "db", addons, targets).update == ["bizreg_b"]
    cli.record_checksums(None, server, "db", plan)
    assert not cli.plan_database(None, server, "db", addons, targets).work
    # a recreated database (new uuid) has nothing recorded
    server.uuid = "u-2"
    assert cli.plan_database(None, server, "db", addons, targets).update == targets


def test_version_change_and_marked_modules_are_upgraded(addons):
    server = FakeServer(
        {
            "bizreg_a": ("installed", "18.0.0.9.0"),
            "bizreg_b": ("to upgrade", "18.0.1.0.0"),
            "bizreg_c": ("installed", "18.0.1.0.0"),
        },
        langs=["zh_CN"],
    )
    hashes = checksums.module_hashes(addons, sorted({"zh_CN", *cli.LANGS}))
    checksums.save("db", "u-1", hashes)
    plan = cli.plan_database(None, server, "db", addons, sorted(addons))
    assert plan.update == ["bizreg_a", "bizreg_b"]
    assert plan.load_lang == ["en_US"]


class FakeOdoo:
    def command(self, *args):
        return ["odoo", *args]

    def addons_path(self, dirs):
        return "addons"


class FakeDbServer:
    def odoo_args(self):
        return []


# ----------------------------------------------------------- requirements


def test_requirement_check_uses_packaging(tmp_path):
    import pytest as installed

    version = installed.__version__
    major = int(version.split(".")[0])
    req = tmp_path / "requirements.txt"
    req.write_text(
        "# comment\n"
        f"pytest>={major}  # trailing comment\n"
        f"pytest=={major}.*\n"
        f"pytest~={major - 1}.0\n"  # compatible release: < major, so missing
        'pytest>=999; python_version < "3"\n'  # marker false: not required
        "surely-not-installed-bizreg-probe>=1\n",
        encoding="utf-8",
    )
    lines = odoo_env.read_requirements(req)
    assert lines[0] == f"pytest>={major}"
    missing = odoo_env._missing(sys.executable, lines, dict(os.environ))
    assert missing == [
        f"pytest~={major - 1}.0 (have {version})",
        "surely-not-installed-bizreg-probe>=1",
    ]


# ---------------------------------------------------------------- ./bizreg load


def test_load_reads_locusts_figures(tmp_path):
    """The load command's summary comes from Locust's CSV: the aggregated
    row (requests, failures, p95) apart from the requests'."""
    from bizreg_tool import load

    prefix = tmp_path / "run"
    (tmp_path / "run_stats.csv").write_text(
        "Type,Name,Request Count,Failure Count,95%\n"
        "POST,sale.order.search_read,120,0,340\n"
        "POST,login,50,2,900\n"
        ",Aggregated,170,2,410\n",
        "utf-8",
    )
    total, rows = load._stats(prefix)
    assert (total["Request Count"], total["Failure Count"], total["95%"]) == (
        "170",
        "2",
        "410",
    )
    assert [row["Name"] for row in rows] == ["sale.order.search_read", "login"]


def test_load_memory_per_worker():
    """Each worker's memory: the first and last minute's means, the maximum,
    and the largest growth of a worker."""
    from bizreg_tool import load

    memory = load._Memory(os.getpid())
    per_minute = int(60 / load.SAMPLE_EVERY)
    memory.samples = {
        11: [100.0] * per_minute + [130.0] * per_minute,
        12: [90.0] * per_minute * 2,
    }
    lines, growth = memory.report()
    assert growth == 30.0
    assert "worker 11: 100 MB in the first minute, 130 MB in the last" in lines[0]
    assert "at most 90 MB" in lines[1]
    # the children of a process, with their resident memory
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; print('up', flush=True); time.sleep(5)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "up"  # running, not being forked
        found = load._children(os.getpid())
        assert child.pid in found and found[child.pid] > 1
    finally:
        child.kill()
        child.communicate()


def test_load_seats_cover_every_role():
    """The seats copy a demo user of each role the scenario plays, and the
    scenario has work for each of them."""
    from bizreg_tool import load

    text = (REPO / "tests" / "load" / "locustfile.py").read_text("utf-8")
    for role in set(load.TEMPLATES.values()):
        assert f'"{role}"' in text, role
