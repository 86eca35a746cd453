# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import trusted

# the source fields of a requirement: at most one is set
SOURCE_FIELDS = (
    "source_research_report_id",
    "source_lead_id",
    "source_ticket_id",
)


class BizregRndRequirement(models.Model):
    """A product requirement (产品需求), gathered from a market research
    report, an opportunity or a customer consultation/complaint, evaluated,
    approved by the R&D Manager and planned into a release."""

    _name = "bizreg.rnd.requirement"
    _description = "Product Requirement"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _state_from = ["draft", "review", "approved"]
    _state_to = ["delivered"]
    # an approved requirement may change (the change sends it back to review,
    # or is the R&D Manager's planning); under review it may not
    _bizreg_editable_approved_state = "approved"
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "review", "approved")
    # a rejected requirement stays under review: its owner revises and
    # resubmits it
    _bizreg_rejected_to_draft = False
    _bizreg_numbering_trigger = "manual"
    _bizreg_number_in_name = True
    # the PRD is the approved scope of a release: once delivered, nothing
    # changes (a new requirement is raised instead)
    _bizreg_amendable = False
    # the cancellation reason is not a term of the approval
    _bizreg_digest_exclude = ("cancel_reason",)

    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Html()
    user_id = fields.Many2one(string="Responsible (R&D)")
    requester_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        default=lambda self: self.env.user,
        help="Who raised the requirement (by default the owner of its source): "
        "notified when it is approved, planned, delivered or cancelled.",
    )
    scope = fields.Text(
        help="What the requirement covers, and what it does not.",
    )
    line_ids = fields.One2many(
        "bizreg.rnd.requirement.line",
        "requirement_id",
        string="Requirement Lines",
        copy=True,
    )
    # Evaluation -------------------------------------------------------
    scoring_model_id = fields.Many2one(
        "bizreg.rnd.scoring.model",
        default=lambda self: self.env["bizreg.rnd.scoring.model"]._default_model(),
        ondelete="restrict",
        tracking=True,
    )
    reach = fields.Float(
        help="How many users or customers the requirement reaches per period.",
    )
    impact = fields.Float(
        default=1.0,
        help="Impact per user reached (RICE: 3 massive, 2 high, 1 medium, "
        "0.5 low, 0.25 minimal).",
    )
    confidence = fields.Float(
        string="Confidence (%)",
        default=100.0,
        help="How sure the estimates are, 0 to 100 %.",
    )
    effort = fields.Float(
        string="Effort (person-days)",
        default=1.0,
        help="Estimated work in person-days (more than zero).",
    )
    value = fields.Float(
        string="Business Value", help="Business value on the model's scale."
    )
    risk = fields.Float(help="Delivery risk on the model's scale.")
    score = fields.Float(
        compute="_compute_score",
        store=True,
        aggregator="avg",
        digits=(16, 2),
        help="Computed by the scoring model from the inputs.",
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Medium"), ("2", "High"), ("3", "Very High")],
        default="0",
        index=True,
        tracking=True,
        help="Set by the evaluator from the score and the strategy.",
    )
    cancel_reason = fields.Text(
        string="Cancellation Reason",
        copy=False,
        help="Why the requirement was cancelled (needed to cancel it).",
    )
    source_kind = fields.Selection(
        [
            ("research", "Research Report"),
            ("lead", "Opportunity"),
            ("ticket", "Helpdesk Ticket"),
            ("none", "Internal"),
        ],
        compute="_compute_source_kind",
        store=True,
    )
    in_my_department = fields.Boolean(
        compute="_compute_in_my_department",
        search="_search_in_my_department",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("delivered", "Delivered"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    planned_release_id = fields.Many2one(
        "bizreg.rnd.release",
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    delivered_release_id = fields.Many2one(
        "bizreg.rnd.release",
        string="Delivered In",
        index=True,
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    source_ticket_id = fields.Many2one("helpdesk.ticket", index="btree_not_null")
    source_lead_id = fields.Many2one(
        "crm.lead", string="Source Opportunity", index="btree_not_null"
    )
    source_research_report_id = fields.Many2one(
        "bizreg.marketing.research.report",
        index="btree_not_null",
    )

    # ------------------------------------------------------------------
    # Constraints and computes
    # ------------------------------------------------------------------
    @api.constrains(*SOURCE_FIELDS)
    def _check_one_source(self):
        for requirement in self:
            if sum(bool(requirement[name]) for name in SOURCE_FIELDS) > 1:
                raise ValidationError(
                    self.env._(
                        "Requirement “%s” has more than one source: keep one of "
                        "“Source Research Report”, “Source Opportunity” and "
                        "“Source Ticket”.",
                        requirement.display_name,
                    )
                )

    @api.constrains("reach", "impact", "confidence", "effort", "value", "risk")
    def _check_scoring_inputs(self):
        for requirement in self:
            for name in ("reach", "impact", "effort", "value", "risk", "confidence"):
                if requirement[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "“%(field)s” of requirement “%(requirement)s” cannot "
                            "be negative.",
                            field=self._fields[name]._description_string(self.env),
                            requirement=requirement.display_name,
                        )
                    )
            if requirement.effort <= 0:
                raise ValidationError(
                    self.env._(
                        "“Effort (person-days)” of requirement “%s” must be more "
                        "than zero.",
                        requirement.display_name,
                    )
                )
            if requirement.confidence > 100:
                raise ValidationError(
                    self.env._(
                        "“Confidence (%%)” of requirement “%s” cannot exceed 100.",
                        requirement.display_name,
                    )
                )

    @api.constrains("planned_release_id", "company_id")
    def _check_planned_release(self):
        for requirement in self:
            release = requirement.sudo().planned_release_id
            if not release:
                continue
            if release.company_id != requirement.company_id:
                raise ValidationError(
                    self.env._(
                        "“Planned Release” %(release)s of requirement "
                        "“%(requirement)s” belongs to another company.",
                        release=release.display_name,
                        requirement=requirement.display_name,
                    )
                )
            if release.state not in ("draft", "review", "approved"):
                raise ValidationError(
                    self.env._(
                        "“Planned Release” %(release)s of requirement "
                        "“%(requirement)s” is released or cancelled: plan it into "
                        "an open release.",
                        release=release.display_name,
                        requirement=requirement.display_name,
                    )
                )

    @api.depends(
        "scoring_model_id.formula",
        "scoring_model_id.weight_value",
        "scoring_model_id.weight_reach",
        "scoring_model_id.weight_effort",
        "scoring_model_id.weight_risk",
        "reach",
        "impact",
        "confidence",
        "effort",
        "value",
        "risk",
    )
    def _compute_score(self):
        for requirement in self:
            requirement.score = requirement.scoring_model_id._score(requirement)

    @api.depends(*SOURCE_FIELDS)
    def _compute_source_kind(self):
        for requirement in self:
            if requirement.source_research_report_id:
                requirement.source_kind = "research"
            elif requirement.source_lead_id:
                requirement.source_kind = "lead"
            elif requirement.source_ticket_id:
                requirement.source_kind = "ticket"
            else:
                requirement.source_kind = "none"

    # ------------------------------------------------------------------
    # Approved terms
    # ------------------------------------------------------------------
    def _bizreg_terms(self):
        """The requirement's fields (scope, priority, scoring inputs, planned
        release, source, requester) and every line."""
        terms = super()._bizreg_terms()
        terms["lines"] = [
            {
                "id": line.id,
                "type": line.line_type,
                "name": line.name or "",
                "acceptance": line.acceptance_criterion or "",
            }
            for line in self.line_ids.sorted("id")
        ]
        return terms

    def _bizreg_terms_snapshot(self):
        snapshot = super()._bizreg_terms_snapshot()
        snapshot["lines"] = {
            f"line-{line.id}": f"{line.line_type}: {line.name or ''} "
            f"({line.acceptance_criterion or ''})"
            for line in self.line_ids.sorted("id")
        }
        return snapshot

    @api.model
    def _bizreg_terms_fields(self):
        return super()._bizreg_terms_fields() | {"line_ids"}

    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + [
            "state",
            "delivered_release_id",
            "score",
            "cancel_reason",
        ]

    @api.model
    def _get_after_validation_exceptions(self):
        # the R&D Manager plans an approved requirement into a release on its
        # form (``_is_planning``); any other change goes through the digest
        return super()._get_after_validation_exceptions() + ["planned_release_id"]

    @api.model
    def _get_all_validation_exceptions(self):
        # the form: the planned release stays editable once approved (the
        # view's own modifier keeps it read-only under review)
        return super()._get_all_validation_exceptions() + ["planned_release_id"]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "requester_id" not in vals:
                owner = self._source_owner(vals)
                if owner:
                    vals["requester_id"] = owner.id
        releases = self.env["bizreg.rnd.release"].browse(
            {
                vals["planned_release_id"]
                for vals in vals_list
                if vals.get("planned_release_id")
            }
        )
        self._rnd_check_release_open(releases)
        records = super().create(vals_list)
        self._rnd_send_back_releases(releases)
        return records

    def write(self, vals):
        moved = self.browse()
        if "planned_release_id" in vals:
            new = self.env["bizreg.rnd.release"].browse(
                vals["planned_release_id"] or []
            )
            moved = self.filtered(
                lambda r: (
                    r.planned_release_id.id != (vals["planned_release_id"] or False)
                )
            )
            old = moved.planned_release_id
            if moved:
                self._rnd_check_release_open(old | new)
        if self._is_planning(vals):
            # the R&D Manager plans an approved requirement into a release:
            # the plan is approved by its approver, the digest follows it
            with trusted("review"):
                res = super().write(vals)
            for requirement in self:
                requirement._bizreg_engine_write(
                    {"bizreg_approved_digest": requirement._bizreg_terms_digest()}
                )
            self._notify_requester("planned")
        else:
            res = super().write(vals)
        if moved:
            self._rnd_send_back_releases((old | new).exists())
        return res

    # The release side: the planned requirements are terms of the release's
    # approval.  Planning a requirement into (or out of) an approved release
    # sends the release back to review; a released or cancelled release keeps
    # its requirements.
    def _rnd_check_release_open(self, releases):
        if not self._bizreg_engine_guard_active():
            return
        closed = releases.sudo().filtered(lambda r: r.state in ("released", "cancel"))
        if closed:
            raise UserError(
                self.env._(
                    "“Planned Release”: release “%s” is released or cancelled; "
                    "its requirements cannot change.",
                    closed[0].display_name,
                )
            )

    def _rnd_send_back_releases(self, releases):
        releases = releases.sudo().filtered("bizreg_approved_digest")
        if releases:
            releases._bizreg_send_back_changed()

    def _is_planning(self, vals):
        """Whether ``vals`` plans approved requirements into a release by an
        R&D Manager who is not their owner (their approver)."""
        if set(vals) != {"planned_release_id"} or not vals["planned_release_id"]:
            return False
        user = self.env.user
        if not user.has_group("bizreg_rnd.group_bizreg_rnd_manager"):
            return False
        return all(
            r.state == "approved"
            and r.validation_status == "validated"
            and not r._bizreg_terms_differ()
            and user not in (r.user_id | r.create_uid | r.requester_id)
            for r in self
        )

    def unlink(self):
        if any(r.state not in ("draft", "cancel") for r in self):
            raise UserError(
                self.env._("Only draft or cancelled requirements can be deleted.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Sources
    # ------------------------------------------------------------------
    @api.model
    def _source_owner(self, vals):
        """The owner of the source named in ``vals`` (its user)."""
        for name in SOURCE_FIELDS:
            if vals.get(name):
                comodel = self._fields[name].comodel_name
                source = self.env[comodel].sudo().browse(vals[name]).exists()
                return source.user_id if source else self.env["res.users"]
        return self.env["res.users"]

    def _source(self):
        self.ensure_one()
        for name in SOURCE_FIELDS:
            if self[name]:
                return self[name]
        return None

    @api.model
    def _rnd_responsible(self, company):
        """The R&D Manager of the company's R&D area (the first department of
        the area with a manager), who takes over a requirement raised by
        another area."""
        area = self.env.ref("bizreg_base.bizreg_area_rnd", raise_if_not_found=False)
        if not area:
            return self.env["res.users"]
        departments = (
            self.env["hr.department"]
            .sudo()
            .search(
                [
                    ("bizreg_area_id", "=", area.id),
                    ("company_id", "in", [False, company.id]),
                    ("manager_id.user_id", "!=", False),
                ],
                order="id",
                limit=1,
            )
        )
        return departments.manager_id.user_id

    @api.model
    def _source_field(self, source):
        for name in SOURCE_FIELDS:
            if self._fields[name].comodel_name == source._name:
                return name
        raise UserError(
            self.env._("A requirement cannot come from “%s”.", source._description)
        )

    @api.model
    def _create_from_source(self, source):
        """Create a draft requirement from a research report, an opportunity
        or a helpdesk ticket, for whoever may read the source (its owner is
        the requester).  Staff of other areas have no right on R&D records:
        the requirement is created by the engine, owned by the R&D area (the
        caller when they are R&D staff, else the R&D Manager) and readable by
        its requester."""
        source.ensure_one()
        source.check_access("read")
        field = self._source_field(source)
        company = source.company_id if "company_id" in source._fields else False
        company = company or self.env.company
        user = self.env.user
        if user.has_group("bizreg_rnd.group_bizreg_rnd_user"):
            responsible = user
        else:
            responsible = self._rnd_responsible(company) or user
        vals = {
            "name": source.name,
            "description": source._bizreg_rnd_requirement_description(),
            field: source.id,
            "requester_id": (source.user_id or user).id,
            "user_id": responsible.id,
            "company_id": company.id,
        }
        requirement = self.sudo().with_company(company).create(vals)
        requirement.message_subscribe(partner_ids=responsible.partner_id.ids)
        source.sudo().with_context(mail_create_nosubscribe=True).message_post(
            body=Markup(self.env._("Requirement %s raised from this record."))
            % requirement._get_html_link(),
            subtype_xmlid="mail.mt_note",
        )
        return requirement.with_env(self.env)

    def action_view_source(self):
        self.ensure_one()
        source = self._source()
        if not source:
            raise UserError(self.env._("This requirement has no source."))
        return {
            "type": "ir.actions.act_window",
            "res_model": source._name,
            "res_id": source.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _notify_requester(self, event):
        """Tell the requester (and the source's followers, on the source) what
        became of the requirement."""
        labels = {
            "approved": self.env._("approved"),
            "planned": self.env._("planned"),
            "delivered": self.env._("delivered"),
            "cancel": self.env._("cancelled"),
        }
        for requirement in self.sudo():
            release = (
                requirement.delivered_release_id
                if event == "delivered"
                else requirement.planned_release_id
            )
            body = self.env._(
                "Requirement %(number)s “%(title)s” is %(event)s%(release)s.",
                number=requirement.bizreg_number or "",
                title=requirement.name,
                event=labels[event],
                release=(self.env._(" (release %s)", release.name) if release else ""),
            )
            if event == "cancel" and requirement.cancel_reason:
                body += " " + self.env._("Reason: %s", requirement.cancel_reason)
            partners = requirement.requester_id.partner_id
            requirement.message_post(
                body=body,
                partner_ids=partners.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            source = requirement._source()
            if source:
                # the poster does not become a follower of the source (a
                # follower reads a ticket: complaints stay the service's)
                source.sudo().with_context(mail_create_nosubscribe=True).message_post(
                    body=Markup("%s %s") % (body, requirement._get_html_link()),
                    partner_ids=partners.ids,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Draft → under review by the R&D Manager; the PRD gets its number."""
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        for requirement in self:
            if not requirement.line_ids:
                raise UserError(
                    self.env._(
                        "Requirement “%s” has no lines: describe its functional, "
                        "performance or interface requirements first.",
                        requirement.display_name,
                    )
                )

    def _bizreg_store_approved_digest(self):
        approved_before = self.filtered(lambda r: r.state == "approved")
        res = super()._bizreg_store_approved_digest()
        (
            self.filtered(lambda r: r.state == "approved") - approved_before
        )._notify_requester("approved")
        return res

    def action_cancel(self):
        """Cancel with a reason (an approved requirement: the R&D Manager)."""
        self.check_access("write")
        self._bizreg_check_state(["draft", "review", "approved"])
        for requirement in self:
            if not (requirement.cancel_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the “Cancellation Reason” of requirement “%s” first.",
                        requirement.display_name,
                    )
                )
        if any(r.state == "approved" for r in self) and not self.env.user.has_group(
            "bizreg_rnd.group_bizreg_rnd_manager"
        ):
            raise UserError(
                self.env._("Only the R&D Manager cancels an approved requirement.")
            )
        self.filtered("review_ids").restart_validation()
        self._bizreg_set_state("cancel")
        self._notify_requester("cancel")
        return True

    def action_draft(self):
        """Back to draft after a rejection or a cancellation."""
        return self._bizreg_reset_to_draft()

    def _deliver(self, release):
        """Called by the release when it is released: the approved
        requirements are delivered in ``release`` (engine write)."""
        release.ensure_one()
        todo = self.sudo().filtered(lambda r: r.state == "approved")
        todo._bizreg_check_approved()
        with trusted("engine"):
            todo._bizreg_engine_write({"delivered_release_id": release.id})
        todo._bizreg_set_state("delivered")
        todo._notify_requester("delivered")
        return todo

    def action_print(self):
        return self.env.ref(
            "bizreg_rnd.action_report_bizreg_rnd_requirement"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Test coverage (latest results of the test cases in the planned
    # release)
    # ------------------------------------------------------------------
    test_case_ids = fields.One2many(
        "bizreg.rnd.test.case", "requirement_id", string="Test Cases"
    )
    coverage_state = fields.Selection(
        [
            ("none", "No Test Case"),
            ("not_covered", "Not Covered"),
            ("waived", "Covered with Waivers"),
            ("covered", "Covered"),
        ],
        string="Test Coverage",
        compute="_compute_coverage_state",
        store=True,
        index=True,
        help="In the planned release, the latest result of every active test "
        "case: all passed = covered; all passed or waived with an approved "
        "waiver, at least one waived = covered with waivers; otherwise not "
        "covered. No active test case = no test case.",
    )

    @api.depends(
        "planned_release_id",
        "test_case_ids.active",
        "test_case_ids.result_ids.result",
        "test_case_ids.result_ids.waiver_state",
        "test_case_ids.result_ids.release_id",
    )
    def _compute_coverage_state(self):
        """Three queries for the whole batch, whatever its size."""
        reqs = self.sudo().filtered("id")
        for req in self - reqs:
            req.coverage_state = "none"
        if not reqs:
            return
        Case = self.env["bizreg.rnd.test.case"].sudo().with_context(active_test=True)
        cases = {
            requirement.id: ids
            for requirement, ids in Case._read_group(
                [("requirement_id", "in", reqs.ids)],
                ["requirement_id"],
                ["id:array_agg"],
            )
        }
        releases = {req.id: req.planned_release_id.id for req in reqs}
        latest = self.env["bizreg.rnd.test.result"]._rnd_latest_results(
            [("requirement_id", "in", reqs.ids)],
            [release for release in releases.values() if release],
        )
        for req in reqs:
            case_ids = cases.get(req.id)
            if not case_ids:
                req.coverage_state = "none"
                continue
            release_id = releases[req.id]
            outcomes = {
                latest.get((release_id, case_id), "not_run") for case_id in case_ids
            }
            if outcomes == {"passed"}:
                req.coverage_state = "covered"
            elif outcomes <= {"passed", "waived"}:
                req.coverage_state = "waived"
            else:
                req.coverage_state = "not_covered"

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _demo_requirement_flow(self, xmlid, approver_xmlid, release_xmlid=None):
        """Demo data: submit the requirement as its owner, approve it as the
        R&D Manager and plan it into the release."""
        requirement = self.env.ref(xmlid)
        if requirement.state != "draft":
            return True
        approver = self.env.ref(approver_xmlid)
        owner = requirement.user_id
        requirement.with_user(owner).action_submit()
        requirement.with_user(approver).validate_tier()
        if release_xmlid:
            requirement.with_user(approver).write(
                {"planned_release_id": self.env.ref(release_xmlid).id}
            )
        return True
