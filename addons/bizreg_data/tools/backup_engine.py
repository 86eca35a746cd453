#!/usr/bin/env python3
# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""bizreg backup engine: encrypted backups, restore drills and restores.

Standalone (standard library + psycopg2 + cryptography + boto3, no Odoo), so
that it runs outside the limits of Odoo's HTTP and cron workers, as a
subprocess started by ``bizreg_data``, and by hand for a real recovery::

    backup_engine.py backup --job job.json
    backup_engine.py drill --job job.json
    backup_engine.py verify --manifest DIR/manifest.json --key-file KEY
    backup_engine.py restore --manifest DIR/manifest.json --key-file KEY \
        --target-db NAME [--filestore DIR] [--host H] [--port P] [--user U]

Secrets never go to disk through this program: the database password comes
from ``PGPASSWORD``, the encryption key from ``BIZREG_BACKUP_KEY`` (base64 of
32 bytes) or a key file, an S3 secret from the variable a job names.

**Format.** A backup is a folder with ``database.dump.enc`` (``pg_dump -Fc``),
``filestore.tar.enc`` (a ``tar`` stream of the filestore) and
``manifest.json``.  An encrypted file is a header (magic, a random file id)
then chunks ``length(4) nonce(12) AES-256-GCM(ciphertext+tag)``; each chunk's
associated data is the file id, its index and a final flag, so a flipped
byte, a reordered, dropped or foreign chunk, and a truncated file are all
detected.  The manifest lists each file's SHA-256 (of the encrypted bytes),
the row count of every table in the dump's snapshot, a digest of a sample of
business records, versions and the backup time, and is itself authenticated
with an HMAC of the key.
"""

import argparse
import base64
import contextlib
import datetime
import hashlib
import hmac
import json
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time

FORMAT = "bizreg-backup/1"
MAGIC = b"BZRBK1\n"
CHUNK = 1024 * 1024
FILE_DUMP = "database.dump.enc"
FILE_FILESTORE = "filestore.tar.enc"
MANIFEST = "manifest.json"
SAMPLE_TABLES = ("res_partner", "sale_order", "account_move", "hr_employee")
SAMPLE_SIZE = 50


class EngineError(Exception):
    """A step failed; the message says which and why."""


# ----------------------------------------------------------------------
# Log
# ----------------------------------------------------------------------
class Log:
    def __init__(self):
        self.lines = []
        self.start = time.monotonic()

    def __call__(self, message, *args):
        text = message % args if args else message
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M:%S")
        line = f"{stamp} +{time.monotonic() - self.start:7.2f}s {text}"
        self.lines.append(line)
        sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def text(self):
        return "\n".join(self.lines)


# ----------------------------------------------------------------------
# Keys and encryption
# ----------------------------------------------------------------------
def load_key(key_file=None):
    """The 32-byte key: from ``key_file`` (base64 text or 32 raw bytes), else
    from the environment variable ``BIZREG_BACKUP_KEY``."""
    if key_file:
        with open(key_file, "rb") as handle:
            raw = handle.read()
        if len(raw) == 32:
            return raw
        data = raw.strip()
    else:
        data = os.environ.get("BIZREG_BACKUP_KEY", "").strip().encode()
    if not data:
        raise EngineError("no encryption key: give --key-file or BIZREG_BACKUP_KEY")
    try:
        key = base64.b64decode(data, validate=True)
    except ValueError as exc:
        raise EngineError("the encryption key is not valid base64") from exc
    if len(key) != 32:
        raise EngineError("the encryption key must be 32 bytes (base64)")
    return key


def key_id(key):
    """A short public fingerprint telling which key a backup needs."""
    return hashlib.sha256(b"bizreg-key-id" + key).hexdigest()[:16]


def _aad(file_id, index, final):
    return file_id + struct.pack(">Q?", index, final)


class EncryptWriter:
    """A file-like sink: plaintext in, encrypted chunks out to ``out``
    (anything with ``write``), hashing what it writes."""

    def __init__(self, key, out):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.aes = AESGCM(key)
        self.out = out
        self.file_id = os.urandom(16)
        self.index = 0
        self.buffer = bytearray()
        self.sha = hashlib.sha256()
        self.size = 0
        self.closed = False
        self._emit(MAGIC + self.file_id)

    def _emit(self, data):
        self.out.write(data)
        self.sha.update(data)
        self.size += len(data)

    def _chunk(self, data, final):
        nonce = os.urandom(12)
        sealed = self.aes.encrypt(
            nonce, bytes(data), _aad(self.file_id, self.index, final)
        )
        self._emit(struct.pack(">I", len(sealed)) + nonce + sealed)
        self.index += 1

    def write(self, data):  # pylint: disable=method-required-super
        self.buffer += data
        while len(self.buffer) > CHUNK:
            self._chunk(self.buffer[:CHUNK], False)
            del self.buffer[:CHUNK]
        return len(data)

    def flush(self):
        pass

    def close(self):
        if not self.closed:
            self._chunk(self.buffer, True)
            self.buffer = bytearray()
            self.closed = True


def decrypt_chunks(key, handle):
    """Yield the plaintext chunks of an encrypted stream; raise EngineError on
    any tampering, reordering or truncation."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(key)
    header = handle.read(len(MAGIC) + 16)
    if len(header) != len(MAGIC) + 16 or not header.startswith(MAGIC):
        raise EngineError("not a bizreg encrypted file (bad header)")
    file_id = header[len(MAGIC) :]
    index = 0
    while True:
        head = handle.read(16)
        if not head:
            raise EngineError(
                f"truncated: the file ends at chunk {index} without its final chunk"
            )
        if len(head) != 16:
            raise EngineError(f"truncated inside the header of chunk {index}")
        (length,) = struct.unpack(">I", head[:4])
        if length > CHUNK + 64:
            raise EngineError(f"corrupt length of chunk {index}")
        nonce, sealed = head[4:], handle.read(length)
        if len(sealed) != length:
            raise EngineError(f"truncated inside chunk {index}")
        plain, final = None, False
        for flag in (False, True):
            try:
                plain = aes.decrypt(nonce, sealed, _aad(file_id, index, flag))
                final = flag
                break
            except InvalidTag:
                continue
        if plain is None:
            raise EngineError(
                f"authentication failed at chunk {index}: "
                "the file was altered or reordered"
            )
        yield plain
        index += 1
        if final:
            if handle.read(1):
                raise EngineError("data after the final chunk")
            return


