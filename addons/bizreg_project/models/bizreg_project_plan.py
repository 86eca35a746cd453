# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import trusted

from ..plan_demo_builder import plan_flow

# states in which the plan's own fields and lines are frozen: a change is a
# new version
FROZEN_STATES = ("approved", "superseded", "cancel")
# fields of the plan that stay writable in every state (chatter, activities)
FREE_PREFIXES = ("message_", "activity_", "website_message")


class BizregProjectPlan(models.Model):
    """The plan set of a regulated project (项目计划): its schedule (the
    project's own milestones and tasks with their dependencies and dates),
    its quality plan (acceptance criteria and the checks that prove them), a
    risk-management plan and a communication plan.

    draft → to_approve → approved (the Project Management Manager) →
    superseded by the next approved version; cancel.  On approval the
    schedule is kept as the baseline (milestone baseline dates and baseline
    lines of this version), the project goes from planning to execution and
    the team and departments are told.  An approved plan is never edited: a
    change is a new version (:meth:`action_new_version`), reviewed again."""

    _name = "bizreg.project.plan"
    _description = "Project Plan Set"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "project_id, version desc, id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _state_from = ["draft", "to_approve"]
    _state_to = ["approved", "superseded"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "to_approve", "approved")
    _bizreg_numbering_trigger = "manual"
    _bizreg_amendable = False
    _bizreg_department_from = "project_id.bizreg_department_id"

    name = fields.Char(string="Plan Title", required=True, tracking=True)
    project_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('bizreg_phase', 'in', ('planning', 'execution'))]",
    )
    project_user_id = fields.Many2one(
        related="project_id.user_id", string="Project Manager"
    )
    version = fields.Integer(readonly=True, default=1, copy=False, tracking=True)
    previous_plan_id = fields.Many2one(
        "bizreg.project.plan",
        string="Previous Version",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Under Review"),
            ("approved", "Approved"),
            ("superseded", "Superseded"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    # schedule: the project's own milestones and tasks (read-only here)
    milestone_ids = fields.One2many(
        related="project_id.milestone_ids", string="Milestones"
    )
    task_ids = fields.One2many(related="project_id.task_ids", string="Tasks")
    # quality plan
    quality_objective = fields.Text(
        string="Quality Objectives",
        help="The standards the project's results must meet.",
    )
    quality_criterion_ids = fields.One2many(
        "bizreg.project.quality.criterion",
        "plan_id",
        string="Acceptance Criteria",
        copy=True,
    )
    # risk-management plan (the register itself: bizreg.project.risk)
    risk_approach = fields.Text(
        string="Risk Management Approach",
        help="How risks are identified, assessed, answered and followed up.",
    )
    risk_thresholds = fields.Text(
        help="Which probability × impact scores are high, medium or low, and "
        "what each level requires.",
    )
    risk_review_days = fields.Integer(
        string="Risk Review Cadence (Days)",
        default=14,
        help="How often the open risks are reviewed.",
    )
    # communication plan
    communication_ids = fields.One2many(
        "bizreg.project.communication",
        "plan_id",
        string="Communication Plan",
        copy=True,
    )
    update_cadence_days = fields.Integer(
        string="Status Update Cadence (Days)",
        compute="_compute_update_cadence_days",
        help="The cadence of the communication plan's status update: the "
        "project's periodic checks are due at this interval.",
    )
    # baseline of this version (kept when later versions are approved)
    baseline_ids = fields.One2many(
        "bizreg.project.plan.baseline",
        "plan_id",
        readonly=True,
        copy=False,
    )

    # ------------------------------------------------------------------
    # Constraints and computes
    # ------------------------------------------------------------------
    @api.constrains("project_id")
    def _check_project(self):
        for plan in self:
            project = plan.project_id.sudo()
            if not project.bizreg_phase:
                raise ValidationError(
                    self.env._(
                        "“Project”: %s is not a regulated project (no approved "
                        "project request created it); it has no plan set.",
                        project.display_name,
                    )
                )
            if project.bizreg_phase == "closed" and plan.state in (
                "draft",
                "to_approve",
            ):
                raise ValidationError(
                    self.env._(
                        "“Project”: %s is closed; its plans cannot change.",
                        project.display_name,
                    )
                )

    @api.constrains("project_id", "state")
    def _check_one_open_version(self):
        open_states = ("draft", "to_approve")
        projects = self.filtered(lambda p: p.state in open_states).project_id
        if not projects:
            return
        counts = self.sudo()._read_group(
            [("project_id", "in", projects.ids), ("state", "in", open_states)],
            ["project_id"],
            ["__count"],
        )
        for project, count in counts:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "Project %s already has a plan in draft or under review: "
                        "finish or cancel it first.",
                        project.display_name,
                    )
                )

    @api.constrains("risk_review_days")
    def _check_risk_review_days(self):
        for plan in self:
            if plan.risk_review_days < 0:
                raise ValidationError(
                    self.env._("“Risk Review Cadence (Days)” cannot be negative.")
                )

    @api.depends("communication_ids.kind", "communication_ids.cadence_days")
    def _compute_update_cadence_days(self):
        for plan in self:
            cadences = [
                line.cadence_days
                for line in plan.communication_ids
                if line.kind == "status_update" and line.cadence_days > 0
            ]
            plan.update_cadence_days = min(cadences) if cadences else 0

    # ------------------------------------------------------------------
    # Approved terms: the plan, its schedule and its lines
    # ------------------------------------------------------------------
    def _bizreg_schedule(self):
        """The project's milestones and (active) tasks, as the engine sees
        them."""
        self.ensure_one()
        project = self.sudo().project_id
        milestones = (
            self.env["project.milestone"]
            .sudo()
            .search([("project_id", "=", project.id)], order="deadline, id")
        )
        tasks = (
            self.env["project.task"]
            .sudo()
            .search([("project_id", "=", project.id)], order="id")
        )
        return milestones, tasks

    def _bizreg_terms(self):
        """The plan's fields, the project's milestones (name, deadline) and
        tasks (name, deadline, dependencies, milestone, assignees), the
        acceptance criteria and the communication lines: a change of the
        schedule after approval shows as a difference."""
        terms = super()._bizreg_terms()
        milestones, tasks = self._bizreg_schedule()
        terms["milestones"] = [
            {"id": m.id, "name": m.name, "deadline": str(m.deadline or "")}
            for m in milestones.sorted("id")
        ]
        terms["tasks"] = [
            {
                "id": t.id,
                "name": t.name,
                "deadline": str(t.date_deadline or ""),
                "depends": sorted(t.depend_on_ids.ids),
                "milestone": t.milestone_id.id,
                "users": sorted(t.user_ids.ids),
            }
            for t in tasks
        ]
        terms["criteria"] = [
            {
                "id": c.id,
                "name": c.name,
                "check": c.check_method or "",
                "sequence": c.sequence,
            }
            for c in self.quality_criterion_ids.sorted("id")
        ]
        terms["communication"] = [
            {
                "id": line.id,
                "kind": line.kind,
                "name": line.name,
                "audience": line.audience or "",
                "partners": sorted(line.partner_ids.ids),
                "owner": line.user_id.id,
                "cadence": line.cadence_days,
            }
            for line in self.communication_ids.sorted("id")
        ]
        return terms

    def _bizreg_terms_snapshot(self):
        snapshot = super()._bizreg_terms_snapshot()
        milestones, tasks = self._bizreg_schedule()
        kinds = dict(
            self.env["bizreg.project.communication"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        lines = {}
        for m in milestones:
            lines[f"milestone-{m.id}"] = f"{m.name}: {m.deadline or ''}"
        for t in tasks:
            lines[f"task-{t.id}"] = (
                f"{t.name}: {t.date_deadline or ''} · "
                f"{', '.join(t.depend_on_ids.mapped('name'))} · "
                f"{t.milestone_id.name or ''} · {', '.join(t.user_ids.mapped('name'))}"
            )
        for c in self.quality_criterion_ids.sorted("id"):
            lines[f"criterion-{c.id}"] = f"{c.name}: {c.check_method or ''}"
        for line in self.communication_ids.sorted("id"):
            lines[f"communication-{line.id}"] = (
                f"{kinds.get(line.kind, '')} · {line.name} · {line.audience or ''} · "
                f"{line.user_id.name or ''} · {line.cadence_days}"
            )
        snapshot["lines"] = lines
        return snapshot

    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + ["state", "version"]

    def _bizreg_send_back_changed(self):
        """An approved plan is not sent back to review: its change is a new
        version (approved and superseded plans are left alone)."""
        return super(
            BizregProjectPlan,
            self.filtered(lambda p: p.state not in ("approved", "superseded")),
        )._bizreg_send_back_changed()

    def _check_frozen(self, names):
        """An approved, superseded or cancelled plan keeps its terms."""
        if self.env.su or not names:
            return
        if all(name.startswith(FREE_PREFIXES) for name in names):
            return
        frozen = self.filtered(lambda p: p.state in FROZEN_STATES)
        if frozen:
            raise UserError(
                self.env._(
                    "Plan “%s” is approved, superseded or cancelled: it cannot be "
                    "changed. Press “New Version” to change an approved plan.",
                    frozen[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _compute_display_name(self):
        for plan in self:
            label = plan.bizreg_number or plan.name or ""
            plan.display_name = (
                f"{label} v{plan.version}" if plan.version and label else label
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self._bizreg_engine_guard_active():
            project_ids = {vals.get("project_id") for vals in vals_list} - {None}
            project_ids.discard(False)
            if project_ids and self.sudo().search_count(
                [
                    ("project_id", "in", list(project_ids)),
                    ("state", "in", ("approved", "superseded")),
                ],
                limit=1,
            ):
                raise UserError(
                    self.env._(
                        "This project already has an approved plan set: open it and "
                        "press “New Version” to change it."
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if self._bizreg_engine_guard_active():
            self._check_frozen(list(vals))
        return super().write(vals)

    def unlink(self):
        if not self.env.su and any(
            plan.state not in ("draft", "cancel") for plan in self
        ):
            raise UserError(self.env._("Only draft or cancelled plans can be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Draft → under review by the Project Management Manager; the plan
        set gets its PP number."""
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        for plan in self:
            project = plan.project_id.sudo()
            if not project.milestone_ids:
                raise UserError(
                    self.env._(
                        "Plan “%s” has no schedule: add the project's milestones "
                        "(with their deadlines) first.",
                        plan.display_name,
                    )
                )
            undated = project.milestone_ids.filtered(lambda m: not m.deadline)
            if undated:
                raise UserError(
                    self.env._(
                        "Milestone “%s” has no deadline: the baseline needs a "
                        "date for each milestone.",
                        undated[0].name,
                    )
                )
            if not plan.quality_criterion_ids:
                raise UserError(
                    self.env._(
                        "Plan “%s” has no acceptance criterion: the quality plan "
                        "lists them.",
                        plan.display_name,
                    )
                )
            if not plan.update_cadence_days:
                raise UserError(
                    self.env._(
                        "Plan “%s” has no status update in its communication plan: "
                        "add one with its cadence in days.",
                        plan.display_name,
                    )
                )

    def action_bizreg_request_again(self):
        if any(plan.state in ("approved", "superseded") for plan in self):
            raise UserError(
                self.env._(
                    "An approved plan is changed through a new version: press "
                    "“New Version”."
                )
            )
        return super().action_bizreg_request_again()

    def action_draft(self):
        """Back to draft after a rejection or a cancellation."""
        return self._bizreg_reset_to_draft()

    def action_cancel(self):
        """A plan in draft or under review is withdrawn (its number is
        voided); an approved plan stays until a new version supersedes it."""
        self.check_access("write")
        self._bizreg_check_state(["draft", "to_approve"])
        self.filtered("review_ids").restart_validation()
        self._bizreg_set_state("cancel")
        return True

    def action_new_version(self):
        """A change after approval: a draft copy of the approved plan (its
        criteria and communication lines too) as version n+1, reviewed again.
        The approved version stays in force until the new one is approved."""
        self.ensure_one()
        self.check_access("write")
        self._bizreg_check_state(["approved"])
        if self.sudo().search_count(
            [
                ("project_id", "=", self.project_id.id),
                ("state", "in", ("draft", "to_approve")),
            ]
        ):
            raise UserError(
                self.env._(
                    "Project %s already has a new plan version in draft or under "
                    "review.",
                    self.project_id.display_name,
                )
            )
        self.check_access("create")
        with trusted("engine"):
            new = self.copy({"version": self.version + 1, "previous_plan_id": self.id})
        new.message_post(
            body=self.env._(
                "New version %(version)s of plan %(plan)s: change it and submit it "
                "for review.",
                version=new.version,
                plan=self.display_name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_view_milestones(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Milestones"),
            "res_model": "project.milestone",
            "view_mode": "list,form",
            "domain": [("project_id", "=", self.project_id.id)],
            "context": {"default_project_id": self.project_id.id},
        }

    def action_view_tasks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Tasks"),
            "res_model": "project.task",
            "view_mode": "list,form",
            "domain": [("project_id", "=", self.project_id.id)],
            "context": {
                "default_project_id": self.project_id.id,
                "active_id": self.project_id.id,
            },
        }

    def action_print(self):
        return self.env.ref(
            "bizreg_project.action_report_bizreg_project_plan"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Approval: baseline, supersede, execution, publication
    # ------------------------------------------------------------------
    def _bizreg_store_approved_digest(self):
        res = super()._bizreg_store_approved_digest()
        for plan in self.sudo().filtered(lambda p: p.state == "approved"):
            plan._bizreg_apply_approval()
        return res

    def _bizreg_apply_approval(self):
        """Runs as the engine when the last review approved the plan."""
        self.ensure_one()
        project = self.project_id
        milestones, tasks = self._bizreg_schedule()
        for milestone in milestones:
            milestone._bizreg_engine_write({"bizreg_baseline_date": milestone.deadline})
        company = self.company_id or self.env.company
        tz_self = self.with_context(tz=company.partner_id.tz or "UTC")
        vals_list = [
            {
                "plan_id": self.id,
                "kind": "milestone",
                "milestone_id": m.id,
                "name": m.name,
                "planned_date": m.deadline,
            }
            for m in milestones
        ]
        vals_list += [
            {
                "plan_id": self.id,
                "kind": "task",
                "task_id": t.id,
                "milestone_id": t.milestone_id.id,
                "name": t.name,
                "planned_date": t.date_deadline
                and fields.Datetime.context_timestamp(tz_self, t.date_deadline).date(),
                "depends_on": ", ".join(t.depend_on_ids.mapped("name")),
            }
            for t in tasks
        ]
        with trusted("engine"):
            self.env["bizreg.project.plan.baseline"].sudo().create(vals_list)
        previous = self.search(
            [
                ("project_id", "=", project.id),
                ("state", "=", "approved"),
                ("id", "!=", self.id),
            ]
        )
        if previous:
            previous._bizreg_set_state("superseded")
            previous.quality_criterion_ids._bizreg_engine_write({"active": False})
            for old in previous:
                old.message_post(
                    body=self.env._(
                        "Superseded by version %(version)s (%(plan)s).",
                        version=self.version,
                        plan=self.display_name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        vals = {
            "bizreg_plan_id": self.id,
            "bizreg_update_reminded_date": False,
            "bizreg_update_escalated_date": False,
            "bizreg_update_director_date": False,
        }
        if project.bizreg_phase == "planning":
            vals["bizreg_phase"] = "execution"
        project._bizreg_engine_write(vals)
        self._bizreg_publish()

    def _bizreg_publish_partners(self):
        """The team (the project's manager, followers and members with a
        role) and the managers of the responsible and accepting departments."""
        self.ensure_one()
        project = self.project_id.sudo()
        partners = project.user_id.partner_id | project.message_partner_ids
        if "assignment_ids" in project._fields:
            partners |= project.assignment_ids.user_id.partner_id
        departments = project.bizreg_department_id | (
            project.bizreg_accepting_department_id
        )
        partners |= departments.manager_id.user_id.partner_id
        return partners.filtered(lambda p: p.active)

    def _bizreg_publish(self):
        """Tell the team and the departments that the plan is in force."""
        self.ensure_one()
        partners = self._bizreg_publish_partners()
        team = partners.filtered(lambda p: p.user_ids and not p.user_ids[0].share)
        self.message_subscribe(partner_ids=team.ids)
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Plan set %(plan)s (version %(version)s) of project %(project)s is "
                "approved and in force: its schedule is the baseline of the "
                "project.",
                plan=self.display_name,
                version=self.version,
                project=self.project_id.display_name,
            ),
            partner_ids=partners.ids,
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
        )
        self.project_id.message_post(
            body=self.env._(
                "Plan set %(plan)s (version %(version)s) approved: the project "
                "follows it from now on.",
                plan=self.display_name,
                version=self.version,
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_demo_plan(self, xmlid):
        """Called by the demo data: see :func:`..plan_demo_builder.plan_flow`."""
        return plan_flow(self.env, xmlid)
