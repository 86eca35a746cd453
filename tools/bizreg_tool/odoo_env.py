"""Find the user's Odoo 18.0, the bizreg modules, and install requirements.

Odoo is found the way a user has it: the ``odoo`` package importable by the
Python that runs it (``python3``, or ``$PYTHON``), or a source tree named by
``$ODOO_PATH`` / ``--odoo-path`` (added to ``PYTHONPATH``).  Nothing here
downloads or installs Odoo.
"""

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .common import ADDONS, CACHE, loud, raise_on_signals, say

SERIE = "18.0"
NOT_FOUND = (
    "Odoo 18.0 was not found ({reason}): install an Odoo 18.0 source tree into "
    "this Python (`pip install -e /path/to/odoo-18.0`) or set ODOO_PATH "
    "(or --odoo-path) to that tree."
)
MANIFEST = "__manifest__.py"

# Finding Odoo without importing it (importing odoo takes seconds): locate the
# package, read its release.py, and list the odoo/addons directories the way
# odoo.addons (a pkgutil namespace) would.
_PROBE = r"""
import importlib.util, json, os, runpy, sys
out = {"python": sys.executable, "python_version": list(sys.version_info[:3])}
try:
    spec = importlib.util.find_spec("odoo")
    if spec is None or not spec.origin:
        raise ImportError("No module named 'odoo'")
    root = os.path.dirname(os.path.abspath(spec.origin))
    release = runpy.run_path(os.path.join(root, "release.py"))
    if importlib.util.find_spec("psycopg2") is None:
        raise ImportError("Odoo's requirements are not installed (no psycopg2)")
except Exception as exc:
    out["error"] = "%s: %s" % (type(exc).__name__, exc)
else:
    out.update(version=release["version"], serie=release["serie"], root=root)
    core = [os.path.join(root, "addons"),
            os.path.normpath(os.path.join(root, "..", "addons"))]
    out["core_addons"] = [p for p in core if os.path.isdir(p)]
    out["addons"] = [os.path.abspath(os.path.join(p or ".", "odoo", "addons"))
                     for p in sys.path
                     if os.path.isdir(os.path.join(p or ".", "odoo", "addons"))]
    import sysconfig
    scripts = (os.path.normpath(os.path.join(root, "..", "odoo-bin")),
               os.path.join(sysconfig.get_path("scripts"), "odoo"))
    out["launcher"] = next((p for p in scripts if os.path.isfile(p)), None)
print(json.dumps(out))
"""


class OdooNotFound(Exception):
    def sentence(self):
        return NOT_FOUND.format(reason=self.args[0])


@dataclass
class Odoo:
    python: str
    version: str
    root: str
    core_addons: list
    addons: list
    env: dict = field(default_factory=dict)  # PYTHONPATH when ODOO_PATH is used
    # the script that starts Odoo (the tree's odoo-bin, or the installation's
    # ``odoo``); None: ``python -m odoo``
    launcher: str = None

    def environ(self, **extra):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.update(self.env)
        env.update(extra)
        return env

    def command(self, *args):
        """Odoo's command line, through its script where there is one: the
        prefork server starts its websocket process as ``sys.executable
        sys.argv[0] gevent``, which fails at once when ``sys.argv[0]`` is
        the ``odoo/__main__.py`` of ``python -m odoo`` (a relative import
        run as a script), and is started again every few seconds."""
        if self.launcher:
            return [self.python, self.launcher, *args]
        return [self.python, "-m", "odoo", *args]

    def addons_path(self, bizreg_dirs):
        """Repo addons (when they hold a module) first, then Odoo's own."""
        paths = []
        for path in [*map(str, bizreg_dirs), *self.core_addons, *self.addons]:
            path = os.path.abspath(path)
            if path not in paths and is_addons_dir(path):
                paths.append(path)
        return ",".join(paths)


def resolve_python(python=None):
    python = python or os.environ.get("PYTHON") or "python3"
    found = shutil.which(python)
    if not found:
        raise OdooNotFound(f"no Python interpreter {python!r}")
    return found


def command_odoo(args):
    """The start of a command of the tool: SIGINT/SIGTERM become
    :class:`~.common.Interrupted`, and the Odoo it runs (``--odoo-path``),
    or None once the reason is said."""
    raise_on_signals()
    try:
        return find_odoo(odoo_path=args.odoo_path)
    except OdooNotFound as exc:
        say(exc.sentence())
        return None


def find_odoo(python=None, odoo_path=None):
    """Return :class:`Odoo`, or raise :class:`OdooNotFound`."""
    python = resolve_python(python)
    env = {}
    odoo_path = odoo_path or os.environ.get("ODOO_PATH")
    if odoo_path:
        src = Path(odoo_path).expanduser().resolve()
        if (src / "odoo" / "__init__.py").is_file():
            pass
        elif src.name == "odoo" and (src / "__init__.py").is_file():
            src = src.parent
        else:
            raise OdooNotFound(f"ODOO_PATH {src} has no odoo/__init__.py")
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(src), os.environ.get("PYTHONPATH")) if p
        )
    try:
        proc = subprocess.run(
            [python, "-c", _PROBE],
            env=dict(os.environ, **env),
            capture_output=True,
            text=True,
            timeout=180,
            cwd=str(CACHE.parent),
        )
        info = json.loads(proc.stdout.strip().splitlines()[-1])
    except (OSError, ValueError, IndexError, subprocess.TimeoutExpired) as exc:
        raise OdooNotFound(f"{python} could not be probed: {exc}") from exc
    if "error" in info:
        raise OdooNotFound(f"{python} cannot import odoo: {info['error']}")
    if info["serie"] != SERIE:
        raise OdooNotFound(f"{python} has Odoo {info['version']} at {info['root']}")
    return Odoo(
        python=python,
        version=info["version"],
        root=info["root"],
        core_addons=info["core_addons"],
        addons=info["addons"],
        env=env,
        launcher=info.get("launcher"),
    )