class DecryptReader:
    """A readable file object over :func:`decrypt_chunks` (for tarfile)."""

    def __init__(self, key, handle):
        self.chunks = decrypt_chunks(key, handle)
        self.buffer = b""
        self.done = False

    def read(self, size=-1):  # pylint: disable=method-required-super
        while not self.done and (size < 0 or len(self.buffer) < size):
            try:
                self.buffer += next(self.chunks)
            except StopIteration:
                self.done = True
        if size < 0:
            data, self.buffer = self.buffer, b""
        else:
            data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data


def sha256_file(path):
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            sha.update(block)
    return sha.hexdigest()


def manifest_mac(key, manifest):
    body = {k: v for k, v in manifest.items() if k != "hmac"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key, b"bizreg-manifest" + text, hashlib.sha256).hexdigest()


# ----------------------------------------------------------------------
# Database
# ----------------------------------------------------------------------
def tool(db, name):
    """A PostgreSQL client program, from ``db["bin"]`` (Odoo's ``pg_path``)
    when given, else from the PATH."""
    return os.path.join(db["bin"], name) if db.get("bin") else name


def pg_env(db):
    env = dict(os.environ)
    for name, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER")):
        if db.get(name):
            env[var] = str(db[name])
    return env


def connect(db, dbname=None):
    import psycopg2

    args = {"dbname": dbname or db["dbname"]}
    for name in ("host", "port", "user"):
        if db.get(name):
            args[name] = db[name]
    # the password, if any, comes from PGPASSWORD (libpq reads it)
    return psycopg2.connect(**args)


def table_counts(cr):
    from psycopg2 import sql

    cr.execute(
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
        "ORDER BY schemaname, tablename"
    )
    counts = {}
    for schema, table in cr.fetchall():
        # identifiers quoted by psycopg2's sql module
        cr.execute(  # pylint: disable=sql-injection
            sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
        )
        name = table if schema == "public" else f"{schema}.{table}"
        counts[name] = cr.fetchone()[0]
    return counts


