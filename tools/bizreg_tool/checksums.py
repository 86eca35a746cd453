"""Which bizreg modules changed since their database installed or upgraded them.

The idea and the digest are click-odoo-update's (click-odoo-contrib,
``_addon_hash.addon_hash``): a SHA-1 over each file's relative path and
content, in sorted order, leaving out compiled files, ``.pot`` templates,
``static/`` (served from disk, no upgrade needed), ``tests/``, and the
``.po`` files of languages the database does not have.  A module is upgraded
when its digest differs from the one recorded after its last successful
install or upgrade.

click-odoo-update itself is not used: it loads the registry in a process of
its own on every start (seconds, even when nothing changed), records the
digests in the database, and neither installs modules nor loads languages,
which ``./bizreg run`` must do too.  Here the digests live in
``.cache/checksums/<database>-<uuid>.json``: keyed by the database's
``database.uuid``, so a dropped and recreated database starts afresh.
Standard library only.
"""

import hashlib
import json
import os
import re
from fnmatch import fnmatch
from pathlib import Path

from .common import CACHE

# click-odoo-update's DEFAULT_EXCLUDE_PATTERNS
EXCLUDE = ("*.pyc", "*.pyo", "i18n/*.pot", "i18n_extra/*.pot", "static/*", "tests/*")
STORE = CACHE / "checksums"


def _files(top, langs, exclude):
    """Relative paths of the files that make the digest, in digest order."""
    keep = {lang.split("_")[0] for lang in langs}
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        reldir = os.path.relpath(dirpath, top)
        if reldir == ".":
            reldir = ""
        for filename in sorted(filenames):
            relpath = os.path.join(reldir, filename)
            if any(fnmatch(relpath, pattern) for pattern in exclude):
                continue
            if keep and reldir in ("i18n", "i18n_extra"):
                base, ext = os.path.splitext(filename)
                if ext == ".po" and base.split("_")[0] not in keep:
                    continue
            yield relpath


def module_hash(top, langs=(), exclude=EXCLUDE):
    """SHA-1 hex digest of a module directory (click-odoo-update's digest)."""
    digest = hashlib.sha1()
    for relpath in _files(str(top), langs, exclude):
        digest.update(relpath.encode("utf-8"))  # empty files count too
        with open(os.path.join(top, relpath), "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def module_hashes(modules, langs):
    """``{name: digest}`` of ``{name: path}``."""
    return {name: module_hash(path, langs) for name, path in modules.items()}


def to_upgrade(hashes, recorded, installed):
    """``{name: reason}`` of the installed modules whose files changed.

    ``recorded``: the digests stored after the last install or upgrade
    (``None`` when nothing was ever recorded for this database).
    """
    reasons = {}
    for name in sorted(installed):
        if name not in hashes:
            continue
        if recorded is None:
            reasons[name] = "no checksum recorded for this database yet"
        elif recorded.get(name) != hashes[name]:
            reasons[name] = "files changed since its last install or upgrade"
    return reasons


def _store_path(db, uuid):
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{db}-{uuid}")
    return STORE / f"{safe}.json"


def load(db, uuid):
    """The recorded ``{name: digest}`` of a database, or None."""
    if not uuid:
        return None
    try:
        data = json.loads(_store_path(db, uuid).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    modules = data.get("modules") if isinstance(data, dict) else None
    return modules if isinstance(modules, dict) else None


def save(db, uuid, hashes):
    """Record ``{name: digest}`` for a database (atomically)."""
    path = _store_path(db, uuid)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"database": db, "uuid": uuid, "modules": dict(sorted(hashes.items()))}
    tmp = Path(f"{path}.tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
