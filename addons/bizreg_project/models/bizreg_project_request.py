# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..request_demo_builder import request_flow


class BizregProjectRequest(models.Model):
    """A project request (立项申请): goal, scope, deliverables, dates, budget
    by cost category, sponsor, proposed project manager and team, approved by
    budget (Project Management Manager; Finance above 100,000; Director
    above 500,000).

    draft → to_approve → approved (the project is created, its manager
    appointed, its team assigned with their roles and responsibilities, the
    team and the departments notified); cancel.  The approved terms are the
    request's fields, every budget line and every team line."""

    _name = "bizreg.project.request"
    _description = "Project Request"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _state_from = ["draft", "to_approve", "approved"]
    _state_to = []
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "to_approve", "approved")
    # a rejected request stays under review: its requester revises and
    # resubmits it
    _bizreg_rejected_to_draft = False
    _bizreg_numbering_trigger = "manual"
    _bizreg_number_in_name = True
    # the request's approval ends in the project: no amendment of the request
    _bizreg_amendable = False

    name = fields.Char(string="Project Name", required=True, tracking=True)
    user_id = fields.Many2one(string="Requester")
    goal = fields.Text(required=True, help="What the project must achieve.")
    scope = fields.Text(help="What the project covers, and what it does not.")
    deliverables = fields.Text(help="What the project hands over at acceptance.")
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    sponsor_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who backs the project and answers for its benefits.",
    )
    manager_user_id = fields.Many2one(
        "res.users",
        string="Project Manager",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="The proposed project manager, appointed when the request is approved.",
    )
    accepting_department_id = fields.Many2one(
        "hr.department",
        required=True,
        tracking=True,
        help="The department whose manager accepts the project's results.",
    )
    expected_benefits = fields.Text()
    main_risks = fields.Text()
    budget_line_ids = fields.One2many(
        "bizreg.project.request.budget.line",
        "request_id",
        string="Budget",
        copy=True,
    )
    member_ids = fields.One2many(
        "bizreg.project.request.member",
        "request_id",
        string="Team",
        copy=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    budget_total = fields.Monetary(
        compute="_compute_budget_total",
        store=True,
        tracking=True,
        help="Sum of the budget lines (company currency).",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Under Review"),
            ("approved", "Approved"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    project_id = fields.Many2one(
        "project.project",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The project created when the request was approved.",
    )

    in_my_department = fields.Boolean(
        compute="_compute_in_my_department",
        search="_search_in_my_department",
    )

    _sql_constraints = [
        (
            "project_uniq",
            "unique(project_id)",
            "A project is created by one request only.",
        ),
    ]

    # ------------------------------------------------------------------
    # Constraints and computes
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for request in self:
            if (
                request.date_start
                and request.date_end
                and request.date_end < request.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The “End Date” of project request “%s” is before its "
                        "start date.",
                        request.name,
                    )
                )

    @api.depends("budget_line_ids.amount")
    def _compute_budget_total(self):
        for request in self:
            request.budget_total = sum(request.budget_line_ids.mapped("amount"))

    # ------------------------------------------------------------------
    # Approved terms
    # ------------------------------------------------------------------
    def _bizreg_terms(self):
        """The request's fields, every budget line (category, description,
        amount) and every team line (member, role, responsibility)."""
        terms = super()._bizreg_terms()
        terms["budget_lines"] = [
            {
                "id": line.id,
                "category": line.category_id.id,
                "name": line.name or "",
                "amount": round(line.amount, 2),
            }
            for line in self.budget_line_ids.sorted("id")
        ]
        terms["members"] = [
            {
                "id": member.id,
                "user": member.user_id.id,
                "role": member.role_id.id,
                "responsibility": member.responsibility or "",
            }
            for member in self.member_ids.sorted("id")
        ]
        return terms

    def _bizreg_terms_snapshot(self):
        snapshot = super()._bizreg_terms_snapshot()
        lines = {}
        for line in self.budget_line_ids.sorted("id"):
            lines[f"budget-{line.id}"] = (
                f"{line.category_id.name} / {line.name or ''}: {line.amount:.2f}"
            )
        for member in self.member_ids.sorted("id"):
            lines[f"member-{member.id}"] = (
                f"{member.user_id.name} · {member.role_id.name} · "
                f"{member.responsibility or ''}"
            )
        snapshot["lines"] = lines
        return snapshot

    @api.model
    def _bizreg_engine_fields(self):
        # written by the request's own code while it is under review or
        # approved (state, total following the lines, the created project)
        return super()._bizreg_engine_fields() + [
            "state",
            "budget_total",
            "project_id",
        ]

    def _check_terms_editable(self):
        """The budget and team of a request under review or approved cannot
        change (the reviewers decide on what was submitted; the approved
        request is the record of what the project was approved for)."""
        if self.env.su:
            return
        locked = self.filtered(
            lambda r: (
                r.state == "to_approve"
                and r.validation_status in ("waiting", "pending")
            )
        )
        if locked:
            raise UserError(
                self.env._(
                    "Project request “%s” is under review: its budget and team "
                    "cannot change now.",
                    locked[0].display_name,
                )
            )
        closed = self.filtered(lambda r: r.state in ("approved", "cancel"))
        if closed:
            raise UserError(
                self.env._(
                    "Project request “%s” is approved or cancelled: its budget and "
                    "team cannot change.",
                    closed[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def unlink(self):
        if any(request.state not in ("draft", "cancel") for request in self):
            raise UserError(
                self.env._("Only draft or cancelled project requests can be deleted.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Draft → under review: the reviews of the budget's approval chain;
        the request gets its number."""
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        for request in self:
            if not request.budget_line_ids:
                raise UserError(
                    self.env._(
                        "Project request “%s” has no budget: add its budget by "
                        "cost category first.",
                        request.display_name,
                    )
                )
            if not request.member_ids:
                raise UserError(
                    self.env._(
                        "Project request “%s” has no team: name the members, their "
                        "roles and responsibilities first.",
                        request.display_name,
                    )
                )

    def action_draft(self):
        """Back to draft after a rejection or a cancellation."""
        return self._bizreg_reset_to_draft()

    def action_cancel(self):
        self.check_access("write")
        self._bizreg_check_state(["draft", "to_approve"])
        self.filtered("review_ids").restart_validation()
        self._bizreg_set_state("cancel")
        return True

    def action_view_project(self):
        self.ensure_one()
        if not self.project_id:
            raise UserError(self.env._("No project was created for this request yet."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.project",
            "res_id": self.project_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_print(self):
        return self.env.ref(
            "bizreg_project.action_report_bizreg_project_request"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Approval: the project
    # ------------------------------------------------------------------
    def _bizreg_store_approved_digest(self):
        """On the last approval the project is created (once: a request sent
        back and approved again updates the project's approved budget)."""
        res = super()._bizreg_store_approved_digest()
        for request in self.sudo():
            if request.state != "approved":
                continue
            if request.project_id:
                request.project_id._bizreg_engine_write(
                    {"bizreg_budget_total": request.budget_total}
                )
            else:
                request._bizreg_create_project()
        return res

    def _bizreg_project_vals(self):
        self.ensure_one()
        return {
            "name": self.name,
            "user_id": self.manager_user_id.id,
            "date_start": self.date_start,
            "date": self.date_end,
            "company_id": self.company_id.id,
            "description": Markup("<p>%s</p>") % self.goal if self.goal else False,
        }

    def _bizreg_create_project(self):
        """Create the approved request's project as the engine (not with the
        approver's rights): its manager, its team with their roles and
        responsibilities as assignments, the manager and the team as
        followers; then notify the team and the departments."""
        self.ensure_one()
        request = self.sudo()
        project = (
            self.env["project.project"]
            .sudo()
            .with_company(request.company_id)
            .with_context(mail_create_nosubscribe=True)
            .create(request._bizreg_project_vals())
        )
        project._bizreg_engine_write(
            {
                "bizreg_request_id": request.id,
                "bizreg_phase": "planning",
                "bizreg_department_id": request.department_id.id,
                "bizreg_accepting_department_id": request.accepting_department_id.id,
                "bizreg_budget_total": request.budget_total,
            }
        )
        request._bizreg_engine_write({"project_id": project.id})
        self.env["project.assignment"].sudo().create(
            [
                {
                    "project_id": project.id,
                    "role_id": member.role_id.id,
                    "user_id": member.user_id.id,
                    "company_id": project.company_id.id,
                    "bizreg_responsibility": member.responsibility,
                }
                for member in request.member_ids
            ]
        )
        team = request.manager_user_id | request.member_ids.user_id
        project.message_subscribe(partner_ids=team.partner_id.ids)
        request._bizreg_notify_project(project)
        request.message_post(
            body=Markup(self.env._("Project %s created.")) % project._get_html_link(),
            subtype_xmlid="mail.mt_note",
        )
        return project

    def _bizreg_notify_project(self, project):
        """A message on the project to the team and to the managers of the
        members' departments and of the accepting department."""
        self.ensure_one()
        departments = self.member_ids.department_id | self.accepting_department_id
        managers = departments.manager_id.user_id
        recipients = (
            self.manager_user_id | self.member_ids.user_id | managers
        ).partner_id
        rows = Markup("").join(
            Markup("<li>%s — %s: %s</li>")
            % (
                member.user_id.name,
                member.role_id.name,
                member.responsibility or "",
            )
            for member in self.member_ids
        )
        body = Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
            self.env._(
                "Project request %(number)s is approved: project “%(project)s” "
                "starts with %(manager)s as project manager. The team:",
                number=self.bizreg_number or "",
                project=project.name,
                manager=self.manager_user_id.name,
            ),
            rows,
            self.env._(
                "Accepting department: %s. Plan the project next.",
                self.accepting_department_id.name,
            ),
        )
        project.message_post(
            body=body,
            partner_ids=recipients.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------
    # Budget summary
    # ------------------------------------------------------------------
    def _bizreg_budget_by_category(self):
        """``{category: amount}`` of the request's budget."""
        self.ensure_one()
        result = {}
        for line in self.sudo().budget_line_ids:
            result[line.category_id] = result.get(line.category_id, 0.0) + line.amount
        return result

    def _bizreg_budget_html(self):
        """The budget by category, as an HTML table (for the project form)."""
        self.ensure_one()
        request = self.sudo()
        currency = request.currency_id
        by_category = request._bizreg_budget_by_category()
        rows = []
        for category in sorted(by_category, key=lambda c: (c.sequence, c.id)):
            lines = request.budget_line_ids.filtered(
                lambda line, category=category: line.category_id == category
            )
            details = "; ".join(
                f"{line.name}: {currency.format(line.amount)}"
                for line in lines
                if line.name
            )
            rows.append(
                Markup("<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td></tr>")
                % (category.name, details, currency.format(by_category[category]))
            )
        return Markup(
            "<table class='table table-sm o_bizreg_project_budget'><thead><tr>"
            "<th>%s</th><th>%s</th><th class='text-end'>%s</th></tr></thead>"
            "<tbody>%s</tbody><tfoot><tr><th colspan='2'>%s</th>"
            "<th class='text-end'>%s</th></tr></tfoot></table>"
        ) % (
            self.env._("Cost Category"),
            self.env._("Lines"),
            self.env._("Amount"),
            Markup("").join(rows),
            self.env._("Total"),
            escape(currency.format(request.budget_total)),
        )

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _demo_request_flow(self, request_xmlid, approvers, last=True, project=None):
        """Called by the demo data: see :func:`..request_demo_builder.request_flow`."""
        return request_flow(self.env, request_xmlid, approvers, last, project)
