# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import os
import shutil
import tempfile
import time

from odoo import Command
from odoo.sql_db import db_connect

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

from ..models.bizreg_data_destination import backup_root

_logger = logging.getLogger(__name__)

MANAGER = "bizreg_data.group_bizreg_data_manager"


class BizregDataBackupCommon:
    """Users of every role, two directory destinations in a temporary
    directory (one flagged off-site) and a policy using them.  Mix in
    before ``TransactionCase``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.manager = bizreg_test_user(env, "bk_data_admin", [MANAGER])
        cls.director = bizreg_test_user(
            env, "bk_director", ["bizreg_base.group_bizreg_director"]
        )
        cls.auditor = bizreg_test_user(
            env, "bk_auditor", ["bizreg_base.group_bizreg_auditor"]
        )
        cls.steward = bizreg_test_user(
            env, "bk_steward", ["bizreg_data.group_bizreg_data_user"]
        )
        cls.employee = bizreg_test_user(env, "bk_employee", [])
        cls.tmp = tempfile.mkdtemp(prefix="bizreg-backup-test-")
        Dest = env["bizreg.data.destination"].with_user(cls.manager)
        cls.local = Dest.create(
            {
                "name": "Test local",
                "kind": "directory",
                "path": os.path.join(cls.tmp, "local"),
            }
        )
        cls.offsite = Dest.create(
            {
                "name": "Test off-site",
                "kind": "directory",
                "path": os.path.join(cls.tmp, "offsite"),
                "offsite": True,
            }
        )
        cls.policy = (
            env["bizreg.data.backup.policy"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Test policy",
                    "destination_ids": [Command.set([cls.local.id, cls.offsite.id])],
                }
            )
        )

    def setUp(self):
        super().setUp()
        # the engine's job folders the test creates are removed after it
        jobs = os.path.join(backup_root(), "jobs", self.env.cr.dbname)
        before = set(os.listdir(jobs)) if os.path.isdir(jobs) else set()

        def clean():
            if os.path.isdir(jobs):
                for name in set(os.listdir(jobs)) - before:
                    shutil.rmtree(os.path.join(jobs, name), ignore_errors=True)

        self.addCleanup(clean)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def _backup(self, policy=None, user=None):
        policy = (policy or self.policy).with_user(user or self.manager)
        started = time.monotonic()
        backup = policy._bizreg_start_backup(wait=True)
        _logger.info(
            "bizreg_data test backup: %s in %.1fs (%.1f MB)",
            backup.state,
            time.monotonic() - started,
            backup.sudo().size_mb,
        )
        return backup

    def _drill(self, policy=None, user=None):
        policy = (policy or self.policy).with_user(user or self.manager)
        started = time.monotonic()
        drill = policy._bizreg_start_drill(wait=True)
        _logger.info(
            "bizreg_data test drill: %s in %.1fs (RTO %.1fs)",
            drill.state,
            time.monotonic() - started,
            drill.sudo().rto_seconds,
        )
        return drill

    def _copy_dir(self, backup, destination):
        copy = backup.sudo().copy_ids.filtered(
            lambda c: c.destination_id == destination
        )
        self.assertEqual(copy.state, "present")
        return copy.location

    def _db_exists(self, name):
        """Whether database ``name`` exists now (a new connection: the test's
        transaction does not see databases created after it started)."""
        with db_connect("postgres").cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return bool(cr.fetchone())