def sample_digest(cr, tables=SAMPLE_TABLES):
    """``{table: sha256}`` of the first records of a few business tables."""
    from psycopg2 import sql

    digests = {}
    for table in tables:
        cr.execute("SELECT to_regclass(%s)", (f"public.{table}",))
        if not cr.fetchone()[0]:
            continue
        cr.execute(
            sql.SQL(
                "SELECT id, row_to_json(t)::text FROM "
                "(SELECT * FROM {} ORDER BY id LIMIT %s) t ORDER BY id"
            ).format(sql.Identifier(table)),
            (SAMPLE_SIZE,),
        )
        sha = hashlib.sha256()
        rows = cr.fetchall()
        for _id, text in rows:
            sha.update(text.encode())
            sha.update(b"\n")
        digests[table] = {"ids": [r[0] for r in rows], "sha256": sha.hexdigest()}
    return digests


def module_versions(cr):
    cr.execute("SELECT to_regclass('public.ir_module_module')")
    if not cr.fetchone()[0]:
        return {}
    cr.execute(
        "SELECT name, latest_version FROM ir_module_module "
        "WHERE state = 'installed' ORDER BY name"
    )
    return dict(cr.fetchall())


# ----------------------------------------------------------------------
# Destinations
# ----------------------------------------------------------------------
def s3_client(dest):
    import boto3

    secret = os.environ.get(dest.get("secret_env") or "", "") or dest.get("secret_key")
    return boto3.client(
        "s3",
        endpoint_url=dest.get("endpoint_url") or None,
        region_name=dest.get("region") or None,
        aws_access_key_id=dest.get("access_key") or None,
        aws_secret_access_key=secret or None,
    )


def _s3_key(dest, location, name):
    return "/".join(p for p in (location.strip("/"), name) if p)


def dest_location(dest, folder):
    prefix = (dest.get("prefix") or "").strip("/")
    if dest["kind"] == "directory":
        return (
            os.path.join(dest["path"], prefix, folder)
            if prefix
            else os.path.join(dest["path"], folder)
        )
    return "/".join(p for p in (prefix, folder) if p)


def dest_put(dest, location, local_dir, names, log):
    if dest["kind"] == "directory":
        os.makedirs(location, exist_ok=True)
        for name in names:
            shutil.copyfile(os.path.join(local_dir, name), os.path.join(location, name))
        return
    client = s3_client(dest)
    for name in names:
        # upload_file streams (multipart for large files), never in memory
        client.upload_file(
            os.path.join(local_dir, name), dest["bucket"], _s3_key(dest, location, name)
        )


def dest_get(dest, location, local_dir, names):
    os.makedirs(local_dir, exist_ok=True)
    if dest["kind"] == "directory":
        for name in names:
            shutil.copyfile(os.path.join(location, name), os.path.join(local_dir, name))
        return
    client = s3_client(dest)
    for name in names:
        client.download_file(
            dest["bucket"], _s3_key(dest, location, name), os.path.join(local_dir, name)
        )


def dest_delete(dest, location, names=(MANIFEST, FILE_DUMP, FILE_FILESTORE)):
    if dest["kind"] == "directory":
        if os.path.isdir(location):
            shutil.rmtree(location)
        return
    client = s3_client(dest)
    client.delete_objects(
        Bucket=dest["bucket"],
        Delete={"Objects": [{"Key": _s3_key(dest, location, n)} for n in names]},
    )


def dest_test(dest):
    """Write, read back and delete a probe; return a message or raise."""
    probe = f".bizreg-probe-{os.getpid()}-{int(time.time())}"
    data = b"bizreg backup destination probe"
    if dest["kind"] == "directory":
        path = dest.get("path") or ""
        if not os.path.isabs(path):
            raise EngineError(f"the path {path!r} is not an absolute path")
        os.makedirs(path, exist_ok=True)
        target = os.path.join(path, probe)
        with open(target, "wb") as handle:
            handle.write(data)
        with open(target, "rb") as handle:
            ok = handle.read() == data
        os.remove(target)
        if not ok:
            raise EngineError("the probe file read back differs")
        usage = shutil.disk_usage(path)
        return f"writable, {usage.free // (1024 * 1024)} MB free"
    client = s3_client(dest)
    key = _s3_key(dest, (dest.get("prefix") or "").strip("/"), probe)
    client.put_object(Bucket=dest["bucket"], Key=key, Body=data)
    body = client.get_object(Bucket=dest["bucket"], Key=key)["Body"].read()
    client.delete_object(Bucket=dest["bucket"], Key=key)
    if body != data:
        raise EngineError("the probe object read back differs")
    return f"bucket {dest['bucket']} writable"


