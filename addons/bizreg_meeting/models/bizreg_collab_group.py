# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class BizregCollabGroup(models.Model):
    """A cross-department project group (跨部门项目组): its charter (goal,
    scope, lead, period), its members from several departments with their
    responsibilities, and once active its own Discuss channel and a shared
    project for its tasks.

    draft → active (at least two departments among the members; the
    channel and the project are created) → closed."""

    _name = "bizreg.collab.group"
    _description = "Cross-Department Project Group"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Group Name", required=True, tracking=True)
    user_id = fields.Many2one(string="Leader", required=True)
    goal = fields.Text(required=True, help="What the group must achieve.")
    scope = fields.Text(help="What the group covers, and what it does not.")
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(string="End Date", tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    member_ids = fields.One2many(
        "bizreg.collab.member", "group_id", string="Members", copy=True
    )
    member_user_ids = fields.Many2many(
        "res.users",
        "bizreg_collab_group_user_rel",
        "group_id",
        "user_id",
        string="Member Users",
        compute="_compute_member_scope",
        store=True,
    )
    department_ids = fields.Many2many(
        "hr.department",
        "bizreg_collab_group_department_rel",
        "group_id",
        "department_id",
        string="Departments",
        compute="_compute_member_scope",
        store=True,
    )
    channel_id = fields.Many2one("discuss.channel", readonly=True, copy=False)
    project_id = fields.Many2one(
        "project.project", string="Shared Project", readonly=True, copy=False
    )
    event_ids = fields.One2many(
        "bizreg.collab.event", "group_id", string="Team Activities"
    )
    issue_ids = fields.One2many("bizreg.collab.issue", "group_id", string="Issues")
    task_count = fields.Integer(compute="_compute_counts")
    issue_count = fields.Integer(string="Open Issues", compute="_compute_counts")
    event_count = fields.Integer(compute="_compute_counts")

    @api.depends("user_id", "member_ids.user_id", "member_ids.department_id")
    def _compute_member_scope(self):
        for group in self:
            group.member_user_ids = group.member_ids.user_id | group.user_id
            group.department_ids = group.member_ids.department_id

    def _compute_counts(self):
        tasks = dict(
            self.env["project.task"]
            .sudo()
            ._read_group(
                [("project_id", "in", self.project_id.ids)],
                ["project_id"],
                ["__count"],
            )
        )
        issues = dict(
            self.env["bizreg.collab.issue"]._read_group(
                [("group_id", "in", self.ids), ("state", "=", "open")],
                ["group_id"],
                ["__count"],
            )
        )
        events = dict(
            self.env["bizreg.collab.event"]._read_group(
                [("group_id", "in", self.ids)], ["group_id"], ["__count"]
            )
        )
        for group in self:
            group.task_count = tasks.get(group.project_id.sudo(), 0)
            group.issue_count = issues.get(group, 0)
            group.event_count = events.get(group, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for group in self:
            if group.date_end and group.date_end < group.date_start:
                raise ValidationError(
                    self.env._(
                        "“%s” is before the start date.",
                        group._fields["date_end"]._description_string(self.env),
                    )
                )

    def write(self, vals):
        if not self.env.su and self.filtered(lambda g: g.state == "closed"):
            if set(vals) - {"message_main_attachment_id"}:
                raise UserError(self.env._("A closed group cannot change."))
        res = super().write(vals)
        if "name" in vals:
            for group in self.filtered("channel_id"):
                group.channel_id.sudo().name = group.name
        return res

    def unlink(self):
        if any(group.state != "draft" for group in self):
            raise UserError(
                self.env._("Only draft groups can be deleted: close the group instead.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_state(self, states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for group in self:
            if group.state not in states:
                raise UserError(
                    self.env._(
                        "Group “%(group)s” is “%(state)s”: this step is not "
                        "possible now.",
                        group=group.name,
                        state=labels[group.state],
                    )
                )

    def action_activate(self):
        """Draft → active: the members come from at least two departments;
        the group gets its Discuss channel and its shared project."""
        self.check_access("write")
        self._check_state(["draft"])
        for group in self:
            if len(group.member_ids.department_id) < 2:
                raise UserError(
                    self.env._(
                        "A cross-department group needs members from at least two "
                        "departments (“%s”).",
                        group.name,
                    )
                )
        for group in self:
            group._create_workspace()
        self._bizreg_engine_write({"state": "active"})
        return True

    def action_close(self):
        self.check_access("write")
        self._check_state(["active"])
        self._bizreg_engine_write({"state": "closed"})
        return True

    def _partners(self):
        self.ensure_one()
        return (self.member_ids.user_id | self.user_id).partner_id

    def _create_workspace(self):
        """The group's channel (its members) and shared project (the
        members follow it; only followers see a project with the
        "followers" privacy), created by the system."""
        self.ensure_one()
        partners = self._partners()
        vals = {}
        if not self.channel_id:
            vals["channel_id"] = (
                self.env["discuss.channel"]
                .sudo()
                .create(
                    {
                        "name": self.name,
                        "channel_type": "channel",
                        "description": (self.goal or "")[:200],
                        "channel_partner_ids": [
                            Command.link(pid) for pid in partners.ids
                        ],
                    }
                )
                .id
            )
        if not self.project_id:
            project = (
                self.env["project.project"]
                .sudo()
                .with_context(mail_create_nosubscribe=True)
                .create(
                    {
                        "name": self.name,
                        "user_id": self.user_id.id,
                        "privacy_visibility": "followers",
                        "company_id": self.company_id.id,
                        "description": self.goal,
                    }
                )
            )
            project.message_subscribe(partner_ids=partners.ids)
            vals["project_id"] = project.id
        if vals:
            self._bizreg_engine_write(vals)

    def _sync_workspace(self):
        """Members added to an active group join its channel and project."""
        for group in self.filtered(lambda g: g.state == "active"):
            partners = group._partners()
            channel = group.channel_id.sudo()
            if channel:
                missing = partners - channel.channel_member_ids.partner_id
                if missing:
                    channel.add_members(
                        partner_ids=missing.ids, post_joined_message=False
                    )
            if group.project_id:
                group.project_id.sudo().message_subscribe(partner_ids=partners.ids)

    def action_open_channel(self):
        self.ensure_one()
        if not self.channel_id:
            raise UserError(self.env._("The group gets its channel when activated."))
        return {
            "type": "ir.actions.client",
            "tag": "mail.action_discuss",
            "name": self.channel_id.sudo().name,
            "params": {"active_id": f"discuss.channel_{self.channel_id.id}"},
        }

    def action_view_tasks(self):
        self.ensure_one()
        if not self.project_id:
            raise UserError(self.env._("The group gets its project when activated."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "project.act_project_project_2_project_task_all"
        )
        action["domain"] = [("project_id", "=", self.project_id.id)]
        action["context"] = {
            "default_project_id": self.project_id.id,
            "active_id": self.project_id.id,
        }
        return action

    def action_view_issues(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_meeting.bizreg_collab_issue_action"
        )
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {"default_group_id": self.id}
        return action

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_meeting.bizreg_collab_event_action"
        )
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {"default_group_id": self.id}
        return action
