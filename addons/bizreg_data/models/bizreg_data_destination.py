# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import os

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import config

from ..tools import backup_engine

MANAGER_GROUP = "bizreg_data.group_bizreg_data_manager"


def backup_root():
    """Where relative destination paths and the engine's jobs live."""
    return os.path.join(config["data_dir"], "bizreg_backups")


class BizregDataDestination(models.Model):
    """Where backups are copied: a directory (a local disk or a mounted
    off-site share) or an S3-compatible bucket.  The S3 secret is readable by
    system administrators only; the Data Administrator sets it through a
    write-only field."""

    _name = "bizreg.data.destination"
    _description = "Backup Destination"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(
        [("directory", "Directory"), ("s3", "S3-compatible object storage")],
        required=True,
        default="directory",
        tracking=True,
    )
    offsite = fields.Boolean(
        string="Off-site",
        tracking=True,
        help="The copies are kept away from the server's premises (a mounted "
        "remote share, a bucket in another data centre). Restore drills take "
        "the backup from an off-site destination.",
    )
    path = fields.Char(
        tracking=True,
        help="Absolute path of the directory (e.g. a mounted off-site share); "
        "a relative path is under the Odoo data directory's bizreg_backups.",
    )
    prefix = fields.Char(
        string="Folder Prefix",
        help="Backups are stored under this folder or key prefix.",
    )
    endpoint_url = fields.Char(
        string="Endpoint URL",
        tracking=True,
        help="The S3 endpoint, e.g. https://s3.example.com (empty: AWS).",
    )
    bucket = fields.Char(tracking=True)
    region = fields.Char()
    access_key = fields.Char(string="Access Key ID", tracking=True)
    secret_key = fields.Char(
        string="Secret Access Key", groups="base.group_system", copy=False
    )
    new_secret_key = fields.Char(
        string="Set Secret Access Key",
        compute="_compute_new_secret_key",
        inverse="_inverse_new_secret_key",
        help="Type the secret to store it; it is never shown again.",
    )
    secret_set = fields.Boolean(string="Secret Stored", compute="_compute_secret_set")
    last_test_date = fields.Datetime(string="Last Test", readonly=True, copy=False)
    last_test_ok = fields.Boolean(string="Last Test Passed", readonly=True, copy=False)
    last_test_message = fields.Char(
        string="Last Test Result", readonly=True, copy=False
    )
    policy_ids = fields.Many2many(
        "bizreg.data.backup.policy",
        "bizreg_data_backup_policy_destination_rel",
        "destination_id",
        "policy_id",
        string="Policies",
        copy=False,
    )

    @api.constrains("kind", "path", "bucket")
    def _check_location(self):
        for dest in self:
            if dest.kind == "directory" and not (dest.path or "").strip():
                raise ValidationError(
                    self.env._("A directory destination needs a “Path”.")
                )
            if dest.kind == "s3" and not (dest.bucket or "").strip():
                raise ValidationError(self.env._("An S3 destination needs a “Bucket”."))

    @api.constrains("offsite", "active")
    def _check_policies(self):
        self.with_context(active_test=False).policy_ids._check_destination_ids()

    def _compute_new_secret_key(self):
        self.new_secret_key = False

    def _inverse_new_secret_key(self):
        for dest in self:
            if dest.new_secret_key:
                dest.sudo().secret_key = dest.new_secret_key

    def _compute_secret_set(self):
        for dest, sudoed in zip(self, self.sudo(), strict=True):
            dest.secret_set = bool(sudoed.secret_key)

    # ------------------------------------------------------------------
    def _bizreg_engine_spec(self):
        """The destination as the engine sees it, and the secrets to pass it
        by environment (never written in the job file)."""
        self.ensure_one()
        dest = self.sudo()
        path = dest.path or ""
        if dest.kind == "directory" and not os.path.isabs(path):
            path = os.path.join(backup_root(), path)
        secret_env = f"BIZREG_S3_SECRET_{dest.id}"
        spec = {
            "id": dest.id,
            "name": dest.name,
            "kind": dest.kind,
            "offsite": dest.offsite,
            "path": path,
            "prefix": dest.prefix or "",
            "endpoint_url": dest.endpoint_url or "",
            "bucket": dest.bucket or "",
            "region": dest.region or "",
            "access_key": dest.access_key or "",
            "secret_env": secret_env,
        }
        secrets = (
            {secret_env: dest.secret_key}
            if dest.kind == "s3" and dest.secret_key
            else {}
        )
        return spec, secrets

    def action_test_connection(self):
        """Write, read back and delete a probe file at the destination."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only the Data Administrator tests backup destinations.")
            )
        self.check_access("write")
        self.ensure_one()
        spec, secrets = self._bizreg_engine_spec()
        # in this process only: the secret is handed over in memory
        spec["secret_key"] = secrets.get(spec["secret_env"])
        try:
            message, ok = backup_engine.dest_test(spec), True
        except Exception as exc:  # any failure is the answer of the test
            message, ok = str(exc)[:500] or exc.__class__.__name__, False
        self._bizreg_engine_write(
            {
                "last_test_date": fields.Datetime.now(),
                "last_test_ok": ok,
                "last_test_message": message,
            }
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if ok else "danger",
                "sticky": not ok,
                "title": self.env._("Connection works")
                if ok
                else self.env._("The destination failed the test"),
                "message": message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
