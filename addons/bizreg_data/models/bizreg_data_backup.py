# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
import logging
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
from datetime import timedelta

from odoo import api, fields, models, release
from odoo.exceptions import AccessError
from odoo.tools import config

from ..tools import backup_engine
from .bizreg_data_backup_policy import backup_key, escalate_failure
from .bizreg_data_destination import MANAGER_GROUP, backup_root

_logger = logging.getLogger(__name__)

ENGINE = backup_engine.__file__
# a job still running after this long is considered lost
LOST_AFTER = timedelta(hours=24)


def db_params(env):
    """The connection parameters Odoo itself uses (the password goes by
    environment variable, never into the job file)."""
    return {
        "dbname": env.cr.dbname,
        "host": config["db_host"] or None,
        "port": config["db_port"] or None,
        "user": config["db_user"] or None,
        "bin": config.get("pg_path") or "",
    }


def new_job_dir(env, kind, record_id):
    path = os.path.join(
        backup_root(),
        "jobs",
        env.cr.dbname,
        f"{kind}-{record_id}-{secrets.token_hex(4)}",
    )
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def launch(command, job, job_dir, extra_env, wait):
    """Start the engine in its own process (outside the workers' time and
    memory limits).  ``wait``: run it to the end (tests, by hand); else
    detached, the collect cron reads its result.  Returns the pid."""
    job["result"] = os.path.join(job_dir, "result.json")
    job["work_dir"] = job_dir
    job_path = os.path.join(job_dir, "job.json")
    with open(job_path, "w", encoding="utf-8") as handle:
        json.dump(job, handle)
    env = dict(os.environ, **extra_env)
    if config["db_password"]:
        env["PGPASSWORD"] = config["db_password"]
    if config.get("db_sslmode") and config["db_sslmode"] != "prefer":
        env["PGSSLMODE"] = config["db_sslmode"]
    args = [sys.executable, ENGINE, command, "--job", job_path]
    with open(os.path.join(job_dir, "engine.log"), "ab") as log:
        if wait:
            subprocess.run(
                args, env=env, stdout=log, stderr=log, timeout=4 * 3600, check=False
            )
            return 0
        proc = subprocess.Popen(  # pylint: disable=consider-using-with
            args,
            env=env,
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
        # reap it when it ends (no zombie left in the worker)
        threading.Thread(target=proc.wait, daemon=True).start()
        return proc.pid


def read_result(job_dir):
    path = os.path.join(job_dir or "", "result.json")
    if not job_dir or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def pid_alive(pid):
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


# Backups and restore drills are both runs of the engine: a record with a
# ``state`` ("running" until :meth:`_bizreg_record` writes its result), a
# ``start_date``, the engine's ``job_dir`` and ``pid``, and a failure escalated
# once (``failed_deadline``, ``escalated_date``, :meth:`_escalate_failed`).
# The helpers below are what both do alike.
FAILURE_LEVELS = (("failed", "failed_deadline", "escalated_date", "_escalate_failed"),)
FAILURE_DOMAIN = (("state", "=", "failed"),)


def refresh_runs(runs):
    """The "Check Progress" button of backups and restore drills: record the
    result now if the engine has finished (the collect cron does it every
    few minutes)."""
    if not runs.env.user.has_group(MANAGER_GROUP):
        raise AccessError(
            runs.env._("Only the Data Administrator starts backups and restore drills.")
        )
    runs.check_access("write")
    runs._bizreg_collect()
    return True


def collect_runs(runs):
    """Record the results of the finished engine runs among ``runs``.  A run
    without a result failed when its engine is gone after ten minutes, or
    when it has been running for :data:`LOST_AFTER`."""
    for run in runs.sudo().filtered(lambda r: r.state == "running"):
        result = read_result(run.job_dir)
        if result is None:
            now = fields.Datetime.now()
            gone = run.start_date < now - timedelta(minutes=10) and not pid_alive(
                run.pid
            )
            if not gone and run.start_date >= now - LOST_AFTER:
                continue
            result = {
                "state": "failed",
                "error": runs.env._("The backup engine stopped without a result."),
            }
        run._bizreg_record(result)


def form_action(run):
    """The window action opening ``run`` in its form."""
    run.ensure_one()
    return {
        "type": "ir.actions.act_window",
        "res_model": run._name,
        "res_id": run.id,
        "view_mode": "form",
        "views": [(False, "form")],
    }


class BizregDataBackup(models.Model):
    """One backup run of a policy: an encrypted database dump and filestore
    with their manifest, copied to the policy's destinations.  Everything
    here is the engine's result; users add notes only."""

    _name = "bizreg.data.backup"
    _description = "Backup"
    _inherit = ["bizreg.escalation.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "start_date desc, id desc"

    name = fields.Char(readonly=True)
    policy_id = fields.Many2one(
        "bizreg.data.backup.policy",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    state = fields.Selection(
        [
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
            ("expired", "Expired"),
        ],
        default="running",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    start_date = fields.Datetime(string="Started", readonly=True, index=True)
    end_date = fields.Datetime(string="Finished", readonly=True)
    backup_date = fields.Datetime(
        string="Backup Time", readonly=True, help="The time of the database snapshot."
    )
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 1))
    size_mb = fields.Float(string="Size (MB)", readonly=True, digits=(16, 2))
    checksum = fields.Char(
        string="Manifest SHA-256", readonly=True, help="SHA-256 of the manifest file."
    )
    dump_sha256 = fields.Char(string="Dump SHA-256", readonly=True)
    filestore_sha256 = fields.Char(string="Filestore SHA-256", readonly=True)
    manifest = fields.Text(readonly=True)
    table_count = fields.Integer(string="Tables", readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)
    odoo_version = fields.Char(readonly=True)
    module_count = fields.Integer(string="Modules", readonly=True)
    key_id = fields.Char(
        string="Key Fingerprint",
        readonly=True,
        help="Tells which encryption key the backup needs (not the key).",
    )
    engine_log = fields.Text(readonly=True)
    error = fields.Text(readonly=True)
    copy_ids = fields.One2many(
        "bizreg.data.backup.copy", "backup_id", string="Copies", readonly=True
    )
    offsite_ok = fields.Boolean(
        string="Off-site Copy", compute="_compute_offsite_ok", store=True
    )
    job_dir = fields.Char(readonly=True, groups="base.group_system")
    pid = fields.Integer(readonly=True, groups="base.group_system")
    failed_deadline = fields.Datetime(
        string="Failure Escalation Due", readonly=True, index=True, copy=False
    )
    escalated_date = fields.Datetime(string="Escalated", readonly=True, copy=False)
    note = fields.Text(string="Notes")

    @api.depends("copy_ids.state", "copy_ids.destination_id.offsite")
    def _compute_offsite_ok(self):
        for backup in self:
            backup.offsite_ok = any(
                c.state == "present" and c.destination_id.offsite
                for c in backup.copy_ids
            )

    def action_refresh(self):
        """Record the result now if the engine has finished."""
        return refresh_runs(self)

    def _bizreg_form_action(self):
        return form_action(self)

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_launch(self, policy, wait=False):
        now = fields.Datetime.now()
        local = fields.Datetime.context_timestamp(self, now)
        backup = self.sudo().create(
            {
                "name": f"{policy.name} {local:%Y-%m-%d %H:%M}",
                "policy_id": policy.id,
                "company_id": policy.company_id.id,
                "start_date": now,
            }
        )
        job_dir = new_job_dir(self.env, "backup", backup.id)
        destinations, extra_env = [], {}
        for dest in policy.destination_ids.filtered("active"):
            spec, dest_secrets = dest._bizreg_engine_spec()
            destinations.append(spec)
            extra_env.update(dest_secrets)
        key_job, key_env = backup_key(self.env)
        extra_env.update(key_env)
        job = {
            "db": db_params(self.env),
            "folder": f"{self.env.cr.dbname}-{now:%Y%m%d-%H%M%S}-{backup.id}",
            "filestore": config.filestore(self.env.cr.dbname),
            "destinations": destinations,
            "odoo_version": release.version,
            **key_job,
        }
        backup._bizreg_engine_write({"job_dir": job_dir})
        pid = launch("backup", job, job_dir, extra_env, wait)
        backup._bizreg_engine_write({"pid": pid})
        if wait:
            backup._bizreg_collect()
        return backup.with_env(self.env)

    def _bizreg_collect(self):
        """Record the results of finished engine runs."""
        return collect_runs(self)

    def _bizreg_record(self, result):
        self.ensure_one()
        now = fields.Datetime.now()
        manifest = result.get("manifest") or {}
        counts = manifest.get("table_counts") or {}
        files = manifest.get("files") or {}
        backup_time = manifest.get("backup_time")
        vals = {
            "state": "done" if result.get("state") == "done" else "failed",
            "end_date": now,
            "duration": result.get("duration") or 0.0,
            "size_mb": (result.get("size") or 0) / (1024 * 1024),
            "checksum": result.get("checksum"),
            "manifest": json.dumps(manifest, indent=1, sort_keys=True)
            if manifest
            else False,
            "table_count": len(counts),
            "row_count": sum(counts.values()),
            "odoo_version": manifest.get("odoo_version"),
            "module_count": len(manifest.get("modules") or {}),
            "key_id": manifest.get("key_id"),
            "dump_sha256": files.get(backup_engine.FILE_DUMP, {}).get("sha256"),
            "filestore_sha256": files.get(backup_engine.FILE_FILESTORE, {}).get(
                "sha256"
            ),
            "backup_date": backup_time
            and fields.Datetime.to_datetime(backup_time.rstrip("Z").replace("T", " ")),
            "engine_log": result.get("log"),
            "error": result.get("error") or False,
        }
        if vals["state"] == "failed":
            vals["failed_deadline"] = now
        dests = (
            self.env["bizreg.data.destination"].sudo().with_context(active_test=False)
        )
        self.env["bizreg.data.backup.copy"].sudo().create(
            [
                {
                    "backup_id": self.id,
                    "destination_id": copy["id"],
                    "location": copy.get("location"),
                    "state": copy.get("state")
                    if copy.get("state") == "present"
                    else "failed",
                    "error": copy.get("error") or False,
                }
                for copy in result.get("copies") or ()
                if dests.browse(copy["id"]).exists()
            ]
        )
        self._bizreg_engine_write(vals)
        if vals["state"] == "done":
            self.message_post(
                body=self.env._(
                    "Backup done: %(size).1f MB in %(duration).0f s, "
                    "%(tables)s tables, "
                    "%(rows)s rows.",
                    size=vals["size_mb"],
                    duration=vals["duration"],
                    tables=vals["table_count"],
                    rows=vals["row_count"],
                ),
                subtype_xmlid="mail.mt_note",
            )
            self.policy_id._bizreg_backup_succeeded(self)
        else:
            self.message_post(
                body=self.env._("Backup failed: %s", vals["error"] or "-"),
                subtype_xmlid="mail.mt_note",
            )

    def _bizreg_expire(self):
        """Delete the copies from the destinations; the record stays."""
        for backup in self:
            for copy in backup.copy_ids.filtered(lambda c: c.state == "present"):
                spec, dest_secrets = copy.destination_id._bizreg_engine_spec()
                spec["secret_key"] = dest_secrets.get(spec["secret_env"])
                try:
                    backup_engine.dest_delete(spec, copy.location)
                    copy.sudo().write({"state": "deleted"})
                except Exception as exc:
                    _logger.warning("Could not delete %s: %s", copy.location, exc)
                    copy.sudo().write({"error": str(exc)[:500]})
            backup._bizreg_engine_write({"state": "expired"})
            backup.message_post(
                body=self.env._(
                    "Expired: the copies past the retention period were deleted."
                ),
                subtype_xmlid="mail.mt_note",
            )
        job_dirs = [d for d in self.sudo().mapped("job_dir") if d]
        for path in job_dirs:
            shutil.rmtree(path, ignore_errors=True)

    @api.model
    def _cron_collect(self):
        self.search([("state", "=", "running")])._bizreg_collect()
        self.env["bizreg.data.drill"].search(
            [("state", "=", "running")]
        )._bizreg_collect()
        self._bizreg_clean_job_dirs()

    @api.model
    def _bizreg_clean_job_dirs(self):
        """Remove the engine's job folders of this database once their result
        is recorded and they are older than the time a job may run."""
        root = os.path.join(backup_root(), "jobs", self.env.cr.dbname)
        if not os.path.isdir(root):
            return
        running = set(
            self.sudo().search([("state", "=", "running")]).mapped("job_dir")
        ) | set(
            self.env["bizreg.data.drill"]
            .sudo()
            .search([("state", "=", "running")])
            .mapped("job_dir")
        )
        limit = time.time() - (LOST_AFTER + timedelta(days=1)).total_seconds()
        for name in os.listdir(root):
            path = os.path.join(root, name)
            if path not in running and os.path.getmtime(path) < limit:
                shutil.rmtree(path, ignore_errors=True)

    # ------------------------------------------------------------------
    # Escalation of a failed backup
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return list(FAILURE_LEVELS)

    def _bizreg_escalation_domain(self):
        return list(FAILURE_DOMAIN)

    def _escalate_failed(self):
        return escalate_failure(
            self,
            lambda backup: backup.env._("Backup failed: %s", backup.name),
            lambda backup: backup.env._(
                "The backup “%(name)s” failed: %(error)s",
                name=backup.name,
                error=backup.error or "-",
            ),
        )
