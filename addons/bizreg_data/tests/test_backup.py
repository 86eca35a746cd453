# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import hashlib
import io
import json
import os
import subprocess
import sys
import time
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from ..models.bizreg_data_destination import backup_root
from ..tools import backup_engine
from .bizreg_data_backup_common import BizregDataBackupCommon


@tagged("post_install", "-at_install")
class TestBackup(BizregDataBackupCommon, TransactionCase):
    # ------------------------------------------------------------------
    # Policy rules and bad input
    # ------------------------------------------------------------------
    def test_policy_needs_two_destinations_one_offsite(self):
        Policy = self.env["bizreg.data.backup.policy"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, "at least two"):
            with self.env.cr.savepoint():
                Policy.create(
                    {"name": "One", "destination_ids": [Command.set([self.offsite.id])]}
                )
        onsite2 = self.local.copy(
            {"name": "Second local", "path": os.path.join(self.tmp, "l2")}
        )
        with self.assertRaisesRegex(ValidationError, "off-site"):
            with self.env.cr.savepoint():
                Policy.create(
                    {
                        "name": "Two on-site",
                        "destination_ids": [Command.set([self.local.id, onsite2.id])],
                    }
                )
        # the policy cannot lose its off-site destination by the back door
        with self.assertRaisesRegex(ValidationError, "off-site"):
            with self.env.cr.savepoint():
                self.offsite.with_user(self.manager).offsite = False
        with self.assertRaisesRegex(ValidationError, "at least two"):
            with self.env.cr.savepoint():
                self.policy.with_user(self.manager).destination_ids = [
                    Command.unlink(self.local.id)
                ]
        self.assertTrue(self.offsite.offsite)
        self.assertEqual(len(self.policy.destination_ids), 2)

    def test_policy_bad_input(self):
        policy = self.policy.with_user(self.manager)
        for field, value in (
            ("backup_interval_number", 0),
            ("retention_days", -3),
            ("drill_interval_number", 0),
            ("grace_hours", -1),
        ):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                policy.write({field: value})
        with (
            self.assertRaisesRegex(ValidationError, "Keep Backups"),
            self.env.cr.savepoint(),
        ):
            policy.write({"retention_days": "thirty"})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            policy.write({"backup_interval_type": "fortnights"})
        with self.assertRaisesRegex(ValidationError, "Path"), self.env.cr.savepoint():
            self.env["bizreg.data.destination"].with_user(self.manager).create(
                {"name": "No path", "kind": "directory"}
            )
        self.assertEqual(policy.retention_days, 30)

    # ------------------------------------------------------------------
    # End to end
    # ------------------------------------------------------------------
    def test_backup_to_directories(self):
        backup = self._backup()
        self.assertEqual(backup.state, "done", backup.sudo().error)
        self.assertTrue(backup.offsite_ok)
        self.assertEqual(backup.copy_ids.mapped("state"), ["present", "present"])
        manifest = json.loads(backup.manifest)
        self.assertEqual(manifest["database"], self.env.cr.dbname)
        self.assertGreater(manifest["table_counts"]["res_partner"], 0)
        self.assertIn("res_partner", manifest["sample"])
        self.assertIn("bizreg_data", manifest["modules"])
        self.assertTrue(manifest["odoo_version"])
        self.assertEqual(backup.table_count, len(manifest["table_counts"]))
        for copy in backup.copy_ids:
            with open(
                os.path.join(copy.location, backup_engine.MANIFEST), "rb"
            ) as handle:
                self.assertEqual(
                    hashlib.sha256(handle.read()).hexdigest(), backup.checksum
                )
            for name, info in manifest["files"].items():
                path = os.path.join(copy.location, name)
                self.assertEqual(backup_engine.sha256_file(path), info["sha256"])
                self.assertEqual(os.path.getsize(path), info["size"])
        # the manifest is authenticated with the key
        key = base64.b64decode(
            self.env["ir.config_parameter"].sudo().get_param("bizreg_data.backup_key")
        )
        self.assertEqual(manifest["hmac"], backup_engine.manifest_mac(key, manifest))
        # the policy moved on: next backup in the future, success recorded
        self.assertGreater(self.policy.next_backup_date, fields.Datetime.now())
        self.assertTrue(self.policy.last_success_date)

    def test_backup_is_encrypted(self):
        backup = self._backup()
        self.assertEqual(backup.state, "done", backup.sudo().error)
        folder = self._copy_dir(backup, self.offsite)
        key = base64.b64decode(
            self.env["ir.config_parameter"].sudo().get_param("bizreg_data.backup_key")
        )
        with open(os.path.join(folder, backup_engine.FILE_DUMP), "rb") as handle:
            encrypted = handle.read()
        plain = b"".join(backup_engine.decrypt_chunks(key, io.BytesIO(encrypted)))
        # the custom-format dump names its tables in clear (its TOC)...
        self.assertTrue(plain.startswith(b"PGDMP"))
        self.assertIn(b"res_partner", plain)
        # ...the encrypted file shows nothing of it
        self.assertNotIn(b"PGDMP", encrypted)
        self.assertNotIn(b"res_partner", encrypted)
        company = self.env.ref("base.main_company").name.encode()
        self.assertNotIn(company, encrypted)
        with open(os.path.join(folder, backup_engine.FILE_FILESTORE), "rb") as handle:
            self.assertNotIn(b"filestore/", handle.read())

    def test_backup_to_s3(self):
        try:
            from moto.server import ThreadedMotoServer
        except ImportError:
            self.skipTest(
                "moto.server is not installed: no local S3 server to test against"
            )
        import boto3

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        try:
            host, port = server.get_host_and_port()
            endpoint = f"http://{host}:{port}"
            client = boto3.client(
                "s3",
                endpoint_url=endpoint,
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing-secret",
            )
            client.create_bucket(Bucket="bizreg-backups")
            s3 = (
                self.env["bizreg.data.destination"]
                .with_user(self.manager)
                .create(
                    {
                        "name": "Object storage",
                        "kind": "s3",
                        "offsite": True,
                        "endpoint_url": endpoint,
                        "bucket": "bizreg-backups",
                        "region": "us-east-1",
                        "prefix": "odoo",
                        "access_key": "testing",
                        "new_secret_key": "testing-secret",
                    }
                )
            )
            self.assertTrue(s3.secret_set)
            result = s3.with_user(self.manager).action_test_connection()
            self.assertEqual(
                result["params"]["type"], "success", result["params"]["message"]
            )
            policy = self.policy.with_user(self.manager).copy(
                {
                    "name": "S3 policy",
                    "destination_ids": [Command.set([self.local.id, s3.id])],
                }
            )
            backup = self._backup(policy)
            self.assertEqual(backup.state, "done", backup.sudo().error)
            copy = backup.copy_ids.filtered(lambda c: c.destination_id == s3)
            self.assertEqual(copy.state, "present")
            keys = {
                obj["Key"]: obj["Size"]
                for obj in client.list_objects_v2(Bucket="bizreg-backups")["Contents"]
            }
            manifest = json.loads(backup.manifest)
            for name, info in manifest["files"].items():
                self.assertEqual(keys[f"{copy.location}/{name}"], info["size"])
            body = client.get_object(
                Bucket="bizreg-backups", Key=f"{copy.location}/manifest.json"
            )["Body"].read()
            self.assertEqual(hashlib.sha256(body).hexdigest(), backup.checksum)
            # a drill takes it back from the bucket (the off-site destination)
            drill = self._drill(policy)
            self.assertEqual(drill.state, "passed", drill.sudo().error)
            self.assertEqual(drill.destination_id, s3)
        finally:
            server.stop()

    # ------------------------------------------------------------------
    # Failures, escalation, retention
    # ------------------------------------------------------------------
    def test_failed_backup_escalates(self):
        self.local.sudo().path = "/proc/bizreg-no-such-dir"
        self.offsite.sudo().path = "/proc/bizreg-no-such-dir-either"
        backup = self._backup()
        self.assertEqual(backup.state, "failed")
        self.assertEqual(set(backup.copy_ids.mapped("state")), {"failed"})
        self.assertFalse(self.policy.last_success_date)
        fired = self.env["bizreg.data.backup"]._bizreg_run_escalations()
        self.assertEqual(fired["failed"], 1)
        users = backup.sudo().activity_ids.user_id
        self.assertIn(self.manager, users)
        self.assertIn(self.director, users)
        self.assertNotIn(self.auditor, users)
        # once only
        self.assertEqual(
            self.env["bizreg.data.backup"]._bizreg_run_escalations()["failed"], 0
        )

    def test_missing_backup_escalates(self):
        self.policy.with_user(self.manager).next_backup_date = (
            fields.Datetime.now() - timedelta(hours=12)
        )
        self.assertLess(self.policy.backup_deadline, fields.Datetime.now())
        Policy = self.env["bizreg.data.backup.policy"]
        self.assertEqual(Policy._bizreg_run_escalations()["missing"], 1)
        users = self.policy.activity_ids.user_id
        self.assertIn(self.manager, users)
        self.assertIn(self.director, users)
        self.assertIn("No successful backup", self.policy.message_ids[0].body)
        # a successful backup schedules the next one: not missing any more
        backup = self._backup()
        self.assertEqual(backup.state, "done", backup.sudo().error)
        self.assertFalse(self.policy.backup_escalated_date)
        self.assertGreater(self.policy.backup_deadline, fields.Datetime.now())

    def test_retention_expires_old_backups(self):
        backup = self._backup()
        self.assertEqual(backup.state, "done", backup.sudo().error)
        # an older backup with its copies on both destinations
        old = (
            self.env["bizreg.data.backup"]
            .sudo()
            .create(
                {
                    "name": "Old",
                    "policy_id": self.policy.id,
                    "company_id": self.policy.company_id.id,
                    "start_date": fields.Datetime.now() - timedelta(days=40),
                }
            )
        )
        old._bizreg_engine_write(
            {"state": "done", "backup_date": fields.Datetime.now() - timedelta(days=40)}
        )
        folders = []
        for dest in (self.local, self.offsite):
            folder = os.path.join(self.tmp, dest.name.replace(" ", "_"), "old")
            os.makedirs(folder)
            with open(os.path.join(folder, backup_engine.FILE_DUMP), "wb") as handle:
                handle.write(b"x")
            folders.append(folder)
            self.env["bizreg.data.backup.copy"].sudo().create(
                {"backup_id": old.id, "destination_id": dest.id, "location": folder}
            )
        self.policy._bizreg_apply_retention()
        self.assertEqual(old.state, "expired")
        self.assertEqual(set(old.copy_ids.mapped("state")), {"deleted"})
        for folder in folders:
            self.assertFalse(os.path.exists(folder))
        self.assertEqual(backup.state, "done")
        self.assertTrue(os.path.isdir(self._copy_dir(backup, self.offsite)))

    def test_destination_test_connection(self):
        result = self.local.with_user(self.manager).action_test_connection()
        self.assertEqual(result["params"]["type"], "success")
        self.assertTrue(self.local.last_test_ok)
        bad = self.local.with_user(self.manager).copy(
            {"name": "Bad", "path": "/proc/bizreg-no"}
        )
        result = bad.action_test_connection()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertFalse(bad.last_test_ok)
        self.assertTrue(bad.last_test_message)
        with self.assertRaises(AccessError):
            self.local.with_user(self.auditor).action_test_connection()

    # ------------------------------------------------------------------
    # Security
    # ------------------------------------------------------------------
    def test_results_are_engine_owned(self):
        self.local.sudo().path = "/proc/bizreg-no-such-dir"
        self.offsite.sudo().path = "/proc/bizreg-no-such-dir-either"
        # a forged default does not make a backup "done"
        backup = self._backup(
            self.policy.with_context(
                default_state="done", default_size_mb=99.0, default_checksum="x"
            )
        )
        self.assertEqual(backup.state, "failed")
        self.assertNotEqual(backup.checksum, "x")
        self.assertNotEqual(backup.size_mb, 99.0)
        for vals in (
            {"state": "done"},
            {"size_mb": 1.0},
            {"checksum": "forged"},
            {"manifest": "{}"},
            {"failed_deadline": False},
            {"escalated_date": fields.Datetime.now()},
        ):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                backup.with_user(self.manager).write(vals)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            backup.copy_ids[:1].with_user(self.manager).write({"state": "present"})
        for vals in (
            {"last_success_date": fields.Datetime.now()},
            {"backup_escalated_date": False},
        ):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self.policy.with_user(self.director).write(vals)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["bizreg.data.backup"].with_user(self.manager).create(
                {
                    "name": "Forged",
                    "policy_id": self.policy.id,
                    "company_id": self.env.company.id,
                }
            )
        self.assertEqual(backup.state, "failed")
        # every engine-owned field, for the Data Administrator and the Director
        for user in (self.manager, self.director):
            tried = assert_engine_fields_guarded(self, backup, user)
            self.assertTrue({"state", "size_mb", "checksum", "copy_ids"} <= tried)
            tried = assert_engine_fields_guarded(self, self.local, user)
            self.assertIn("last_test_ok", tried)
        # notes are the user's
        backup.with_user(self.manager).note = "Share was unmounted"

    def test_access_rights(self):
        backup = self._backup()
        for user in (self.employee, self.steward):
            for record in (backup, self.policy, self.local, backup.copy_ids[:1]):
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["display_name"])
            with self.assertRaises(AccessError):
                self.policy.with_user(user).action_backup_now()
        # the Auditor reads everything, changes nothing, starts nothing
        for record in (backup, self.policy, self.local, backup.copy_ids[:1]):
            record.with_user(self.auditor).read(["display_name"])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            backup.with_user(self.auditor).write({"note": "x"})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.policy.with_user(self.auditor).write({"retention_days": 5})
        with self.assertRaises(AccessError):
            self.policy.with_user(self.auditor).action_backup_now()
        with self.assertRaises(AccessError):
            self.policy.with_user(self.auditor).action_drill_now()

    def test_secret_readable_by_system_only(self):
        s3 = (
            self.env["bizreg.data.destination"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Bucket",
                    "kind": "s3",
                    "bucket": "b",
                    "offsite": True,
                    "new_secret_key": "top-secret",
                }
            )
        )
        self.assertEqual(s3.sudo().secret_key, "top-secret")
        for user in (self.manager, self.director, self.auditor):
            with self.assertRaises(AccessError):
                s3.with_user(user).read(["secret_key"])
            self.assertNotIn(
                "top-secret", json.dumps(s3.with_user(user).read()[0], default=str)
            )
            self.assertFalse(s3.with_user(user).new_secret_key)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            s3.with_user(self.manager).write({"secret_key": "other"})
        admin = self.env.ref("base.user_admin")
        self.assertEqual(
            s3.with_user(admin).read(["secret_key"])[0]["secret_key"], "top-secret"
        )
        # the key itself: a system parameter
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.director).search(
                [("key", "=", "bizreg_data.backup_key")]
            ).read(["value"])

    def test_engine_verify_command(self):
        """The documented recovery steps: verify a copy with the command line."""
        backup = self._backup()
        folder = self._copy_dir(backup, self.offsite)
        key_file = os.path.join(self.tmp, "key")
        with open(key_file, "w") as handle:
            handle.write(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("bizreg_data.backup_key")
            )
        engine = backup_engine.__file__
        manifest = os.path.join(folder, backup_engine.MANIFEST)
        proc = subprocess.run(
            [
                sys.executable,
                engine,
                "verify",
                "--manifest",
                manifest,
                "--key-file",
                key_file,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("Decryption database.dump.enc: ok", proc.stderr)
        with open(key_file, "w") as handle:
            handle.write(base64.b64encode(os.urandom(32)).decode())
        proc = subprocess.run(
            [
                sys.executable,
                engine,
                "verify",
                "--manifest",
                manifest,
                "--key-file",
                key_file,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("Encryption key: FAILED", proc.stderr)

    def test_cron_backup_runs_detached_and_is_collected(self):
        """The cron starts the engine detached; the collect step records it."""
        policy = self.policy.with_user(self.manager)
        policy.next_backup_date = fields.Datetime.now() - timedelta(minutes=1)
        Policy = self.env["bizreg.data.backup.policy"]
        Backup = self.env["bizreg.data.backup"]
        Policy._cron_backup_due()
        backup = Backup.search([("policy_id", "=", policy.id)])
        self.assertEqual(len(backup), 1)
        self.assertEqual(backup.state, "running")
        self.assertTrue(backup.pid)
        # running: not started twice
        Policy._cron_backup_due()
        self.assertEqual(Backup.search_count([("policy_id", "=", policy.id)]), 1)
        with self.assertRaises(AccessError):
            backup.with_user(self.auditor).action_refresh()
        deadline = time.monotonic() + 300
        while backup.state == "running" and time.monotonic() < deadline:
            time.sleep(0.5)
            backup.with_user(self.manager).action_refresh()
        self.assertEqual(backup.state, "done", backup.error)
        self.assertGreater(policy.next_backup_date, fields.Datetime.now())
        # old job folders are cleaned, recent ones kept
        old = os.path.join(backup_root(), "jobs", self.env.cr.dbname, "backup-0-old")
        os.makedirs(old, exist_ok=True)
        os.utime(old, (0, 0))
        Backup._cron_collect()
        self.assertFalse(os.path.exists(old))
        self.assertTrue(os.path.isdir(backup.sudo().job_dir))
