# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import logging
import os
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import config

from odoo.addons.bizreg_base.tools import check_minimums

from .bizreg_data_destination import MANAGER_GROUP

_logger = logging.getLogger(__name__)

KEY_PARAM = "bizreg_data.backup_key"
KEY_FILE_OPTION = "bizreg_data_backup_key_file"
DIRECTOR_GROUP = "bizreg_base.group_bizreg_director"
# a failed scheduled backup is tried again after this delay
RETRY_DELAY = timedelta(hours=1)


def alert_users(env):
    """The Data Administrators and the Directors (failed or missing backups
    and failed drills escalate to them)."""
    users = env["res.users"]
    for xmlid in (MANAGER_GROUP, DIRECTOR_GROUP):
        users |= env.ref(xmlid).sudo().users
    return users.filtered(lambda u: u.active and not u.share)


def escalate_failure(records, summary, text):
    """Escalate failed backups or drills to :func:`alert_users`: an activity
    each and a note; ``summary`` and ``text`` are ``callable(record)`` in the
    reader's language."""
    return records._bizreg_escalation_notify(
        "bizreg_base.mail_activity_bizreg_followup",
        lambda record: alert_users(record.env),
        summary=lambda record, _user, _target: summary(record),
        note=lambda record, _user, _target: text(record),
        post=lambda record, _user, _target: text(record),
    )


def backup_key(env):
    """``(job values, environment)`` giving the engine the encryption key:
    the key file of the server configuration when set, else the system
    parameter (generated on first use)."""
    path = config.get(KEY_FILE_OPTION)
    if path:
        return {"key_file": path}, {}
    return {}, {"BIZREG_BACKUP_KEY": ensure_key(env)}


def ensure_key(env):
    Param = env["ir.config_parameter"].sudo()
    key = Param.get_param(KEY_PARAM)
    if not key:
        key = base64.b64encode(os.urandom(32)).decode()
        Param.set_param(KEY_PARAM, key)
    return key


def add_interval(value, number, unit):
    if unit == "hours":
        return value + timedelta(hours=number)
    return value + relativedelta(**{unit: number})


