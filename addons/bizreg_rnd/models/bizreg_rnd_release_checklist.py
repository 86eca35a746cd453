# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from .bizreg_rnd_release_checklist_template import CHECKLIST_KINDS

# release states in which the checklist lines are frozen
FROZEN_STATES = ("released", "cancel")
# what the responsible of a line writes without being the release's owner
RESPONSIBLE_FIELDS = {"attendee_ids", "event_id", "note"}


class BizregRndReleaseChecklist(models.Model):
    """A line of a release's checklist (发布检查单): deployment, data
    migration, user training (with its attendance) or another task.  Its
    responsible or the R&D Manager marks it done (who and when are kept);
    the release is ready only when every line is done."""

    _name = "bizreg.rnd.release.checklist"
    _description = "Release Checklist Item"
    _inherit = ["mail.thread"]
    _order = "release_id, sequence, id"

    sequence = fields.Integer(default=10)
    release_id = fields.Many2one(
        "bizreg.rnd.release",
        required=True,
        index=True,
        ondelete="cascade",
    )
    release_state = fields.Selection(
        related="release_id.state", string="Release Status"
    )
    department_id = fields.Many2one(
        related="release_id.department_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="release_id.company_id", store=True, index=True
    )
    kind = fields.Selection(CHECKLIST_KINDS, required=True, default="other")
    name = fields.Char(string="Description", required=True)
    responsible_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        index=True,
    )
    done = fields.Boolean(readonly=True, copy=False, tracking=True)
    done_date = fields.Datetime(string="Done On", readonly=True, copy=False)
    done_user_id = fields.Many2one(
        "res.users", string="Done By", readonly=True, copy=False
    )
    # user training: who attended
    attendee_ids = fields.Many2many(
        "hr.employee",
        "bizreg_rnd_release_checklist_attendee_rel",
        "checklist_id",
        "employee_id",
        string="Attendees",
        copy=False,
        help="For user training: the employees who attended.",
    )
    event_id = fields.Many2one(
        "calendar.event",
        string="Training Session",
        copy=False,
        index="btree_not_null",
    )
    note = fields.Text()

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def _check_open(self):
        """Lines of a released or cancelled release, and lines already done,
        do not change (a done line is reopened by its button)."""
        if not self._bizreg_engine_guard_active():
            return
        for line in self:
            if line.release_id.state in FROZEN_STATES:
                raise UserError(
                    self.env._(
                        "Release “%s” is released or cancelled: its checklist "
                        "cannot change.",
                        line.release_id.display_name,
                    )
                )
            if line.done:
                raise UserError(
                    self.env._(
                        "Checklist item “%s” is done: reopen it before changing it.",
                        line.name,
                    )
                )

    def _send_back_releases(self, releases):
        """A change of an approved release's checklist voids its approval."""
        releases = releases.filtered("bizreg_approved_digest")
        if releases:
            releases._bizreg_send_back_changed()

    @api.model_create_multi
    def create(self, vals_list):
        self._bizreg_check_engine_fields({name for vals in vals_list for name in vals})
        if self._bizreg_engine_guard_active():
            releases = self.env["bizreg.rnd.release"].browse(
                {vals.get("release_id") for vals in vals_list if vals.get("release_id")}
            )
            releases.check_access("write")
            releases._rnd_check_frozen()
        lines = super().create(vals_list)
        self._send_back_releases(lines.release_id)
        return lines

    def write(self, vals):
        self._bizreg_check_engine_fields(vals.keys())
        if set(vals) - {"message_follower_ids"} and not all(
            name.startswith(("message_", "activity_", "website_message"))
            for name in vals
        ):
            self._check_open()
            # the responsible records the attendance; everything else is the
            # release's (its owner or the R&D Manager)
            if self._bizreg_engine_guard_active() and set(vals) - RESPONSIBLE_FIELDS:
                self.release_id.check_access("write")
        old_releases = self.release_id
        res = super().write(vals)
        if {"kind", "name", "responsible_id", "release_id"} & set(vals):
            self._send_back_releases(old_releases | self.release_id)
        return res

    def unlink(self):
        self._check_open()
        if self._bizreg_engine_guard_active():
            self.release_id.check_access("write")
        releases = self.release_id
        res = super().unlink()
        self._send_back_releases(releases.exists())
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_may_tick(self):
        is_manager = self.env.user.has_group("bizreg_rnd.group_bizreg_rnd_manager")
        for line in self:
            if line.release_id.state in FROZEN_STATES:
                raise UserError(
                    self.env._(
                        "Release “%s” is released or cancelled: its checklist "
                        "cannot change.",
                        line.release_id.display_name,
                    )
                )
            if line.responsible_id != self.env.user and not is_manager:
                raise UserError(
                    self.env._(
                        "Only the responsible of “%s” or the R&D Manager marks it.",
                        line.name,
                    )
                )

    def action_done(self):
        """Button: the responsible (or the R&D Manager) marks the item done;
        a user training needs its attendance first."""
        self.check_access("write")
        self._check_may_tick()
        for line in self:
            if line.done:
                continue
            if line.kind == "user_training" and not line.attendee_ids:
                raise UserError(
                    self.env._(
                        "“Attendees”: record who attended the training “%s” "
                        "before marking it done.",
                        line.name,
                    )
                )
            line._bizreg_engine_write(
                {
                    "done": True,
                    "done_date": fields.Datetime.now(),
                    "done_user_id": self.env.uid,
                }
            )
        return True

    def action_reopen(self):
        """Button: the item is not done after all (not after the release)."""
        self.check_access("write")
        self._check_may_tick()
        self.filtered("done")._bizreg_engine_write(
            {"done": False, "done_date": False, "done_user_id": False}
        )
        return True