# ---------------------------------------------------------------- modules


def is_addons_dir(path):
    try:
        entries = os.scandir(path)
    except OSError:
        return False
    with entries:
        return any(
            entry.is_dir()
            and os.path.isfile(os.path.join(entry.path, MANIFEST))
            and os.path.isfile(os.path.join(entry.path, "__init__.py"))
            for entry in entries
        )


def read_manifest(module_dir):
    source = (Path(module_dir) / MANIFEST).read_text(encoding="utf-8")
    return ast.literal_eval(source)


def bizreg_dirs():
    """Where bizreg modules live: ``addons/`` plus ``$BIZREG_EXTRA_ADDONS``.

    The extra directories (``os.pathsep``-separated) let a developer try an
    out-of-tree module with the same commands; they are empty by default.
    """
    dirs = [ADDONS]
    for extra in os.environ.get("BIZREG_EXTRA_ADDONS", "").split(os.pathsep):
        if extra.strip():
            dirs.append(Path(extra).expanduser().resolve())
    return dirs


def find_modules(dirs):
    """``{name: Path}`` of every module directory (with a manifest) in dirs."""
    modules = {}
    for base in dirs:
        if not Path(base).is_dir():
            continue
        for child in sorted(Path(base).iterdir()):
            if (child / MANIFEST).is_file() and child.name not in modules:
                modules[child.name] = child
    return modules


def bizreg_modules():
    """Installable modules whose name starts with ``bizreg``."""
    found = {}
    for name, path in find_modules(bizreg_dirs()).items():
        if not name.startswith("bizreg"):
            continue
        try:
            manifest = read_manifest(path)
        except (SyntaxError, ValueError) as exc:
            loud(f"{name}/__manifest__.py does not parse ({exc}); module ignored")
            continue
        if manifest.get("installable", True):
            found[name] = path
    return found


def install_targets(modules):
    """The top-level ``bizreg`` module when present, else every bizreg module."""
    return ["bizreg"] if "bizreg" in modules else sorted(modules)


def adapt_version(version):
    """Odoo's ``adapt_version``: prefix the series when missing."""
    if version == SERIE or not version.startswith(SERIE + "."):
        version = f"{SERIE}.{version}"
    return version


# ----------------------------------------------------------- requirements

# Run by the target interpreter (its installed distributions are what count).
# The requirement matcher is `packaging`'s (PEP 440 specifiers, PEP 508
# markers), as pip's: the project's own if installed, else the copy pip vendors.
_CHECK = r"""
import json, sys
from importlib import metadata
try:
    from packaging.requirements import InvalidRequirement, Requirement
except ImportError:
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement

missing = []
for line in json.load(sys.stdin):
    try:
        req = Requirement(line)
    except InvalidRequirement as exc:
        missing.append("%s (unreadable: %s)" % (line, exc))
        continue
    if req.marker is not None and not req.marker.evaluate():
        continue  # not for this interpreter
    try:
        version = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        missing.append(line)
        continue
    if not req.specifier.contains(version, prereleases=True):
        missing.append("%s (have %s)" % (line, version))
print(json.dumps(missing))
"""


def read_requirements(path, with_odoo_addons=True):
    """Requirement lines of ``path``, following ``-r`` includes."""
    lines = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()  # comments, not URLs' #
        if not line:
            continue
        if line.startswith(("-r ", "--requirement ")):
            included = Path(path).parent / line.split(None, 1)[1]
            lines += read_requirements(included, with_odoo_addons)
        elif line.startswith("-"):
            continue
        elif with_odoo_addons or not line.lower().startswith("odoo-addon"):
            lines.append(line)
    return lines


def _missing(python, lines, env):
    """The requirement lines ``python`` does not satisfy (with the reason)."""
    proc = subprocess.run(
        [python, "-c", _CHECK],
        input=json.dumps(lines),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return [f"(could not check: {proc.stderr.strip()[-200:]})"]


def ensure_requirements(python, req_file, env=None, with_odoo_addons=True):
    """pip-install ``req_file`` into ``python`` when something is missing.

    A stamp in ``.cache/requirements/`` keyed by the interpreter and the
    requirement lines makes later starts skip even the check.  pip failing
    (e.g. offline) is a warning, not an error.
    """
    env = env or dict(os.environ)
    lines = read_requirements(req_file, with_odoo_addons)
    key = hashlib.sha256("\n".join([python, *lines]).encode()).hexdigest()[:16]
    stamp = CACHE / "requirements" / f"{Path(req_file).name}-{key}.ok"
    if stamp.exists():
        return True
    missing = _missing(python, lines, env)
    if missing:
        say(f"Installing missing requirements: {', '.join(missing)}")
        filtered = stamp.with_suffix(".txt")
        filtered.parent.mkdir(parents=True, exist_ok=True)
        filtered.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            proc = subprocess.run(
                [python, "-m", "pip", "install", "-q", "-r", str(filtered)],
                env=env,
                timeout=900,
                capture_output=True,
                text=True,
            )
            if proc.returncode:
                tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
                loud(f"pip install -r {Path(req_file).name} failed: {' | '.join(tail)}")
        except (OSError, subprocess.TimeoutExpired) as exc:
            loud(f"pip install -r {Path(req_file).name} failed: {exc}")
        missing = _missing(python, lines, env)
    if missing:
        loud(f"still missing (continuing without): {', '.join(missing)}")
        return False
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text("ok\n", encoding="utf-8")
    return True