# ----------------------------------------------------------------------
# Backup
# ----------------------------------------------------------------------
def _encrypt_stream(key, source, path):
    with open(path, "wb") as out:
        writer = EncryptWriter(key, out)
        for block in iter(lambda: source.read(CHUNK), b""):
            writer.write(block)
        writer.close()
    return writer


def backup(job, log):
    key = load_key(job.get("key_file"))
    db = job["db"]
    folder = job["folder"]
    staging = tempfile.mkdtemp(prefix="bizreg-backup-", dir=job.get("work_dir"))
    try:
        log("backup of database %s into %s", db["dbname"], folder)
        conn = connect(db)
        try:
            conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
            cr = conn.cursor()
            cr.execute(
                "SELECT pg_export_snapshot(), now() AT TIME ZONE 'UTC', version()"
            )
            snapshot, backup_time, pg_version = cr.fetchone()
            log("snapshot %s exported", snapshot)
            counts = table_counts(cr)
            sample = sample_digest(cr)
            modules = module_versions(cr)
            log(
                "%s tables, %s rows counted in the snapshot",
                len(counts),
                sum(counts.values()),
            )
            dump_cmd = [
                tool(db, "pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--dbname",
                db["dbname"],
            ]
            # stderr to a file: a full pipe must not stall the dump
            with tempfile.TemporaryFile() as errors:
                proc = subprocess.Popen(
                    dump_cmd, stdout=subprocess.PIPE, stderr=errors, env=pg_env(db)
                )
                dump = _encrypt_stream(
                    key, proc.stdout, os.path.join(staging, FILE_DUMP)
                )
                proc.wait()
                errors.seek(0)
                stderr = errors.read().decode(errors="replace")
            if proc.returncode != 0:
                raise EngineError(
                    f"pg_dump failed ({proc.returncode}): {stderr.strip()}"
                )
            log("database dumped and encrypted: %s bytes", dump.size)
        finally:
            conn.rollback()
            conn.close()
        filestore = job.get("filestore")
        with open(os.path.join(staging, FILE_FILESTORE), "wb") as out:
            writer = EncryptWriter(key, out)
            with tarfile.open(fileobj=writer, mode="w|") as tar:
                if filestore and os.path.isdir(filestore):
                    tar.add(filestore, arcname="filestore")
                else:
                    log("no filestore at %s: an empty archive", filestore)
            writer.close()
        log("filestore archived and encrypted: %s bytes", writer.size)
        manifest = {
            "format": FORMAT,
            "database": db["dbname"],
            "backup_time": backup_time.replace(microsecond=0).isoformat() + "Z",
            "snapshot": snapshot,
            "postgresql": pg_version,
            "odoo_version": job.get("odoo_version"),
            "modules": modules,
            "key_id": key_id(key),
            "chunk_size": CHUNK,
            "files": {
                FILE_DUMP: {"sha256": dump.sha.hexdigest(), "size": dump.size},
                FILE_FILESTORE: {"sha256": writer.sha.hexdigest(), "size": writer.size},
            },
            "table_counts": counts,
            "sample": sample,
        }
        manifest["hmac"] = manifest_mac(key, manifest)
        with open(os.path.join(staging, MANIFEST), "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=1, sort_keys=True)
        manifest_sha = sha256_file(os.path.join(staging, MANIFEST))
        copies = []
        for dest in job["destinations"]:
            location = dest_location(dest, folder)
            try:
                dest_put(
                    dest, location, staging, [FILE_DUMP, FILE_FILESTORE, MANIFEST], log
                )
                copies.append(
                    {"id": dest["id"], "location": location, "state": "present"}
                )
                log("copied to %s (%s)", dest.get("name"), location)
            except Exception as exc:  # one destination down must not lose the others
                copies.append(
                    {
                        "id": dest["id"],
                        "location": location,
                        "state": "failed",
                        "error": str(exc),
                    }
                )
                log("copy to %s failed: %s", dest.get("name"), exc)
        ok = [c for c in copies if c["state"] == "present"]
        offsite = [
            c
            for c, d in zip(copies, job["destinations"], strict=True)
            if d.get("offsite") and c["state"] == "present"
        ]
        result = {
            "state": "done" if ok and offsite else "failed",
            "manifest": manifest,
            "checksum": manifest_sha,
            "size": dump.size + writer.size,
            "copies": copies,
        }
        if not ok or not offsite:
            result["error"] = (
                "no off-site copy was written" if ok else "no copy was written"
            )
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# ----------------------------------------------------------------------
# Verification and restore (shared by drills and real recoveries)
# ----------------------------------------------------------------------
class Checks:
    def __init__(self, log):
        self.items = []
        self.log = log

    def add(self, name, expected, found, passed):
        self.items.append(
            {
                "name": name,
                "expected": str(expected),
                "found": str(found),
                "passed": bool(passed),
            }
        )
        self.log(
            "check %s: %s (expected %s, found %s)",
            name,
            "ok" if passed else "FAILED",
            expected,
            found,
        )
        return passed

    @property
    def passed(self):
        return bool(self.items) and all(item["passed"] for item in self.items)


def verify_files(key, folder, manifest, checks):
    """Checksums, the manifest's authenticity and the key."""
    ok = checks.add(
        "Manifest authenticity (HMAC)",
        "valid",
        "valid"
        if hmac.compare_digest(manifest.get("hmac", ""), manifest_mac(key, manifest))
        else "invalid",
        hmac.compare_digest(manifest.get("hmac", ""), manifest_mac(key, manifest)),
    )
    for name, info in sorted(manifest["files"].items()):
        path = os.path.join(folder, name)
        found = sha256_file(path) if os.path.exists(path) else "missing"
        ok = (
            checks.add(
                f"Checksum {name}", info["sha256"], found, found == info["sha256"]
            )
            and ok
        )
    return ok


def restore_database(key, folder, db, target, log):
    subprocess.run(
        [tool(db, "createdb"), "--template=template0", target],
        check=True,
        env=pg_env(db),
        capture_output=True,
    )
    log("database %s created", target)
    error = None
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            [
                tool(db, "pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                target,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=pg_env(db),
        )
        try:
            with open(os.path.join(folder, FILE_DUMP), "rb") as handle:
                for plain in decrypt_chunks(key, handle):
                    proc.stdin.write(plain)
        except EngineError as exc:
            error = str(exc)
        except BrokenPipeError:
            # pg_restore stopped reading: its exit code and message say why
            log("pg_restore stopped reading the dump")
        finally:
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.close()
        code = proc.wait()
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if error:
        raise EngineError(f"decryption of the dump failed: {error}")
    if code:
        raise EngineError(f"pg_restore failed ({code}): {stderr.strip()[-2000:]}")
    log("database restored into %s", target)


def restore_filestore(key, folder, target_dir, log):
    os.makedirs(target_dir, exist_ok=True)
    count = 0
    with open(os.path.join(folder, FILE_FILESTORE), "rb") as handle:
        reader = DecryptReader(key, handle)
        with tarfile.open(fileobj=reader, mode="r|") as tar:
            for member in tar:
                # the archive's top folder "filestore/" is the target itself
                parts = member.name.split("/", 1)
                if len(parts) < 2 or not parts[1]:
                    continue
                member.name = parts[1]
                tar.extract(member, target_dir, filter="data")
                count += member.isfile()
        reader.read()  # up to the final chunk: truncation shows here
    log("filestore restored into %s: %s files", target_dir, count)
    return count


def verify_database(db, target, manifest, checks):
    conn = connect(db, target)
    try:
        cr = conn.cursor()
        counts = table_counts(cr)
        expected = manifest["table_counts"]
        differ = sorted(
            t for t in set(counts) | set(expected) if counts.get(t) != expected.get(t)
        )
        checks.add(
            "Row counts of every table",
            f"{len(expected)} tables, {sum(expected.values())} rows",
            f"{len(counts)} tables, {sum(counts.values())} rows"
            + (f"; differ: {', '.join(differ[:10])}" if differ else ""),
            not differ,
        )
        sample = sample_digest(cr, tuple(manifest.get("sample", {})))
        for table, info in sorted(manifest.get("sample", {}).items()):
            found = sample.get(table, {}).get("sha256", "missing")
            checks.add(
                f"Sample of {table} (first {len(info['ids'])} records)",
                info["sha256"],
                found,
                found == info["sha256"],
            )
    finally:
        conn.close()


def check_registry(job, target, checks, log):
    """Load the Odoo registry of the restored database in a fresh Python."""
    reg = job.get("registry")
    if not reg:
        return
    code = (
        "import json, os, sys, odoo\n"
        "from odoo.tools import config\n"
        "config.parse_config(sys.argv[1:])\n"
        "from odoo.modules.registry import Registry\n"
        "registry = Registry.new(os.environ['BIZREG_DRILL_DB'])\n"
        "with registry.cursor() as cr:\n"
        "    cr.execute(\n"
        "        \"SELECT count(*) FROM ir_module_module WHERE state = 'installed'\"\n"
        "    )\n"
        "    info = {'models': len(registry.models), 'installed': cr.fetchone()[0]}\n"
        "print('BIZREG-REGISTRY ' + json.dumps(info))\n"
    )
    db = job["db"]
    args = [
        reg.get("python") or sys.executable,
        "-c",
        code,
        "--addons-path",
        reg["addons_path"],
        "-d",
        target,
        "--data-dir",
        reg["data_dir"],
        "--log-level",
        "warn",
        "--no-http",
    ]
    for name, option in (
        ("host", "--db_host"),
        ("port", "--db_port"),
        ("user", "--db_user"),
    ):
        if db.get(name):
            args += [option, str(db[name])]
    started = time.monotonic()
    env = dict(pg_env(db), BIZREG_DRILL_DB=target)
    proc = subprocess.run(
        args,
        capture_output=True,
        text=True,
        env=env,
        timeout=reg.get("timeout", 900),
    )
    found = "failed"
    for line in proc.stdout.splitlines():
        if line.startswith("BIZREG-REGISTRY "):
            info = json.loads(line.split(" ", 1)[1])
            found = f"{info['models']} models, {info['installed']} modules"
    expected_modules = len(job.get("expected_modules") or ())
    passed = proc.returncode == 0 and found != "failed"
    checks.add(
        "Odoo registry loads",
        f"{expected_modules} modules" if expected_modules else "loads",
        found,
        passed,
    )
    if not passed:
        log("registry load failed: %s", (proc.stderr or "")[-3000:])
    log("registry check took %.1fs", time.monotonic() - started)


def drop_database(db, target, log):
    proc = subprocess.run(
        [tool(db, "dropdb"), "--if-exists", "--force", target],
        env=pg_env(db),
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        log("dropdb %s failed: %s", target, proc.stderr.strip())
        return False
    log("scratch database %s dropped", target)
    return True


def drill(job, log):
    """Download from the off-site destination, verify, restore into a scratch
    database and filestore, check, and drop them (also on failure)."""
    key = load_key(job.get("key_file"))
    db = job["db"]
    target = job["scratch_db"]
    scratch_dir = job["scratch_dir"]
    checks = Checks(log)
    result = {"checks": checks.items}
    started = time.monotonic()
    folder = os.path.join(scratch_dir, "download")
    created = False
    try:
        dest = job["source"]
        log("downloading %s from %s", job["location"], dest.get("name"))
        dest_get(dest, job["location"], folder, [MANIFEST, FILE_DUMP, FILE_FILESTORE])
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as handle:
            manifest = json.load(handle)
        result["backup_time"] = manifest["backup_time"]
        checks.add(
            "Manifest checksum",
            job.get("manifest_sha256") or "-",
            sha256_file(os.path.join(folder, MANIFEST)),
            not job.get("manifest_sha256")
            or sha256_file(os.path.join(folder, MANIFEST)) == job["manifest_sha256"],
        )
        checks.add(
            "Encryption key",
            manifest.get("key_id"),
            key_id(key),
            manifest.get("key_id") == key_id(key),
        )
        verify_files(key, folder, manifest, checks)
        try:
            created = True
            restore_database(key, folder, db, target, log)
            checks.add(
                "Database restore (decrypt + pg_restore)", "restored", "restored", True
            )
        except (EngineError, subprocess.CalledProcessError) as exc:
            checks.add(
                "Database restore (decrypt + pg_restore)",
                "restored",
                _short(exc),
                False,
            )
            raise
        try:
            files = restore_filestore(
                key, folder, os.path.join(scratch_dir, "filestore"), log
            )
            checks.add(
                "Filestore restore (decrypt + untar)",
                "restored",
                f"{files} files",
                True,
            )
        except (EngineError, tarfile.TarError) as exc:
            checks.add(
                "Filestore restore (decrypt + untar)", "restored", _short(exc), False
            )
            raise
        verify_database(db, target, manifest, checks)
        check_registry(
            dict(job, expected_modules=manifest.get("modules")), target, checks, log
        )
        # the recovery time: from the start to the verified restore
        result["rto"] = round(time.monotonic() - started, 2)
    except Exception as exc:
        result["error"] = _short(exc)
        log("drill failed: %s", exc)
    finally:
        if created:
            result["dropped"] = drop_database(db, target, log)
        shutil.rmtree(scratch_dir, ignore_errors=True)
        result["scratch_removed"] = not os.path.exists(scratch_dir)
    result.setdefault("rto", round(time.monotonic() - started, 2))
    result["state"] = (
        "passed" if checks.passed and not result.get("error") else "failed"
    )
    if result["state"] == "failed" and not result.get("error"):
        failed = [c["name"] for c in checks.items if not c["passed"]]
        result["error"] = "failed checks: " + ", ".join(failed)
    return result


def _short(exc):
    text = str(exc)
    if isinstance(exc, subprocess.CalledProcessError) and exc.stderr:
        text += ": " + exc.stderr.decode(errors="replace").strip()
    return text[:1000]


# ----------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------
def _run_job(func, path):
    with open(path, encoding="utf-8") as handle:
        job = json.load(handle)
    log = Log()
    started = time.time()
    try:
        result = func(job, log)
    except Exception as exc:
        log("failed: %s", exc)
        result = {"state": "failed", "error": _short(exc)}
    result["duration"] = round(time.time() - started, 2)
    result["log"] = log.text()
    tmp = job["result"] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    os.replace(tmp, job["result"])  # the collector sees a complete file only
    return 0 if result["state"] in ("done", "passed") else 1


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("backup", "drill"):
        cmd = sub.add_parser(name)
        cmd.add_argument(
            "--job", required=True, help="the job file written by bizreg_data"
        )
    for name in ("verify", "restore"):
        cmd = sub.add_parser(name)
        cmd.add_argument(
            "--manifest",
            required=True,
            help="manifest.json, beside the encrypted files",
        )
        cmd.add_argument("--key-file", help="the key (base64); else BIZREG_BACKUP_KEY")
        if name == "restore":
            cmd.add_argument("--target-db", required=True, help="a new database name")
            cmd.add_argument(
                "--filestore", help="restore the filestore into this directory"
            )
            cmd.add_argument("--host")
            cmd.add_argument("--port")
            cmd.add_argument("--user")
    args = parser.parse_args(argv)
    if args.command == "backup":
        return _run_job(backup, args.job)
    if args.command == "drill":
        return _run_job(drill, args.job)
    log = Log()
    key = load_key(args.key_file)
    folder = os.path.dirname(os.path.abspath(args.manifest))
    with open(args.manifest, encoding="utf-8") as handle:
        manifest = json.load(handle)
    checks = Checks(log)
    checks.add(
        "Encryption key",
        manifest.get("key_id"),
        key_id(key),
        manifest.get("key_id") == key_id(key),
    )
    if not verify_files(key, folder, manifest, checks):
        log("verification failed: do not restore this copy, take another one")
        return 2
    for name in (FILE_DUMP, FILE_FILESTORE):
        with open(os.path.join(folder, name), "rb") as handle:
            size = sum(len(c) for c in decrypt_chunks(key, handle))
        checks.add(f"Decryption {name}", "complete", f"{size} bytes", True)
    if args.command == "verify":
        return 0
    db = {
        "dbname": args.target_db,
        "host": args.host,
        "port": args.port,
        "user": args.user,
    }
    restore_database(key, folder, db, args.target_db, log)
    if args.filestore:
        restore_filestore(key, folder, args.filestore, log)
    verify_database(db, args.target_db, manifest, checks)
    log("restore %s", "verified" if checks.passed else "FAILED verification")
    return 0 if checks.passed else 3


if __name__ == "__main__":
    try:
        sys.exit(main())
    except EngineError as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(2)
