# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import os
import sys

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import config

from .bizreg_data_backup import (
    FAILURE_DOMAIN,
    FAILURE_LEVELS,
    collect_runs,
    db_params,
    form_action,
    launch,
    new_job_dir,
    refresh_runs,
)
from .bizreg_data_backup_policy import add_interval, backup_key, escalate_failure
from .bizreg_data_destination import MANAGER_GROUP, backup_root


class BizregDataDrill(models.Model):
    """A restore drill (恢复演练): the latest successful backup is taken from
    the off-site destination, verified, decrypted and restored into a
    scratch database and filestore, checked (checksums, row counts, the
    Odoo registry loads, a sample of business records), timed (RTO, RPO),
    and the scratch copy dropped.  The checks are the evidence; a Data
    Administrator signs the drill off."""

    _name = "bizreg.data.drill"
    _description = "Restore Drill"
    _inherit = [
        "bizreg.numbering.mixin",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "start_date desc, id desc"
    _bizreg_number_in_name = True
    _rec_names_search = ["bizreg_number", "name"]

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
    backup_id = fields.Many2one(
        "bizreg.data.backup",
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    destination_id = fields.Many2one(
        "bizreg.data.destination",
        string="Taken From",
        readonly=True,
        ondelete="restrict",
    )
    backup_date = fields.Datetime(related="backup_id.backup_date", string="Backup Time")
    state = fields.Selection(
        [("running", "Running"), ("passed", "Passed"), ("failed", "Failed")],
        default="running",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    start_date = fields.Datetime(string="Started", readonly=True, index=True)
    end_date = fields.Datetime(string="Finished", readonly=True)
    rto_seconds = fields.Float(
        string="Recovery Time (s)",
        readonly=True,
        digits=(16, 1),
        help="RTO: seconds from the start of the drill to the verified restore.",
    )
    rpo_hours = fields.Float(
        string="Recovery Point (h)",
        readonly=True,
        digits=(16, 2),
        help="RPO: hours between the backup's snapshot and the start of the drill "
        "(the data a real recovery would have lost).",
    )
    check_ids = fields.One2many(
        "bizreg.data.drill.check", "drill_id", string="Checks", readonly=True
    )
    checks_passed = fields.Integer(readonly=True)
    checks_total = fields.Integer(string="Checks Run", readonly=True)
    scratch_db = fields.Char(string="Scratch Database", readonly=True)
    scratch_dropped = fields.Boolean(string="Scratch Copy Removed", readonly=True)
    engine_log = fields.Text(readonly=True)
    error = fields.Text(readonly=True)
    signed_by_id = fields.Many2one(
        "res.users", string="Signed Off By", readonly=True, tracking=True
    )
    signed_date = fields.Datetime(string="Signed Off On", readonly=True, tracking=True)
    job_dir = fields.Char(readonly=True, groups="base.group_system")
    pid = fields.Integer(readonly=True, groups="base.group_system")
    failed_deadline = fields.Datetime(
        string="Failure Escalation Due", readonly=True, index=True, copy=False
    )
    escalated_date = fields.Datetime(string="Escalated", readonly=True, copy=False)
    note = fields.Text(string="Notes")

    def action_refresh(self):
        """Record the result now if the engine has finished."""
        return refresh_runs(self)

    def _bizreg_form_action(self):
        return form_action(self)

    # ------------------------------------------------------------------
    # Sign-off
    # ------------------------------------------------------------------
    def action_sign_off(self):
        """A Data Administrator confirms he reviewed the drill's evidence
        (the person who ran it may sign)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a Data Administrator signs restore drills off.")
            )
        self.check_access("write")
        for drill in self:
            if drill.state == "running":
                raise UserError(
                    self.env._(
                        "The restore drill %s is still running.", drill.display_name
                    )
                )
            if drill.signed_by_id:
                raise UserError(
                    self.env._(
                        "The restore drill %(drill)s was already signed off by "
                        "%(user)s.",
                        drill=drill.display_name,
                        user=drill.signed_by_id.name,
                    )
                )
        self._bizreg_engine_write(
            {"signed_by_id": self.env.uid, "signed_date": fields.Datetime.now()}
        )
        for drill in self:
            drill.message_post(
                body=self.env._(
                    "Signed off (%s).",
                    dict(drill._fields["state"]._description_selection(self.env))[
                        drill.state
                    ],
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_source(self, policy):
        """The latest successful backup of the policy with a copy at an
        off-site destination: ``(backup, copy)``."""
        backups = (
            self.env["bizreg.data.backup"]
            .sudo()
            .search(
                [("policy_id", "=", policy.id), ("state", "=", "done")],
                order="backup_date desc, id desc",
                limit=20,
            )
        )
        for backup in backups:
            for copy in backup.copy_ids:
                if (
                    copy.state == "present"
                    and copy.destination_id.offsite
                    and copy.destination_id.active
                ):
                    return backup, copy
        return backups.browse(), self.env["bizreg.data.backup.copy"]

    @api.model
    def _bizreg_launch(self, policy, wait=False):
        now = fields.Datetime.now()
        backup, copy = self._bizreg_source(policy)
        drill = self.sudo().create(
            {
                "name": self.env._("Restore drill of %s", policy.name),
                "policy_id": policy.id,
                "company_id": policy.company_id.id,
                "backup_id": backup.id,
                "destination_id": copy.destination_id.id,
                "start_date": now,
            }
        )
        if not backup:
            drill._bizreg_record(
                {
                    "state": "failed",
                    "error": self.env._(
                        "No successful backup has a copy at an off-site destination."
                    ),
                    "checks": [
                        {
                            "name": self.env._("Off-site backup available"),
                            "expected": self.env._(
                                "a successful backup with an off-site copy"
                            ),
                            "found": self.env._("none"),
                            "passed": False,
                        }
                    ],
                }
            )
            return drill.with_env(self.env)
        dbname = self.env.cr.dbname
        scratch_db = f"{dbname}_drill_{drill.id}"
        job_dir = new_job_dir(self.env, "drill", drill.id)
        spec, extra_env = copy.destination_id._bizreg_engine_spec()
        key_job, key_env = backup_key(self.env)
        extra_env.update(key_env)
        scratch_dir = os.path.join(backup_root(), "drills", f"{dbname}-{drill.id}")
        job = {
            "db": db_params(self.env),
            "source": spec,
            "location": copy.location,
            "manifest_sha256": backup.checksum,
            "scratch_db": scratch_db,
            "scratch_dir": scratch_dir,
            "registry": {
                "python": sys.executable,
                "addons_path": config["addons_path"],
                "data_dir": os.path.join(scratch_dir, "data"),
            },
            **key_job,
        }
        drill._bizreg_engine_write({"job_dir": job_dir, "scratch_db": scratch_db})
        pid = launch("drill", job, job_dir, extra_env, wait)
        drill._bizreg_engine_write({"pid": pid})
        if wait:
            drill._bizreg_collect()
        return drill.with_env(self.env)

    def _bizreg_collect(self):
        """Record the results of finished engine runs."""
        return collect_runs(self)

    def _bizreg_record(self, result):
        self.ensure_one()
        now = fields.Datetime.now()
        checks = result.get("checks") or []
        self.env["bizreg.data.drill.check"].sudo().create(
            [
                {
                    "drill_id": self.id,
                    "sequence": index,
                    "name": check["name"],
                    "expected": (check.get("expected") or "")[:500],
                    "found": (check.get("found") or "")[:500],
                    "passed": bool(check.get("passed")),
                }
                for index, check in enumerate(checks)
            ]
        )
        passed = result.get("state") == "passed"
        vals = {
            "state": "passed" if passed else "failed",
            "end_date": now,
            "rto_seconds": result.get("rto") or 0.0,
            "checks_total": len(checks),
            "checks_passed": sum(1 for c in checks if c.get("passed")),
            "scratch_dropped": bool(result.get("dropped", True))
            and bool(result.get("scratch_removed", True)),
            "engine_log": result.get("log"),
            "error": result.get("error") or False,
        }
        if self.backup_id.backup_date:
            vals["rpo_hours"] = (
                self.start_date - self.backup_id.backup_date
            ).total_seconds() / 3600
        if not passed:
            vals["failed_deadline"] = now
        self._bizreg_engine_write(vals)
        policy = self.policy_id.sudo()
        nxt = policy.next_drill_date
        while nxt <= now:
            nxt = add_interval(
                nxt, policy.drill_interval_number, policy.drill_interval_type
            )
        if nxt != policy.next_drill_date:
            policy.write({"next_drill_date": nxt})
        if passed:
            body = self.env._(
                "Restore drill passed: %(passed)s of %(total)s checks, recovery time "
                "%(rto).0f s, recovery point %(rpo).1f h.",
                passed=vals["checks_passed"],
                total=vals["checks_total"],
                rto=vals["rto_seconds"],
                rpo=vals.get("rpo_hours", 0.0),
            )
        else:
            body = self.env._("Restore drill failed: %s", vals["error"] or "-")
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # Escalation of a failed drill
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return list(FAILURE_LEVELS)

    def _bizreg_escalation_domain(self):
        return list(FAILURE_DOMAIN)

    def _escalate_failed(self):
        return escalate_failure(
            self,
            lambda drill: drill.env._("Restore drill failed: %s", drill.display_name),
            lambda drill: drill.env._(
                "The restore drill %(drill)s failed: %(error)s",
                drill=drill.display_name,
                error=drill.error or "-",
            ),
        )
