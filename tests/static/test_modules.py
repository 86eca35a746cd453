"""Per-module static checks of addons/*: one test per module and check."""

import ast
import csv
import re
from importlib import metadata

import pytest
from staticlib import (
    ADDONS,
    ENTERPRISE,
    ENTERPRISE_PREFIXES,
    MODULES,
    manifest,
    po_entries,
    requirement_addons,
)

try:
    from lxml import etree
except ImportError:  # the static tier must run without Odoo's libraries
    etree = None
    import xml.etree.ElementTree as ElementTree

VERSION = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
LICENSES = {
    "AGPL-3",
    "GPL-2",
    "GPL-2 or any later version",
    "GPL-3",
    "GPL-3 or any later version",
    "LGPL-3",
    "OPL-1",
    "Other OSI approved licence",
}
per_module = pytest.mark.parametrize("module", MODULES)


def module_files(module, key):
    return [ADDONS / module / f for f in manifest(module).get(key, [])]


@per_module
def test_manifest_parses(module):
    assert isinstance(manifest(module), dict), "__manifest__.py is not a dict literal"


@per_module
def test_manifest_version(module):
    version = manifest(module).get("version", "")
    assert VERSION.match(version), f"version {version!r} is not 18.0.x.y.z"


@per_module
def test_manifest_license(module):
    license_ = manifest(module).get("license")
    assert license_, "no license key"
    assert license_ in LICENSES, f"license {license_!r} is not a known Odoo license"


@per_module
def test_depends_on_community_only(module, community_modules):
    allowed, source = community_modules
    allowed = (
        allowed
        | requirement_addons()
        | set(MODULES)
        | {p.name for p in ADDONS.iterdir() if (p / "__manifest__.py").is_file()}
    )
    depends = manifest(module).get("depends", [])
    enterprise = [
        d
        for d in depends
        if d not in allowed and (d in ENTERPRISE or d.startswith(ENTERPRISE_PREFIXES))
    ]
    assert not enterprise, f"depends on Odoo Enterprise module(s) {enterprise}"
    unknown = [d for d in depends if d not in allowed]
    assert not unknown, (
        f"depends on {unknown}: neither Odoo Community ({source}), an OCA module "
        "listed in requirements.txt, nor a module of addons/"
    )


def _check_xml(path):
    if etree is not None:
        root = etree.parse(str(path)).getroot()
    else:
        root = ElementTree.parse(str(path)).getroot()
    assert root.tag == "odoo", (
        f"{path.name}: root element <{root.tag}>, expected <odoo>"
    )


def _check_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows and rows[0], f"{path.name}: no header row"
    width = len(rows[0])
    bad = [n for n, row in enumerate(rows[1:], start=2) if row and len(row) != width]
    assert not bad, f"{path.name}: rows {bad} do not have {width} columns"


@per_module
@pytest.mark.parametrize("key", ["data", "demo"])
def test_listed_files_exist_and_parse(module, key):
    problems = []
    for path in module_files(module, key):
        rel = path.relative_to(ADDONS)
        if not path.is_file():
            problems.append(f"{rel}: listed in '{key}' but missing")
            continue
        try:
            if path.suffix == ".xml":
                _check_xml(path)
            elif path.suffix == ".csv":
                _check_csv(path)
        except (AssertionError, SyntaxError, UnicodeDecodeError, csv.Error) as exc:
            problems.append(f"{rel}: {exc}")
        except Exception as exc:  # lxml's XMLSyntaxError and friends
            problems.append(f"{rel}: {type(exc).__name__}: {exc}")
    assert not problems, "\n".join(problems)


def _base_names(node):
    names = set()
    for base in node.bases:
        if isinstance(base, ast.Attribute):
            names.add(base.attr)
        elif isinstance(base, ast.Name):
            names.add(base.id)
    return names


def _class_attr(node, name):
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in stmt.targets
        ):
            try:
                return ast.literal_eval(stmt.value)
            except ValueError:
                return None
    return None


def concrete_models(module):
    """Models a module creates (``_name``) that need access rules."""
    models = {}
    for path in sorted((ADDONS / module).rglob("*.py")):
        if "tests" in path.relative_to(ADDONS / module).parts:
            continue
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = _base_names(node)
            if not bases & {"Model", "TransientModel"}:
                continue  # AbstractModel, plain Python classes
            name = _class_attr(node, "_name")
            inherit = _class_attr(node, "_inherit") or []
            inherit = [inherit] if isinstance(inherit, str) else inherit
            if not isinstance(name, str) or name in inherit:
                continue  # an extension of an existing model
            if _class_attr(node, "_abstract") is True:
                continue
            models[name] = path.relative_to(ADDONS)
    return models


