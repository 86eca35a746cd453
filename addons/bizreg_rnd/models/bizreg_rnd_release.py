# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# defects that block a release while open
BLOCKING_SEVERITIES = ("blocker", "critical")
# states of a defect that count as fixed in a release
FIXED_DEFECT_STATES = ("fixed", "verified", "closed")
# states of a release whose checklist and terms are frozen
FROZEN_STATES = ("released", "cancel")


class BizregRndRelease(models.Model):
    """A product release (发布): the requirements planned into it, the test
    results and defects found in it, its readiness gate and its approval.

    draft → review (the R&D Manager, then the Customer Service Manager:
    support ready) → approved → released (the guarded action **Release**,
    which checks the readiness again); cancel.  Submitting and releasing
    need the release to be ready: no open blocker or critical defect, every
    test case of the planned requirements passed or waived with approval,
    the checklist done.  The approved terms are the version, the planned
    date, the planned requirements and the checklist: a change after the
    approval sends the release back to review."""

    _name = "bizreg.rnd.release"
    _description = "Product Release"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_planned desc, id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _state_from = ["draft", "review", "approved"]
    _state_to = ["released"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "review", "approved")
    _bizreg_numbering_trigger = "manual"
    _bizreg_number_in_name = True
    _bizreg_amendable = False

    name = fields.Char(string="Version", required=True, tracking=True)
    project_id = fields.Many2one(
        "project.project",
        string="R&D Project",
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    date_planned = fields.Date(string="Planned Release Date", tracking=True)
    date_released = fields.Datetime(string="Released On", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("released", "Released"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    requirement_ids = fields.One2many(
        "bizreg.rnd.requirement", "planned_release_id", string="Planned Requirements"
    )
    checklist_ids = fields.One2many(
        "bizreg.rnd.release.checklist",
        "release_id",
        string="Release Checklist",
        copy=True,
    )
    # readiness: computed on read for the whole recordset (constant queries)
    is_ready = fields.Boolean(
        string="Ready",
        compute="_compute_readiness",
        help="No open blocker or critical defect, every test case of the "
        "planned requirements passed or waived with approval, and the "
        "checklist done.",
    )
    readiness_issues = fields.Text(
        compute="_compute_readiness",
        help="What keeps the release from being released.",
    )
    release_notes = fields.Html(
        readonly=True,
        copy=False,
        sanitize=True,
        help="Generated from the delivered requirements and the defects fixed "
        "in the release (button “Generate Notes”, and at release).",
    )
    # maintenance (after release)
    ticket_ids = fields.One2many(
        "helpdesk.ticket", "bizreg_rnd_release_id", string="Tickets", readonly=True
    )
    ticket_count = fields.Integer(compute="_compute_maintenance")
    satisfaction_avg = fields.Float(
        string="User Satisfaction",
        compute="_compute_maintenance",
        digits=(3, 2),
        help="Average satisfaction (1–5) of the rated tickets about this "
        "release: the customer's rating, or what the agent recorded.",
    )
    rated_ticket_count = fields.Integer(
        string="Rated Tickets", compute="_compute_maintenance"
    )
    defect_after_release_count = fields.Integer(
        string="Defects Found After Release",
        compute="_compute_maintenance",
        help="Defects found in this release and reported after its release.",
    )
    requirement_count = fields.Integer(compute="_compute_counts")
    test_result_count = fields.Integer(compute="_compute_counts")
    defect_count = fields.Integer(string="Defects Found", compute="_compute_counts")

    # ------------------------------------------------------------------
    # Readiness
    # ------------------------------------------------------------------
    def _rnd_readiness_test_figures(self):
        """``{release id: {"cases", "passed", "waived", "failed", "not_run",
        "open_blockers"}}`` from the testing part of the module
        (``_rnd_test_figures``, constant number of queries); a minimal
        version while it is not installed."""
        if hasattr(type(self), "_rnd_test_figures"):
            return self._rnd_test_figures()
        return self._rnd_test_figures_minimal()

    def _rnd_test_figures_minimal(self):
        ids = self.ids
        figures = {
            rid: dict.fromkeys(
                ("cases", "passed", "waived", "failed", "not_run", "open_blockers"),
                0,
            )
            for rid in ids
        }
        if not ids:
            return figures
        cases = (
            self.env["bizreg.rnd.test.case"]
            .sudo()
            .search_read(
                [("requirement_id.planned_release_id", "in", ids)],
                ["requirement_id"],
            )
        )
        requirements = {
            r["id"]: r["planned_release_id"][0]
            for r in self.env["bizreg.rnd.requirement"]
            .sudo()
            .search_read([("planned_release_id", "in", ids)], ["planned_release_id"])
        }
        case_release = {c["id"]: requirements[c["requirement_id"][0]] for c in cases}
        latest = {}
        for result in (
            self.env["bizreg.rnd.test.result"]
            .sudo()
            .search_read(
                [("release_id", "in", ids), ("case_id", "in", list(case_release))],
                ["case_id", "release_id", "result"],
                order="id desc",
            )
        ):
            key = (result["case_id"][0], result["release_id"][0])
            latest.setdefault(key, result["result"])
        for case_id, release_id in case_release.items():
            fig = figures[release_id]
            fig["cases"] += 1
            result = latest.get((case_id, release_id))
            if result in ("passed", "waived", "failed"):
                fig[result] += 1
            elif not result:
                fig["not_run"] += 1
        for release, count in (
            self.env["bizreg.rnd.defect"]
            .sudo()
            ._read_group(
                [
                    ("found_in_release_id", "in", ids),
                    ("severity", "in", BLOCKING_SEVERITIES),
                    ("state", "not in", ("verified", "closed")),
                ],
                ["found_in_release_id"],
                ["__count"],
            )
        ):
            figures[release.id]["open_blockers"] = count
        return figures

    def _rnd_readiness_issues(self):
        """``{release id: [issue, ...]}``: what keeps each release from being
        released, for the whole recordset in a constant number of queries."""
        releases = self.filtered("id")
        issues = {rec.id: [] for rec in releases}
        if not releases:
            return issues
        figures = releases._rnd_readiness_test_figures()
        undone = dict(
            (release.id, count)
            for release, count in self.env["bizreg.rnd.release.checklist"]
            .sudo()
            ._read_group(
                [("release_id", "in", releases.ids), ("done", "=", False)],
                ["release_id"],
                ["__count"],
            )
        )
        _ = self.env._
        for rec in releases:
            fig = figures.get(rec.id) or {}
            lines = issues[rec.id]
            blockers = fig.get("open_blockers", 0)
            if blockers:
                lines.append(
                    _(
                        "%s open blocker or critical defect(s) found in the release.",
                        blockers,
                    )
                )
            failed = fig.get("failed", 0)
            if failed:
                lines.append(_("%s test case(s) failed.", failed))
            not_run = fig.get("not_run", 0)
            if not_run:
                lines.append(_("%s test case(s) not run in this release.", not_run))
            rest = (
                fig.get("cases", 0)
                - fig.get("passed", 0)
                - fig.get("waived", 0)
                - failed
                - not_run
            )
            if rest > 0:
                lines.append(
                    _(
                        "%s test case(s) blocked or waived without an approved waiver.",
                        rest,
                    )
                )
            if undone.get(rec.id):
                lines.append(_("%s checklist item(s) not done.", undone[rec.id]))
        return issues

    def _compute_readiness(self):
        issues = self._rnd_readiness_issues()
        for rec in self:
            lines = issues.get(rec.id, []) if rec.id else []
            rec.readiness_issues = "\n".join(lines) or False
            rec.is_ready = bool(rec.id) and not lines

    def _rnd_check_ready(self):
        """Refuse unless every release is ready (read now, not from cache)."""
        issues = self._rnd_readiness_issues()
        for rec in self:
            if issues.get(rec.id):
                raise UserError(
                    self.env._(
                        "Release “%(release)s” is not ready:\n%(issues)s",
                        release=rec.display_name,
                        issues="\n".join(issues[rec.id]),
                    )
                )

    # ------------------------------------------------------------------
    # Counters
    # ------------------------------------------------------------------
    def _rnd_count_by(self, model, field, domain=()):
        if not self.ids:
            return {}
        return {
            record.id: count
            for record, count in self.env[model]
            .sudo()
            ._read_group([(field, "in", self.ids), *domain], [field], ["__count"])
        }

    def _compute_counts(self):
        requirements = self._rnd_count_by(
            "bizreg.rnd.requirement", "planned_release_id"
        )
        results = self._rnd_count_by("bizreg.rnd.test.result", "release_id")
        defects = self._rnd_count_by("bizreg.rnd.defect", "found_in_release_id")
        for rec in self:
            rec.requirement_count = requirements.get(rec.id, 0)
            rec.test_result_count = results.get(rec.id, 0)
            rec.defect_count = defects.get(rec.id, 0)

    def _compute_maintenance(self):
        """Tickets, their satisfaction (bizreg_helpdesk's: the customer's
        rating, or what the agent recorded after a call, 1–5) and the
        defects found after release, for the whole recordset in two grouped
        reads."""
        tickets, rated, scores, after = {}, {}, {}, {}
        if self.ids:
            for release, score, count in (
                self.env["helpdesk.ticket"]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    [("bizreg_rnd_release_id", "in", self.ids)],
                    ["bizreg_rnd_release_id", "bizreg_satisfaction_score"],
                    ["__count"],
                )
            ):
                tickets[release.id] = tickets.get(release.id, 0) + count
                if score:
                    rated[release.id] = rated.get(release.id, 0) + count
                    scores[release.id] = scores.get(release.id, 0) + score * count
            after = {
                release.id: count
                for release, count in self.env["bizreg.rnd.defect"]
                .sudo()
                ._read_group(
                    [
                        ("found_in_release_id", "in", self.ids),
                        ("found_after_release", "=", True),
                    ],
                    ["found_in_release_id"],
                    ["__count"],
                )
            }
        for rec in self:
            count = rated.get(rec.id, 0)
            rec.ticket_count = tickets.get(rec.id, 0)
            rec.satisfaction_avg = scores.get(rec.id, 0) / count if count else 0.0
            rec.rated_ticket_count = count
            rec.defect_after_release_count = after.get(rec.id, 0)

    # ------------------------------------------------------------------
    # Approved terms
    # ------------------------------------------------------------------
    def _bizreg_terms(self):
        """The release's own fields, its planned requirements and its
        checklist (kind, description, responsible)."""
        terms = super()._bizreg_terms()
        terms["requirements"] = sorted(self.requirement_ids.ids)
        terms["checklist"] = [
            {
                "id": line.id,
                "kind": line.kind,
                "name": line.name,
                "responsible": line.responsible_id.id,
            }
            for line in self.checklist_ids.sorted("id")
        ]
        return terms

    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + ["state", "release_notes"]

    def _rnd_check_frozen(self):
        """A released or cancelled release keeps its content."""
        if self.env.su:
            return
        frozen = self.filtered(lambda r: r.state in FROZEN_STATES)
        if frozen:
            raise UserError(
                self.env._(
                    "Release “%s” is released or cancelled: it cannot be changed.",
                    frozen[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        releases = super().create(vals_list)
        releases.filtered(lambda r: not r.checklist_ids)._rnd_add_default_checklist()
        return releases

    def write(self, vals):
        if self._bizreg_engine_guard_active() and any(
            not name.startswith(("message_", "activity_", "website_message"))
            for name in vals
        ):
            self._bizreg_check_engine_fields(vals.keys())
            self.check_access("write")
            self._rnd_check_frozen()
        return super().write(vals)

    def _check_allow_write_under_validation(self, vals):
        """An approved release may change: the change voids the approval and
        sends it back to review (:meth:`_bizreg_send_back_changed`)."""
        if self.state == "approved" and self.validation_status == "validated":
            return True
        return super()._check_allow_write_under_validation(vals)

    def unlink(self):
        if not self.env.su and any(rec.state != "draft" for rec in self):
            raise UserError(
                self.env._("Only draft releases can be deleted: cancel it instead.")
            )
        return super().unlink()

    def _rnd_add_default_checklist(self):
        """The checklist lines of the active templates of the company."""
        Template = self.env["bizreg.rnd.release.checklist.template"].sudo()
        Line = self.env["bizreg.rnd.release.checklist"]
        vals_list = []
        for rec in self:
            for template in Template.search(
                [
                    ("company_id", "in", (False, rec.company_id.id)),
                ]
            ):
                vals_list.append(
                    {
                        "release_id": rec.id,
                        "sequence": template.sequence,
                        "kind": template.kind,
                        "name": template.name,
                        "responsible_id": rec.user_id.id,
                    }
                )
        if vals_list:
            Line.create(vals_list)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Draft → under review (R&D Manager, then Customer Service Manager);
        the release gets its RL number.  Only a ready release is submitted."""
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        self._rnd_check_ready()

    def action_release(self):
        """The guarded action: approved → released.  The readiness is checked
        again now; the approved planned requirements become delivered in this
        release and the release notes are generated."""
        self.check_access("write")
        if not self.env.user.has_group("bizreg_rnd.group_bizreg_rnd_manager"):
            for rec in self:
                if rec.user_id != self.env.user:
                    raise UserError(
                        self.env._(
                            "Only the release's responsible or the R&D Manager "
                            "releases “%s”.",
                            rec.display_name,
                        )
                    )
        self._bizreg_check_state(("approved",))
        self._bizreg_check_approved()
        self._rnd_check_ready()
        for rec in self:
            requirements = rec.sudo().requirement_ids.filtered(
                lambda r: r.state == "approved"
            )
            if requirements:
                requirements._deliver(rec)
        self._bizreg_set_state("released")
        self._bizreg_engine_write({"date_released": fields.Datetime.now()})
        self._rnd_generate_notes()
        return True

    def action_cancel(self):
        self.check_access("write")
        self._bizreg_check_state(("draft", "review", "approved"))
        self.filtered(
            lambda r: r.review_ids and r.state != "approved"
        ).restart_validation()
        self._bizreg_set_state("cancel")
        return True

    def action_draft(self):
        """A cancelled or rejected release back to draft."""
        return self._bizreg_reset_to_draft()

    def action_generate_notes(self):
        """Button: (re)generate the release notes."""
        self.check_access("write")
        self._rnd_check_frozen()
        self._rnd_generate_notes()
        return True

    def _rnd_notes_requirements(self):
        """Delivered requirements (before release: the approved planned
        ones)."""
        self.ensure_one()
        Requirement = self.env["bizreg.rnd.requirement"].sudo()
        if self.state == "released":
            return Requirement.search(
                [("delivered_release_id", "=", self.id)], order="id"
            )
        return Requirement.search(
            [
                ("planned_release_id", "=", self.id),
                ("state", "in", ("approved", "delivered")),
            ],
            order="id",
        )

    def _rnd_generate_notes(self):
        _ = self.env._
        Defect = self.env["bizreg.rnd.defect"].sudo()
        for rec in self:
            requirements = rec._rnd_notes_requirements()
            defects = Defect.search(
                [
                    ("fixed_in_release_id", "=", rec.id),
                    ("state", "in", FIXED_DEFECT_STATES),
                ],
                order="id",
            )
            severities = dict(
                Defect._fields["severity"]._description_selection(self.env)
            )
            parts = [Markup("<h3>%s</h3>") % _("New and Changed")]
            if requirements:
                parts.append(Markup("<ul>"))
                for req in requirements:
                    number = getattr(req, "bizreg_number", False) or ""
                    parts.append(
                        Markup("<li><strong>%s</strong> %s</li>") % (number, req.name)
                    )
                parts.append(Markup("</ul>"))
            else:
                parts.append(Markup("<p>%s</p>") % _("No requirement delivered."))
            parts.append(Markup("<h3>%s</h3>") % _("Fixed Defects"))
            if defects:
                parts.append(Markup("<ul>"))
                for defect in defects:
                    number = getattr(defect, "bizreg_number", False) or ""
                    parts.append(
                        Markup("<li><strong>%s</strong> %s (%s)</li>")
                        % (number, defect.name, severities.get(defect.severity, ""))
                    )
                parts.append(Markup("</ul>"))
            else:
                parts.append(Markup("<p>%s</p>") % _("No defect fixed."))
            rec._bizreg_engine_write({"release_notes": Markup("").join(parts)})

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "bizreg_rnd.action_report_bizreg_rnd_release"
        ).report_action(self)

    # smart buttons -------------------------------------------------------
    def _rnd_action(self, model, name, domain, context=None):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": domain,
            "context": context or {},
        }

    def action_view_requirements(self):
        return self._rnd_action(
            "bizreg.rnd.requirement",
            self.env._("Planned Requirements"),
            [("planned_release_id", "=", self.id)],
            {"default_planned_release_id": self.id},
        )

    def action_view_test_results(self):
        return self._rnd_action(
            "bizreg.rnd.test.result",
            self.env._("Test Results"),
            [("release_id", "=", self.id)],
            {"default_release_id": self.id},
        )

    def action_view_defects(self):
        return self._rnd_action(
            "bizreg.rnd.defect",
            self.env._("Defects"),
            [("found_in_release_id", "=", self.id)],
            {"default_found_in_release_id": self.id},
        )

    def action_view_tickets(self):
        return self._rnd_action(
            "helpdesk.ticket",
            self.env._("Tickets"),
            [("bizreg_rnd_release_id", "=", self.id)],
            {"default_bizreg_rnd_release_id": self.id, "create": False},
        )

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _demo_release_flow(self, xmlid, release=False):
        """Demo data: tick the checklist (the training attended by the
        release's team and the customer service), submit the release as its
        owner, approve it as the R&D Manager and the Customer Service
        Manager, and release it when ``release``.  A release that is not
        ready is left as it is."""
        rec = self.env.ref(xmlid)
        if rec.state != "draft":
            return True
        owner = rec.user_id
        manager = self.env.ref("bizreg_base.user_rnd_manager")
        service = self.env.ref("bizreg_base.user_service_manager")
        attendees = (
            owner | manager | self.env.ref("bizreg_base.user_service_user")
        ).employee_ids
        for line in rec.checklist_ids:
            if line.kind == "user_training" and not line.attendee_ids:
                line.with_user(line.responsible_id or owner).write(
                    {"attendee_ids": [Command.set(attendees.ids)]}
                )
            line.with_user(line.responsible_id or owner).action_done()
        issues = rec._rnd_readiness_issues().get(rec.id)
        if issues:
            _logger.info("Demo release %s is not ready: %s", xmlid, issues)
            return True
        rec.with_user(owner).action_submit()
        rec.with_user(manager).validate_tier()
        rec.with_user(service).validate_tier()
        if release:
            rec.with_user(manager).action_release()
        return True