class BizregDataBackupPolicy(models.Model):
    """A backup policy: how often, how long backups are kept, where (at
    least two destinations, one off-site), and how often a restore drill
    proves they restore."""

    _name = "bizreg.data.backup.policy"
    _description = "Backup Policy"
    _inherit = ["bizreg.escalation.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="The Data Administrator who answers for this policy.",
    )
    destination_ids = fields.Many2many(
        "bizreg.data.destination",
        "bizreg_data_backup_policy_destination_rel",
        "policy_id",
        "destination_id",
        string="Destinations",
        help="At least two destinations, one of them off-site.",
    )
    backup_interval_number = fields.Integer(
        string="Back Up Every", default=1, required=True, tracking=True
    )
    backup_interval_type = fields.Selection(
        [("hours", "Hours"), ("days", "Days"), ("weeks", "Weeks")],
        string="Backup Interval Unit",
        default="days",
        required=True,
        tracking=True,
    )
    next_backup_date = fields.Datetime(
        string="Next Backup",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: fields.Datetime.now(),
    )
    grace_hours = fields.Integer(
        string="Grace (hours)",
        default=6,
        required=True,
        help="A backup still missing this long after it was due escalates to "
        "the Data Administrator and the Director.",
    )
    retention_days = fields.Integer(
        string="Keep Backups (days)",
        default=30,
        required=True,
        tracking=True,
        help="Older backups are deleted from the destinations (the record "
        "stays, as expired); the latest successful backup is always kept.",
    )
    drill_interval_number = fields.Integer(
        string="Drill Every", default=1, required=True, tracking=True
    )
    drill_interval_type = fields.Selection(
        [("days", "Days"), ("weeks", "Weeks"), ("months", "Months")],
        string="Drill Interval Unit",
        default="months",
        required=True,
        tracking=True,
    )
    next_drill_date = fields.Datetime(
        string="Next Restore Drill",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: fields.Datetime.now() + relativedelta(months=1),
    )
    last_attempt_date = fields.Datetime(
        string="Last Attempt", readonly=True, copy=False
    )
    last_success_date = fields.Datetime(
        string="Last Successful Backup", readonly=True, copy=False
    )
    backup_deadline = fields.Datetime(
        string="Backup Overdue At",
        compute="_compute_backup_deadline",
        store=True,
        index=True,
        help="The next backup is due plus the grace period.",
    )
    backup_escalated_date = fields.Datetime(
        string="Missing Backup Escalated", readonly=True, copy=False
    )
    backup_ids = fields.One2many("bizreg.data.backup", "policy_id", string="Backups")
    drill_ids = fields.One2many(
        "bizreg.data.drill", "policy_id", string="Restore Drills"
    )
    last_backup_id = fields.Many2one("bizreg.data.backup", compute="_compute_last")
    last_drill_id = fields.Many2one(
        "bizreg.data.drill", string="Last Restore Drill", compute="_compute_last"
    )
    backup_count = fields.Integer(compute="_compute_last")
    drill_count = fields.Integer(compute="_compute_last")
    note = fields.Html(string="Notes")

    @api.constrains("destination_ids", "active")
    def _check_destination_ids(self):
        for policy in self.filtered("active"):
            dests = policy.destination_ids.filtered("active")
            if len(dests) < 2:
                raise ValidationError(
                    self.env._(
                        "The backup policy “%s” needs at least two active "
                        "“Destinations”.",
                        policy.name,
                    )
                )
            if not dests.filtered("offsite"):
                raise ValidationError(
                    self.env._(
                        "One of the “Destinations” of the backup policy “%s” "
                        "must be off-site.",
                        policy.name,
                    )
                )

    @api.constrains(
        "backup_interval_number",
        "drill_interval_number",
        "retention_days",
        "grace_hours",
    )
    def _check_numbers(self):
        check_minimums(
            self,
            {
                "backup_interval_number": 1,
                "drill_interval_number": 1,
                "retention_days": 1,
                "grace_hours": 0,
            },
        )

    @api.depends("next_backup_date", "grace_hours")
    def _compute_backup_deadline(self):
        for policy in self:
            policy.backup_deadline = policy.next_backup_date and (
                policy.next_backup_date + timedelta(hours=policy.grace_hours)
            )

    def _compute_last(self):
        Backup = self.env["bizreg.data.backup"]
        Drill = self.env["bizreg.data.drill"]
        for policy in self:
            if not policy.id:
                policy.update(
                    last_backup_id=False,
                    last_drill_id=False,
                    backup_count=0,
                    drill_count=0,
                )
                continue
            policy.last_backup_id = Backup.search(
                [("policy_id", "=", policy.id)], limit=1
            )
            policy.last_drill_id = Drill.search(
                [("policy_id", "=", policy.id)], limit=1
            )
            policy.backup_count = Backup.search_count([("policy_id", "=", policy.id)])
            policy.drill_count = Drill.search_count([("policy_id", "=", policy.id)])

    def write(self, vals):
        res = super().write(vals)
        if "next_backup_date" in vals:
            # a new due date: the missing-backup escalation is due again
            self.filtered("backup_escalated_date")._bizreg_engine_write(
                {"backup_escalated_date": False}
            )
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only the Data Administrator starts backups and restore drills."
                )
            )
        self.check_access("write")

    def action_backup_now(self):
        self._check_manager()
        self.ensure_one()
        backup = self._bizreg_start_backup(wait=False)
        return backup._bizreg_form_action()

    def action_drill_now(self):
        self._check_manager()
        self.ensure_one()
        drill = self._bizreg_start_drill(wait=False)
        return drill._bizreg_form_action()

    def action_view_backups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_data.bizreg_data_backup_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        action["context"] = {"default_policy_id": self.id}
        return action

    def action_view_drills(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_data.bizreg_data_drill_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    def _bizreg_start_backup(self, wait=False):
        self.ensure_one()
        self._check_destination_ids()
        self.sudo()._bizreg_engine_write({"last_attempt_date": fields.Datetime.now()})
        return self.env["bizreg.data.backup"]._bizreg_launch(self, wait=wait)

    def _bizreg_start_drill(self, wait=False):
        self.ensure_one()
        return self.env["bizreg.data.drill"]._bizreg_launch(self, wait=wait)

    def _bizreg_backup_succeeded(self, backup):
        """A backup of the policy succeeded: schedule the next one and expire
        the old ones."""
        self.ensure_one()
        now = fields.Datetime.now()
        nxt = self.next_backup_date
        while nxt <= now:
            nxt = add_interval(
                nxt, self.backup_interval_number, self.backup_interval_type
            )
        self.sudo()._bizreg_engine_write(
            {
                "last_success_date": backup.end_date or now,
                "backup_escalated_date": False,
            }
        )
        self.sudo().write({"next_backup_date": nxt})
        self._bizreg_apply_retention()

    def _bizreg_apply_retention(self):
        """Delete the backups older than the retention from the destinations;
        the records stay, expired.  The latest successful backup stays."""
        Backup = self.env["bizreg.data.backup"].sudo()
        for policy in self:
            limit = fields.Datetime.now() - timedelta(days=policy.retention_days)
            done = Backup.search(
                [("policy_id", "=", policy.id), ("state", "=", "done")],
                order="backup_date desc, id desc",
            )
            for backup in done[1:].filtered(
                lambda b, lim=limit: (b.backup_date or b.start_date) < lim
            ):
                backup._bizreg_expire()

    @api.model
    def _bizreg_ensure_backup_key(self):
        """At install: generate the encryption key unless a key file is
        configured or a key exists."""
        if not config.get(KEY_FILE_OPTION):
            ensure_key(self.env)

    # ------------------------------------------------------------------
    # Crons and escalation
    # ------------------------------------------------------------------
    @api.model
    def _cron_backup_due(self):
        now = fields.Datetime.now()
        running = self.env["bizreg.data.backup"].search([("state", "=", "running")])
        for policy in self.search([("next_backup_date", "<=", now)]):
            if policy in running.policy_id:
                continue
            last = policy.last_attempt_date
            if last and last >= policy.next_backup_date and last > now - RETRY_DELAY:
                continue
            try:
                with self.env.cr.savepoint():
                    policy._bizreg_start_backup(wait=False)
            except Exception:
                _logger.exception("Backup of policy %s could not start", policy.name)

    @api.model
    def _cron_drill_due(self):
        now = fields.Datetime.now()
        running = self.env["bizreg.data.drill"].search([("state", "=", "running")])
        for policy in self.search([("next_drill_date", "<=", now)]):
            if policy in running.policy_id:
                continue
            try:
                with self.env.cr.savepoint():
                    policy._bizreg_start_drill(wait=False)
            except Exception:
                _logger.exception(
                    "Restore drill of policy %s could not start", policy.name
                )

    def _bizreg_escalation_levels(self):
        return [
            ("missing", "backup_deadline", "backup_escalated_date", "_escalate_missing")
        ]

    def _bizreg_escalation_domain(self):
        return [("active", "=", True)]

    def _escalate_missing(self):
        def text(policy, _user, _target):
            return policy.env._(
                "No successful backup of the policy “%(policy)s” since it was due "
                "on %(due)s (last successful backup: %(last)s).",
                policy=policy.name,
                due=policy._bizreg_escalation_time(policy.next_backup_date),
                last=policy._bizreg_escalation_time(policy.last_success_date)
                if policy.last_success_date
                else policy.env._("none"),
            )

        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda policy: alert_users(policy.env),
            summary=lambda policy, _u, _t: policy.env._(
                "Backup missing: %s", policy.name
            ),
            note=text,
            post=text,
        )

    @api.model
    def _cron_escalations(self):
        self._bizreg_run_escalations()
        self.env["bizreg.data.backup"]._bizreg_run_escalations()
        self.env["bizreg.data.drill"]._bizreg_run_escalations()