def access_model_ids(module):
    """External ids of models that the module's data grants access to."""
    ids = set()
    for path in module_files(module, "data"):
        if not path.is_file():
            continue
        if path.name == "ir.model.access.csv":
            with open(path, newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    ref = (
                        row.get("model_id:id") or row.get("model_id/id") or ""
                    ).strip()
                    ids.add(ref.split(".")[-1])
        elif path.suffix == ".xml" and etree is not None:
            try:
                root = etree.parse(str(path)).getroot()
            except Exception:  # reported by test_listed_files_exist_and_parse
                continue
            for field in root.xpath(
                "//record[@model='ir.model.access']/field[@name='model_id']"
            ):
                ids.add((field.get("ref") or "").split(".")[-1])
    return ids


@per_module
def test_models_have_access_rules(module):
    granted = access_model_ids(module)
    missing = {
        name: str(path)
        for name, path in concrete_models(module).items()
        if "model_" + name.replace(".", "_") not in granted
    }
    assert not missing, (
        "models without an ir.model.access.csv row (listed in 'data'): "
        + ", ".join(f"{n} ({p})" for n, p in sorted(missing.items()))
    )


# ------------------------------------------------------------------ i18n


@per_module
def test_i18n_files_exist(module):
    i18n = ADDONS / module / "i18n"
    missing = [f for f in (f"{module}.pot", "zh_CN.po") if not (i18n / f).is_file()]
    assert not missing, f"missing i18n/{', i18n/'.join(missing)}"
    assert not (i18n / "en.po").exists(), "i18n/en.po must not exist (OCA rule)"


@per_module
def test_zh_CN_translates_every_term(module):
    i18n = ADDONS / module / "i18n"
    pot, po = i18n / f"{module}.pot", i18n / "zh_CN.po"
    if not (pot.is_file() and po.is_file()):
        pytest.fail("i18n files missing (see test_i18n_files_exist)")
    terms = {msgid for msgid, _strs, _fuzzy in po_entries(pot) if msgid}
    translated = {
        msgid
        for msgid, strs, fuzzy in po_entries(po)
        if msgid and strs and all(s.strip() for s in strs) and not fuzzy
    }
    missing = sorted(terms - translated)
    assert not missing, (
        f"{len(missing)} of {len(terms)} terms have no zh_CN translation, e.g. "
        + "; ".join(repr(m[:60]) for m in missing[:10])
    )


# ---------------------------------------------------------------- pylint


@per_module
def test_pylint_odoo_mandatory(module, pylint_messages):
    messages = pylint_messages.get(module, [])
    assert not messages, "pylint-odoo (.pylintrc-mandatory):\n" + "\n".join(messages)


@per_module
def test_oca_checks_odoo_module(module, oca_checks_messages):
    messages = oca_checks_messages.get(module, [])
    assert not messages, "oca-checks-odoo-module:\n" + "\n".join(messages)


def test_modules_past_1_0_have_a_history():
    """OCA: readme/HISTORY.md once a module is past 1.0, naming its version."""
    problems = []
    for module in MODULES:
        version = manifest(module).get("version", "")
        if not VERSION.match(version) or version.split(".")[2:] == ["1", "0", "0"]:
            continue
        history = ADDONS / module / "readme" / "HISTORY.md"
        if not history.is_file():
            problems.append(f"{module} {version}: no readme/HISTORY.md")
        elif not re.search(
            rf"^## {re.escape(version)}\b",
            history.read_text("utf-8"),
            re.MULTILINE,
        ):
            problems.append(f"{module}: readme/HISTORY.md has no '## {version}' entry")
    assert not problems, "\n".join(problems)


def _oca_license(name):
    """License of an installed OCA add-on (its wheel's metadata), or None."""
    try:
        return metadata.metadata(f"odoo-addon-{name}").get("License")
    except metadata.PackageNotFoundError:
        return None


def test_license_follows_agpl_dependencies():
    """One licence for the suite; AGPL-3 wherever an AGPL-3 module is depended on
    (directly or through another bizreg module), as OCA licenses such modules."""
    names = sorted(
        p.name for p in ADDONS.iterdir() if (p / "__manifest__.py").is_file()
    )
    manifests = {name: manifest(name) for name in names}
    licenses = {name: m.get("license") for name, m in manifests.items()}
    assert len(set(licenses.values())) <= 1, f"several licences: {licenses}"
    needs_agpl = {}

    def agpl_through(name, seen=()):
        if name not in needs_agpl:
            reasons = []
            for dep in manifests[name].get("depends", []):
                if dep in manifests and dep not in seen:
                    if agpl_through(dep, (*seen, name)):
                        reasons.append(dep)
                elif _oca_license(dep) == "AGPL-3":
                    reasons.append(dep)
            needs_agpl[name] = reasons
        return needs_agpl[name]

    wrong = {
        name: agpl_through(name)
        for name in names
        if agpl_through(name) and licenses[name] != "AGPL-3"
    }
    assert not wrong, f"not AGPL-3 but depend on AGPL-3 modules: {wrong}"
    header = re.compile(r"^# License (\S+)", re.MULTILINE)
    stray = sorted(
        str(path.relative_to(ADDONS))
        for name in names
        for path in (ADDONS / name).rglob("*.py")
        for found in header.findall(path.read_text("utf-8"))
        if not found.startswith(f"{licenses[name]}.")
    )
    assert not stray, f"file headers naming another licence than the manifest: {stray}"
