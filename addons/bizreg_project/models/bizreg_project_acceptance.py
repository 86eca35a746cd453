# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import trusted

_logger = logging.getLogger(__name__)

# Phases of a project in which its acceptance may be requested.
ACCEPTANCE_PHASES = ("execution", "acceptance")
CERTIFICATE_REPORT = "bizreg_project.action_report_bizreg_project_acceptance"


class BizregProjectAcceptance(models.Model):
    """The acceptance of a project's results (项目验收) by the accepting
    department: the team's self-check of every acceptance criterion of the
    quality plan, then the request to the accepting department's manager,
    who accepts or refuses it with reasons.

    draft → to_approve → accepted; cancel.  A refusal sends the request back
    to draft with the reviewer's reason in the chatter; once fixed it is
    requested again, and ``request_count`` keeps how many times it was
    requested (the KPI "acceptances passed at the first request")."""

    _name = "bizreg.project.acceptance"
    _description = "Project Acceptance"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _state_from = ["draft", "to_approve"]
    _state_to = ["accepted"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "to_approve", "accepted")
    # an acceptance is not amended: a new fact is a new request
    _bizreg_amendable = False
    # the department scope is the project's responsible department
    _bizreg_department_from = "project_id.bizreg_department_id"
    _bizreg_department_depends = ("project_id", "project_id.bizreg_department_id")

    name = fields.Char(
        string="Acceptance", compute="_compute_name", store=True, readonly=True
    )
    project_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('bizreg_phase', 'in', ('execution', 'acceptance'))]",
    )
    accepting_department_id = fields.Many2one(
        related="project_id.bizreg_accepting_department_id",
        store=True,
        index=True,
        string="Accepting Department",
    )
    acceptor_user_id = fields.Many2one(
        "res.users",
        string="Acceptor",
        compute="_compute_acceptor_user_id",
        store=True,
        index=True,
        help="The manager of the accepting department: the request is "
        "addressed to them.",
    )
    request_count = fields.Integer(
        string="Requests",
        readonly=True,
        default=0,
        copy=False,
        help="How many times the acceptance was requested (a refused request "
        "fixed and requested again counts twice).",
    )
    summary = fields.Text(
        string="Summary of Results",
        help="What the project delivered against its goal, scope and deliverables.",
    )
    check_ids = fields.One2many(
        "bizreg.project.acceptance.check",
        "acceptance_id",
        string="Self-Check",
        copy=False,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Requested"),
            ("accepted", "Accepted"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_accepted = fields.Datetime(string="Accepted On", readonly=True, copy=False)
    accepted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    certificate_id = fields.Many2one(
        "ir.attachment",
        string="Acceptance Certificate",
        readonly=True,
        copy=False,
        help="The acceptance certificate (验收单) as issued on acceptance.",
    )
    closing_issues = fields.Text(
        string="Closing Formalities",
        compute="_compute_closing_issues",
        help="What still stands between the project and its closing.",
    )
    check_open_count = fields.Integer(
        string="Open Checks", compute="_compute_check_open_count"
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("project_id.name")
    def _compute_name(self):
        for rec in self:
            rec.name = rec.project_id.name or ""

    @api.depends(
        "accepting_department_id", "accepting_department_id.manager_id.user_id"
    )
    def _compute_acceptor_user_id(self):
        for rec in self:
            # who accepted stays on an accepted or cancelled acceptance
            if rec.state in ("accepted", "cancel") and rec.acceptor_user_id:
                continue
            rec.acceptor_user_id = rec.sudo().accepting_department_id.manager_id.user_id

    def _compute_closing_issues(self):
        for rec in self:
            project = rec.project_id.sudo()
            issues = project._bizreg_closing_issues() if project else []
            rec.closing_issues = "\n".join(f"• {issue}" for issue in issues) or ""

    @api.depends("check_ids.result")
    def _compute_check_open_count(self):
        for rec in self:
            rec.check_open_count = len(
                rec.check_ids.filtered(lambda c: c.result not in ("passed", "na"))
            )

    @api.constrains("project_id", "state")
    def _check_one_open_per_project(self):
        for rec in self.filtered(lambda r: r.state != "cancel"):
            others = self.sudo().search_count(
                [
                    ("project_id", "=", rec.project_id.id),
                    ("state", "!=", "cancel"),
                    ("id", "!=", rec.id),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "Project “%s” already has an acceptance: request it "
                        "again instead of creating another one.",
                        rec.project_id.display_name,
                    )
                )

    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Acceptance of %s", rec.project_id.display_name or ""
            )

    # ------------------------------------------------------------------
    # Approved terms
    # ------------------------------------------------------------------
    def _bizreg_terms(self):
        """The summary and every self-check line (criterion, result,
        evidence): the acceptor accepts what the team checked."""
        terms = super()._bizreg_terms()
        terms["checks"] = [
            {
                "criterion": check.criterion_id.id,
                "result": check.result or "",
                "evidence": check.evidence or "",
            }
            for check in self.check_ids.sorted("id")
        ]
        return terms

    def _bizreg_owner_users(self):
        """The project's manager never accepts their own project."""
        return super()._bizreg_owner_users() | self.sudo().project_id.user_id

    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + [
            "state",
            "request_count",
            "date_accepted",
            "accepted_by_id",
            "certificate_id",
            "acceptor_user_id",
        ]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for rec in records:
            if rec.project_id.sudo().bizreg_phase not in ACCEPTANCE_PHASES:
                raise UserError(
                    self.env._(
                        "Project “%s” is not in execution: its acceptance cannot "
                        "be requested.",
                        rec.project_id.display_name,
                    )
                )
        records._bizreg_sync_checks()
        return records

    def write(self, vals):
        if self._bizreg_engine_guard_active():
            closed = self.filtered(lambda r: r.state in ("accepted", "cancel"))
            if closed:
                raise UserError(
                    self.env._(
                        "“%s” is accepted or cancelled: it cannot change.",
                        closed[0].display_name,
                    )
                )
            if "project_id" in vals and self.filtered(lambda r: r.state != "draft"):
                raise UserError(
                    self.env._("The project of a requested acceptance cannot change.")
                )
        return super().write(vals)

    def unlink(self):
        if any(rec.state != "draft" or rec.request_count for rec in self):
            raise UserError(
                self.env._(
                    "Only an acceptance never requested can be deleted: cancel "
                    "it instead."
                )
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Self-check
    # ------------------------------------------------------------------
    def _criteria_in_force(self):
        """The acceptance criteria of the projects' plan set in force (those
        of a new version still in draft are not in force yet), and those
        recorded without a plan."""
        criteria = (
            self.env["bizreg.project.quality.criterion"]
            .sudo()
            .search([("project_id", "in", self.project_id.ids)])
        )
        return criteria.filtered(
            lambda c: not c.plan_id or c.plan_id == c.project_id.bizreg_plan_id
        )

    def _bizreg_sync_checks(self):
        """A self-check line for every active acceptance criterion of the
        project that has none yet (criteria added to the quality plan since
        the acceptance was created included)."""
        Check = self.env["bizreg.project.acceptance.check"].sudo()
        criteria = self._criteria_in_force()
        by_project = criteria.grouped("project_id")
        vals_list = []
        for rec in self.filtered(lambda r: r.state == "draft"):
            present = set(rec.check_ids.criterion_id.ids)
            for criterion in by_project.get(rec.project_id, criteria.browse()):
                if criterion.id not in present:
                    vals_list.append(
                        {"acceptance_id": rec.id, "criterion_id": criterion.id}
                    )
        if vals_list:
            with trusted("engine"):
                Check.create(vals_list)
        return True

    def action_reload_checks(self):
        """Button: add the criteria added to the quality plan since."""
        self.check_access("write")
        self._bizreg_check_state(("draft",))
        return self._bizreg_sync_checks()

    def _bizreg_check_submit(self):
        criteria = self._criteria_in_force()
        for rec in self:
            missing = criteria.filtered(
                lambda c, rec=rec: (
                    c.project_id == rec.project_id
                    and c not in rec.sudo().check_ids.criterion_id
                )
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Criterion “%s” was added to the quality plan since the "
                        "self-check started: press “Reload Criteria” and check it.",
                        missing[0].name,
                    )
                )
        labels = dict(
            self.env["bizreg.project.acceptance.check"]
            ._fields["result"]
            ._description_selection(self.env)
        )
        for rec in self:
            project = rec.project_id.sudo()
            if project.bizreg_phase not in ACCEPTANCE_PHASES:
                raise UserError(
                    self.env._(
                        "Project “%s” is not in execution: its acceptance cannot "
                        "be requested.",
                        project.display_name,
                    )
                )
            if not rec.check_ids:
                raise UserError(
                    self.env._(
                        "Project “%s” has no acceptance criterion: its quality plan "
                        "must list the criteria the team checks.",
                        project.display_name,
                    )
                )
            failing = rec.check_ids.filtered(lambda c: c.result not in ("passed", "na"))
            if failing:
                raise UserError(
                    self.env._(
                        "The self-check is not complete: criterion “%(criterion)s” "
                        "is “%(result)s”. Every criterion must be passed or not "
                        "applicable before the acceptance is requested.",
                        criterion=failing[0].criterion_id.name,
                        result=labels.get(failing[0].result)
                        or self.env._("not checked"),
                    )
                )
            acceptor = rec.acceptor_user_id
            if not acceptor:
                raise UserError(
                    self.env._(
                        "The accepting department of project “%s” has no manager "
                        "with a user: nobody could accept it.",
                        project.display_name,
                    )
                )
            if acceptor in (project.user_id | rec.user_id | self.env.user):
                raise UserError(
                    self.env._(
                        "The acceptor %(user)s manages or requests project "
                        "“%(project)s”: a project is accepted by someone else. "
                        "Choose another accepting department.",
                        user=acceptor.name,
                        project=project.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Draft → requested: the acceptance goes to the manager of the
        accepting department; the project enters its acceptance phase.
        Also the way to request it again after a refusal."""
        self._bizreg_submit_for_review()
        for rec in self:
            rec._bizreg_engine_write({"request_count": rec.request_count + 1})
        projects = self.project_id.sudo().filtered(
            lambda p: p.bizreg_phase != "acceptance"
        )
        if projects:
            projects._bizreg_engine_write({"bizreg_phase": "acceptance"})
        return True

    def action_cancel(self):
        self.check_access("write")
        self._bizreg_check_state(("draft", "to_approve"))
        self.filtered("review_ids").restart_validation()
        self._bizreg_set_state("cancel")
        # no open acceptance left: the project is back in execution
        for project in self.project_id.sudo():
            if project.bizreg_phase == "acceptance" and not self.sudo().search_count(
                [("project_id", "=", project.id), ("state", "!=", "cancel")]
            ):
                project._bizreg_engine_write({"bizreg_phase": "execution"})
        return True

    def action_print_certificate(self):
        self.ensure_one()
        self._bizreg_check_printable()
        return self.env.ref(CERTIFICATE_REPORT).report_action(self)

    def _bizreg_check_printable(self):
        for rec in self:
            if rec.state != "accepted":
                raise UserError(
                    self.env._(
                        "The acceptance certificate of “%s” is issued once the "
                        "project is accepted.",
                        rec.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Engine hooks: approval and refusal
    # ------------------------------------------------------------------
    def _bizreg_store_approved_digest(self):
        before = {rec.id: rec.state for rec in self}
        res = super()._bizreg_store_approved_digest()
        accepted = self.filtered(
            lambda r: r.state == "accepted" and before.get(r.id) != "accepted"
        )
        now = fields.Datetime.now()
        for rec in accepted:
            approvers = rec.review_ids.filtered(lambda r: r.status == "approved")
            rec._bizreg_engine_write(
                {
                    "date_accepted": now,
                    "accepted_by_id": (approvers[-1:].done_by or self.env.user).id,
                }
            )
            rec.sudo().message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Project accepted by %(user)s: the acceptance certificate is "
                    "issued.",
                    user=rec.accepted_by_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        accepted._bizreg_issue_certificate()
        return res

    def _bizreg_issue_certificate(self):
        """Keep the certificate as issued (a PDF attached to the acceptance).
        Without a PDF engine the certificate stays printable from the form."""
        report = self.env.ref(CERTIFICATE_REPORT).sudo()
        for rec in self.sudo():
            try:
                with self.env.cr.savepoint():
                    content, kind = report._render_qweb_pdf(report.report_name, rec.ids)
                    if kind != "pdf":
                        continue
                    attachment = (
                        self.env["ir.attachment"]
                        .sudo()
                        .create(
                            {
                                "name": self.env._(
                                    "Acceptance certificate %s.pdf", rec.name
                                ),
                                "raw": content,
                                "res_model": rec._name,
                                "res_id": rec.id,
                                "mimetype": "application/pdf",
                            }
                        )
                    )
                    rec._bizreg_engine_write({"certificate_id": attachment.id})
            except Exception:
                _logger.exception("Acceptance certificate of %s not issued", rec)

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        reviews = (tiers or self.review_ids).filtered(lambda r: r.status == "rejected")
        for rec in self:
            for review in reviews.filtered(lambda r, rec=rec: r.res_id == rec.id):
                rec.sudo().message_post(
                    body=Markup("<p>%s</p><p>%s</p>")
                    % (
                        self.env._(
                            "Acceptance refused by %s: fix what the reason says, "
                            "then request the acceptance again.",
                            (review.done_by or self.env.user).name,
                        ),
                        escape(review.comment or ""),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return res

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _demo_acceptance_flow(self, project, acceptor, refuse_reason=None):
        """Demo: the self-check of ``project``'s criteria passed, the
        acceptance requested by the project manager and accepted by
        ``acceptor`` (refused once with ``refuse_reason`` first, when given).
        Returns the acceptance."""
        project = self.env["project.project"].browse(int(project))
        acceptor = self.env["res.users"].browse(int(acceptor))
        manager = project.user_id
        acceptance = self.with_user(manager).create(
            {
                "project_id": project.id,
                "user_id": manager.id,
                "summary": "按计划交付,详见自检记录。",
            }
        )
        acceptance.check_ids.with_user(manager).write(
            {"result": "passed", "evidence": "项目组自检通过。"}
        )
        acceptance.with_user(manager).action_submit()
        if refuse_reason:
            action = acceptance.with_user(acceptor).reject_tier()
            self.env["comment.wizard"].with_user(acceptor).with_context(
                **action["context"]
            ).create({"comment": refuse_reason}).add_comment()
            acceptance.invalidate_recordset()
            acceptance.with_user(manager).action_submit()
        acceptance.with_user(acceptor).validate_tier()
        acceptance.invalidate_recordset()
        return acceptance

    @api.model
    def _demo_finished_project(self, request_xmlid):
        """Demo: the project of the approved request ``request_xmlid`` run to
        its end: in execution with two acceptance criteria, accepted by the
        manager of its accepting department at the second request, its
        lessons learned written, evaluated by the Project Management Manager
        (``bizreg_base.user_project_manager``) and closed by its manager."""
        request = self.env.ref(request_xmlid, raise_if_not_found=False)
        project = request and request.project_id
        if not project or project.bizreg_phase not in ("planning", "execution"):
            return False
        if project.bizreg_phase == "planning":
            # the demo skips the plan set of this project
            project._bizreg_engine_write({"bizreg_phase": "execution"})
        self.env["bizreg.project.quality.criterion"].create(
            [
                {
                    "project_id": project.id,
                    "sequence": 1,
                    "name": "收发货全部扫码入账",
                    "check_method": "抽查一周收发货单据与扫码记录",
                },
                {
                    "project_id": project.id,
                    "sequence": 2,
                    "name": "仓库人员完成培训",
                    "check_method": "培训签到表与上机考核",
                },
            ]
        )
        acceptor = project.bizreg_accepting_department_id.manager_id.user_id
        self._demo_acceptance_flow(
            project.id, acceptor.id, refuse_reason="盘点扫码尚未在二号仓库试运行。"
        )
        manager = project.user_id
        self.env["bizreg.project.lesson"].with_user(manager).create(
            {
                "name": "扫码终端提前采购",
                "project_id": project.id,
                "went_well": "仓库关键用户从需求阶段就参与,上线后很快接受。",
                "went_wrong": "扫码终端到货晚了三周,压缩了测试时间。",
                "recommendations": "硬件在方案评审前下单;每个仓库单独试运行。",
                "tags": "硬件, 采购, 试运行",
            }
        )
        self.env["bizreg.project.evaluation"].with_user(
            self.env.ref("bizreg_base.user_project_manager")
        ).create(
            {
                "project_id": project.id,
                "schedule_score": 3,
                "quality_score": 4,
                "cost_score": 5,
                "collaboration_score": 4,
                "comments": "到货延迟影响进度,但成本控制良好。",
            }
        )
        project.with_user(manager).action_bizreg_close()
        return True
