# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import os
import subprocess
import sys
import time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from ..models.bizreg_data_backup import db_params
from ..models.bizreg_data_destination import backup_root
from ..tools import backup_engine
from .bizreg_data_backup_common import BizregDataBackupCommon


@tagged("post_install", "-at_install")
class TestDrill(BizregDataBackupCommon, TransactionCase):
    def _checks(self, drill):
        return {check.name: check for check in drill.sudo().check_ids}

    def test_drill_restores_and_passes(self):
        backup = self._backup()
        self.assertEqual(backup.state, "done", backup.sudo().error)
        drill = self._drill()
        self.assertEqual(drill.state, "passed", drill.sudo().error)
        self.assertTrue(
            drill.bizreg_number.startswith(f"DR-{fields.Date.today().year}-")
        )
        self.assertEqual(drill.backup_id, backup)
        self.assertEqual(
            drill.destination_id, self.offsite, "taken from the off-site copy"
        )
        checks = self._checks(drill)
        for name in (
            "Manifest checksum",
            "Encryption key",
            "Manifest authenticity (HMAC)",
            f"Checksum {backup_engine.FILE_DUMP}",
            f"Checksum {backup_engine.FILE_FILESTORE}",
            "Database restore (decrypt + pg_restore)",
            "Filestore restore (decrypt + untar)",
            "Row counts of every table",
            "Odoo registry loads",
        ):
            self.assertIn(name, checks)
            self.assertTrue(checks[name].passed, f"{name}: {checks[name].found}")
        self.assertTrue(
            any(name.startswith("Sample of res_partner") for name in checks)
        )
        self.assertTrue(all(check.passed for check in checks.values()))
        self.assertEqual(drill.checks_passed, drill.checks_total)
        self.assertIn(
            f"{backup.table_count} tables", checks["Row counts of every table"].found
        )
        # timed, and the scratch copy is gone
        self.assertGreater(drill.rto_seconds, 0)
        self.assertGreaterEqual(drill.rpo_hours, 0)
        self.assertTrue(drill.scratch_db.endswith(f"_drill_{drill.id}"))
        self.assertFalse(self._db_exists(drill.scratch_db))
        self.assertTrue(drill.scratch_dropped)
        scratch_dir = os.path.join(
            backup_root(), "drills", f"{self.env.cr.dbname}-{drill.id}"
        )
        self.assertFalse(os.path.exists(scratch_dir))
        # the next drill is scheduled
        self.assertGreater(self.policy.next_drill_date, fields.Datetime.now())
        # sign-off: the Data Administrator who ran it may sign, once
        self.assertFalse(drill.signed_by_id)
        with self.assertRaises(AccessError):
            drill.with_user(self.auditor).action_sign_off()
        drill.with_user(self.manager).action_sign_off()
        self.assertEqual(drill.signed_by_id, self.manager)
        self.assertTrue(drill.signed_date)
        with self.assertRaises(UserError):
            drill.with_user(self.director).action_sign_off()

    def _tampered_drill(self, tamper):
        backup = self._backup()
        self.assertEqual(backup.state, "done", backup.sudo().error)
        path = os.path.join(
            self._copy_dir(backup, self.offsite), backup_engine.FILE_DUMP
        )
        with open(path, "r+b") as handle:
            tamper(handle, os.path.getsize(path))
        drill = self._drill()
        self.assertEqual(drill.state, "failed")
        self.assertFalse(self._db_exists(drill.scratch_db), "dropped on failure too")
        return drill, self._checks(drill)

    def test_tampered_backup_fails(self):
        def flip(handle, size):
            handle.seek(size // 2)
            byte = handle.read(1)
            handle.seek(size // 2)
            handle.write(bytes([byte[0] ^ 0x01]))

        drill, checks = self._tampered_drill(flip)
        check = checks[f"Checksum {backup_engine.FILE_DUMP}"]
        self.assertFalse(check.passed)
        self.assertNotEqual(check.expected, check.found)
        restore = checks["Database restore (decrypt + pg_restore)"]
        self.assertFalse(restore.passed)
        self.assertIn("authentication failed", restore.found)
        self.assertTrue(checks[f"Checksum {backup_engine.FILE_FILESTORE}"].passed)
        self.assertIn("authentication failed", drill.error)

    def test_truncated_backup_fails(self):
        def truncate(handle, size):
            handle.truncate(size - 100)

        drill, checks = self._tampered_drill(truncate)
        self.assertFalse(checks[f"Checksum {backup_engine.FILE_DUMP}"].passed)
        restore = checks["Database restore (decrypt + pg_restore)"]
        self.assertFalse(restore.passed)
        self.assertIn("truncated", restore.found)

    def test_failed_drill_escalates(self):
        # no backup at all: nothing to restore from the off-site destination
        drill = self._drill()
        self.assertEqual(drill.state, "failed")
        check = self._checks(drill)["Off-site backup available"]
        self.assertFalse(check.passed)
        fired = self.env["bizreg.data.drill"]._bizreg_run_escalations()
        self.assertEqual(fired["failed"], 1)
        users = drill.sudo().activity_ids.user_id
        self.assertIn(self.manager, users)
        self.assertIn(self.director, users)
        self.assertNotIn(self.employee, users)

    def test_drill_results_are_engine_owned(self):
        drill = self._drill(
            self.policy.with_context(default_state="passed", default_rto_seconds=1.0)
        )
        self.assertEqual(drill.state, "failed")
        self.assertFalse(drill.rto_seconds == 1.0 and drill.state == "passed")
        for vals in (
            {"state": "passed"},
            {"rto_seconds": 5.0},
            {"rpo_hours": 0.1},
            {"checks_passed": 9},
            {"signed_by_id": self.manager.id},
            {"scratch_dropped": True},
            {"error": False},
        ):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                drill.with_user(self.manager).write(vals)
        for user in (self.manager, self.director):
            tried = assert_engine_fields_guarded(self, drill, user)
            self.assertTrue(
                {"state", "rto_seconds", "rpo_hours", "check_ids", "signed_by_id"}
                <= tried
            )
        check = drill.check_ids[:1]
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            check.with_user(self.manager).write({"passed": True})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            drill.with_user(self.director).write(
                {"check_ids": [(1, check.id, {"passed": True})]}
            )
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["bizreg.data.drill"].with_user(self.manager).create(
                {
                    "name": "Forged",
                    "policy_id": self.policy.id,
                    "company_id": self.env.company.id,
                }
            )
        self.assertFalse(check.passed)
        self.assertEqual(drill.state, "failed")
        # plain employees and stewards cannot read drills; the Auditor can
        for user in (self.employee, self.steward):
            with self.assertRaises(AccessError):
                drill.with_user(user).read(["state"])
            with self.assertRaises(AccessError):
                check.with_user(user).read(["passed"])
        drill.with_user(self.auditor).read(["state", "check_ids", "rto_seconds"])
        check.with_user(self.auditor).read(["passed"])
        with self.assertRaises(AccessError):
            self.policy.with_user(self.steward).action_drill_now()

    def test_restore_command(self):
        """The documented recovery: the engine's restore command restores a
        copy into a new database and filestore and verifies it."""
        backup = self._backup()
        self.assertEqual(backup.state, "done", backup.sudo().error)
        folder = self._copy_dir(backup, self.offsite)
        key_file = os.path.join(self.tmp, "restore.key")
        with open(key_file, "w") as handle:
            handle.write(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("bizreg_data.backup_key")
            )
        db = db_params(self.env)
        target = f"{self.env.cr.dbname}_restore_{backup.id}"
        args = [
            sys.executable,
            backup_engine.__file__,
            "restore",
            "--manifest",
            os.path.join(folder, backup_engine.MANIFEST),
            "--key-file",
            key_file,
            "--target-db",
            target,
            "--filestore",
            os.path.join(self.tmp, "restored-filestore"),
        ]
        for name in ("host", "port", "user"):
            if db[name]:
                args += [f"--{name}", str(db[name])]
        env = dict(os.environ)
        if config["db_password"]:
            env["PGPASSWORD"] = config["db_password"]
        try:
            proc = subprocess.run(
                args, capture_output=True, text=True, env=env, check=False
            )
            self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
            self.assertIn("check Row counts of every table: ok", proc.stderr)
            self.assertIn("restore verified", proc.stderr)
            self.assertTrue(self._db_exists(target))
        finally:
            backup_engine.drop_database(db, target, lambda *a: None)
        self.assertFalse(self._db_exists(target))

    def test_run_drill_now_detached(self):
        """ "Run Drill Now" starts the engine detached; the result is
        collected afterwards, as the cron does."""
        backup = self._backup()
        self.assertEqual(backup.state, "done", backup.sudo().error)
        action = self.policy.with_user(self.manager).action_drill_now()
        drill = self.env["bizreg.data.drill"].browse(action["res_id"])
        self.assertEqual(drill.state, "running")
        # running: the cron does not start a second one
        self.policy.sudo().next_drill_date = fields.Datetime.now()
        self.env["bizreg.data.backup.policy"]._cron_drill_due()
        self.assertEqual(len(self.policy.drill_ids), 1)
        deadline = time.monotonic() + 600
        while drill.state == "running" and time.monotonic() < deadline:
            time.sleep(0.5)
            self.env["bizreg.data.backup"]._cron_collect()
        self.assertEqual(drill.state, "passed", drill.error)
        self.assertFalse(self._db_exists(drill.scratch_db))
        self.assertGreater(self.policy.next_drill_date, fields.Datetime.now())
